// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/ent_out: every open file is a consumer with its own generator.
 * Reads block until the generator is seeded (O_NONBLOCK: -EAGAIN).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "ent_internal.h"

#define ENT_CHRDEV_CHUNK 4096

static int ent_out_open(struct inode *inode, struct file *file)
{
	char name[32];

	snprintf(name, sizeof(name), "ent_out:%d", task_tgid_nr(current));
	file->private_data = ent_consumer_create(name);
	return file->private_data ? 0 : -ENOMEM;
}

static int ent_out_release(struct inode *inode, struct file *file)
{
	ent_consumer_destroy(file->private_data);
	return 0;
}

static ssize_t ent_out_read(struct file *file, char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	struct ent_consumer *c = file->private_data;
	size_t done = 0;
	int err = 0;
	u8 *buf;

	if (!(file->f_flags & O_NONBLOCK)) {
		err = ent_consumer_wait_seeded(c);
		if (err)
			return err;
	}
	buf = kmalloc(ENT_CHRDEV_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (done < len) {
		size_t n = min_t(size_t, len - done, ENT_CHRDEV_CHUNK);
		u32 credited;

		err = ent_consumer_read(c, buf, n, &credited);
		if (err)
			break;
		if (copy_to_user(ubuf + done, buf, n)) {
			err = -EFAULT;
			break;
		}
		done += n;
		if (signal_pending(current))
			break;
		cond_resched();
	}
	kfree_sensitive(buf);
	return done ? done : err;
}

static const struct file_operations ent_out_fops = {
	.owner = THIS_MODULE,
	.open = ent_out_open,
	.release = ent_out_release,
	.read = ent_out_read,
	.llseek = noop_llseek,
};

static struct miscdevice ent_out_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ent_out",
	.fops = &ent_out_fops,
	.mode = 0444,
};

int ent_chrdev_init(void)
{
	return misc_register(&ent_out_dev);
}

void ent_chrdev_exit(void)
{
	misc_deregister(&ent_out_dev);
}
