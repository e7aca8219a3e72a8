// SPDX-License-Identifier: GPL-2.0
/*
 * Stats and test hooks in debugfs, under /sys/kernel/debug/ent/:
 *   pool                  seeds ready, made, taken; bits credited, wasted
 *   consumers             one line per consumer
 *   sources/<name>/stats  state, H, cutoffs, quality, bytes in, bits credited
 *   sources/<name>/tap    raw samples as they arrive, while the file is open
 *                         (one reader; blocks until samples arrive)
 *   sources/<name>/inject_stuck  write 1: samples replaced by zeros (tests)
 *   sources/<name>/inject_biased write 1: four samples in five one value
 *                         (tests; portable/ent_fault.h)
 *   sources/<name>/reset  write 1: clear a latched failure (operator)
 * Every stats file is "key: value" lines, one record per line group.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include "ent_internal.h"

static struct dentry *ent_dbg_root;
static struct dentry *ent_dbg_sources;

static int ent_pool_show(struct seq_file *m, void *v)
{
	spin_lock(&ent_lock);
	seq_printf(m, "seeds_ready: %u\nseeds_made: %llu\nseeds_taken: %llu\n",
		   ent_pool_seeds(&ent_pool), ent_pool.seeds_made,
		   ent_pool.seeds_taken);
	seq_printf(m, "bits_pending: %llu\nbits_credited: %llu\nbits_wasted: %llu\n",
		   ent_pool.units / ENT_UNITS_PER_BIT,
		   ent_pool.units_in / ENT_UNITS_PER_BIT,
		   ent_pool.units_wasted / ENT_UNITS_PER_BIT);
	spin_unlock(&ent_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ent_pool);

static int ent_consumers_show(struct seq_file *m, void *v)
{
	struct ent_consumer *c;

	spin_lock(&ent_lock);
	list_for_each_entry(c, &ent_consumers, node)
		seq_printf(m, "id: %llu name: %s bytes_out: %llu reads: %llu reseeds: %llu credited_bits: %llu\n",
			   c->id, c->name, c->stats.bytes_out, c->stats.reads,
			   c->stats.reseeds, c->stats.credited_bits);
	spin_unlock(&ent_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ent_consumers);

static int ent_source_stats_show(struct seq_file *m, void *v)
{
	struct ent_source *src = m->private;
	const struct ent_health *hs = &src->health;

	spin_lock(&ent_lock);
	seq_printf(m, "name: %s\nstate: %s\nh: %u\nquality: %u\n",
		   src->name, ent_health_state_name(hs->state), hs->h,
		   src->quality);
	seq_printf(m, "rct_cutoff: %u\napt_cutoff: %u\napt_window: %u\n",
		   hs->rct_cutoff, hs->apt_cutoff, ENT_APT_WINDOW);
	seq_printf(m, "raw_bytes: %llu\ncredited_bits: %llu\nfailures: %u\nlast_failure: %s\n",
		   src->raw_bytes, src->credited_units / ENT_UNITS_PER_BIT,
		   hs->failures, ent_health_test_name(hs->last_failure));
	/* how many samples the tests took to catch an injected fault */
	seq_printf(m, "samples: %llu\nfailed_at_sample: %llu\ninject: %s\ninject_at_sample: %llu\ninject_caught_after: %llu\n",
		   hs->samples, hs->failed_at_sample,
		   ent_fault_name(src->inject), src->inject_at_sample,
		   src->inject_caught_after);
	spin_unlock(&ent_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ent_source_stats);

static int ent_tap_open(struct inode *inode, struct file *file)
{
	struct ent_source *src = inode->i_private;
	int err = -EBUSY;

	spin_lock(&ent_lock);
	if (!src->tap_open) {
		kfifo_reset(&src->tap);
		src->tap_open = true;
		ent_taps_open++;
		kref_get(&src->ref);
		file->private_data = src;
		err = 0;
	}
	spin_unlock(&ent_lock);
	if (err)
		return err;
	wake_up(&ent_pull_wq);		/* a tapped source is pulled */
	return nonseekable_open(inode, file);
}

static int ent_tap_release(struct inode *inode, struct file *file)
{
	struct ent_source *src = file->private_data;

	spin_lock(&ent_lock);
	src->tap_open = false;
	ent_taps_open--;
	spin_unlock(&ent_lock);
	kref_put(&src->ref, ent_source_release);
	return 0;
}

/*
 * Blocks until samples arrive (O_NONBLOCK: -EAGAIN), then drains them;
 * 0 (end of file) once the source is unregistered and drained.
 */
static ssize_t ent_tap_read(struct file *file, char __user *ubuf, size_t len,
			    loff_t *ppos)
{
	struct ent_source *src = file->private_data;
	u8 buf[256];
	unsigned int n;
	int err;

	if (file->f_flags & O_NONBLOCK) {
		if (kfifo_is_empty(&src->tap))
			return READ_ONCE(src->gone) ? 0 : -EAGAIN;
	} else {
		err = wait_event_interruptible(src->tap_wq,
					       !kfifo_is_empty(&src->tap) ||
					       READ_ONCE(src->gone));
		if (err)
			return err;
	}
	spin_lock(&ent_lock);
	n = kfifo_out(&src->tap, buf, min(len, sizeof(buf)));
	spin_unlock(&ent_lock);
	if (copy_to_user(ubuf, buf, n))
		return -EFAULT;
	return n;
}

static const struct file_operations ent_tap_fops = {
	.owner = THIS_MODULE,
	.open = ent_tap_open,
	.release = ent_tap_release,
	.read = ent_tap_read,
	.llseek = no_llseek,
};

static int ent_parse_bool(const char __user *ubuf, size_t len, bool *v)
{
	int err = kstrtobool_from_user(ubuf, len, v);

	return err ? -EINVAL : 0;
}

/* 1 starts the fault (in place of any other), 0 ends it if it is on. */
static ssize_t ent_inject(struct ent_source *src, enum ent_fault fault,
			  const char __user *ubuf, size_t len)
{
	bool v;
	int err = ent_parse_bool(ubuf, len, &v);

	if (err)
		return err;
	spin_lock(&ent_lock);
	if (v) {
		src->inject = fault;
		src->inject_at_sample = src->health.samples;
		src->inject_caught_after = 0;
		src->inject_phase = 0;
	} else if (src->inject == fault) {
		src->inject = ENT_FAULT_NONE;
	}
	spin_unlock(&ent_lock);
	return len;
}

static ssize_t ent_inject_stuck_write(struct file *file,
				      const char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	return ent_inject(file->private_data, ENT_FAULT_STUCK, ubuf, len);
}

static ssize_t ent_inject_biased_write(struct file *file,
				       const char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	return ent_inject(file->private_data, ENT_FAULT_BIASED, ubuf, len);
}

static const struct file_operations ent_inject_stuck_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ent_inject_stuck_write,
	.llseek = no_llseek,
};

static const struct file_operations ent_inject_biased_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ent_inject_biased_write,
	.llseek = no_llseek,
};

static ssize_t ent_reset_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct ent_source *src = file->private_data;
	bool v;
	int err = ent_parse_bool(ubuf, len, &v);

	if (err)
		return err;
	if (v) {
		spin_lock(&ent_lock);
		ent_health_reset(&src->health);
		src->logged_state = src->health.state;
		spin_unlock(&ent_lock);
	}
	return len;
}

static const struct file_operations ent_reset_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ent_reset_write,
	.llseek = no_llseek,
};

void ent_debugfs_add_source(struct ent_source *src)
{
	src->dbg = debugfs_create_dir(src->name, ent_dbg_sources);
	debugfs_create_file("stats", 0444, src->dbg, src,
			    &ent_source_stats_fops);
	debugfs_create_file("tap", 0400, src->dbg, src, &ent_tap_fops);
	debugfs_create_file("inject_stuck", 0200, src->dbg, src,
			    &ent_inject_stuck_fops);
	debugfs_create_file("inject_biased", 0200, src->dbg, src,
			    &ent_inject_biased_fops);
	debugfs_create_file("reset", 0200, src->dbg, src, &ent_reset_fops);
}

void ent_debugfs_remove_source(struct ent_source *src)
{
	debugfs_remove(src->dbg);
}

/* debugfs failures are not fatal: the files are for people and tests. */
int ent_debugfs_init(void)
{
	ent_dbg_root = debugfs_create_dir("ent", NULL);
	ent_dbg_sources = debugfs_create_dir("sources", ent_dbg_root);
	debugfs_create_file("pool", 0444, ent_dbg_root, NULL, &ent_pool_fops);
	debugfs_create_file("consumers", 0444, ent_dbg_root, NULL,
			    &ent_consumers_fops);
	return 0;
}

void ent_debugfs_exit(void)
{
	debugfs_remove(ent_dbg_root);
}
