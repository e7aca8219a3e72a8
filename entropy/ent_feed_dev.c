// SPDX-License-Identifier: GPL-2.0
/*
 * A push source as a character device that takes entropy the way
 * /dev/random does, so rngd can fill it ("rngd -o /dev/<name>"):
 *   ioctl(RNDADDENTROPY)  mix; credit min(claimed, declared, source cap)
 *   ioctl(RNDGETENTCNT)   credited bits waiting in the core
 *   write()               mix without credit
 *   poll()                POLLOUT while the core wants input
 * Crediting needs CAP_SYS_ADMIN, as for /dev/random.
 */
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "ent_internal.h"

#define FEED_MAX_BYTES 4096	/* per call; rngd sends 64 */

struct ent_feed_dev {
	struct miscdevice misc;
	struct module *owner;
	struct ent_source *src;
	unsigned int (*declared)(void);
};

static struct ent_feed_dev *ent_feed_of(struct file *file)
{
	return container_of(file->private_data, struct ent_feed_dev, misc);
}

/* Mixes len user bytes, crediting at most the claimed bits. */
static long ent_feed_add(struct ent_feed_dev *fd, const void __user *ubuf,
			 size_t len, u64 bits)
{
	unsigned int q;
	u8 *buf;

	if (len > FEED_MAX_BYTES)
		return -EINVAL;
	if (!len)
		return 0;
	buf = memdup_user(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	q = (unsigned int)min_t(u64, ENT_QUALITY_FULL,
				div_u64(bits * 1024, len * 8));
	if (fd->declared)
		q = min(q, fd->declared());
	ent_source_feed(fd->src, buf, len, q);
	kfree_sensitive(buf);
	return 0;
}

static long ent_feed_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	int __user *p = (int __user *)arg;
	int count, size;

	switch (cmd) {
	case RNDGETENTCNT:
		return put_user((int)ent_available_bits(), p);
	case RNDADDENTROPY:
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(count, p) || get_user(size, p + 1))
			return -EFAULT;
		if (count < 0 || size < 0)
			return -EINVAL;
		return ent_feed_add(ent_feed_of(file), p + 2, size, count);
	default:
		return -ENOTTY;
	}
}

static ssize_t ent_feed_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	size_t done = 0;

	while (done < len) {
		size_t n = min_t(size_t, len - done, FEED_MAX_BYTES);
		long err = ent_feed_add(ent_feed_of(file), ubuf + done, n, 0);

		if (err)
			return done ? done : err;
		done += n;
		cond_resched();
	}
	return done;
}

/* An open file pins the source's module: no destroy under a writer. */
static int ent_feed_open(struct inode *inode, struct file *file)
{
	return try_module_get(ent_feed_of(file)->owner) ? 0 : -ENODEV;
}

static int ent_feed_release(struct inode *inode, struct file *file)
{
	module_put(ent_feed_of(file)->owner);
	return 0;
}

static __poll_t ent_feed_poll(struct file *file, poll_table *pt)
{
	poll_wait(file, &ent_pull_wq, pt);
	return ent_source_wants_input(ent_feed_of(file)->src) ?
	       EPOLLOUT | EPOLLWRNORM : 0;
}

static const struct file_operations ent_feed_fops = {
	.owner = THIS_MODULE,
	.open = ent_feed_open,
	.release = ent_feed_release,
	.unlocked_ioctl = ent_feed_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.write = ent_feed_write,
	.poll = ent_feed_poll,
	.llseek = noop_llseek,
};

/*
 * Registers a push source described by info and the device that feeds it.
 * owner is the source's module, pinned while a file is open. declared,
 * if set, may lower each batch's credit.
 */
struct ent_feed_dev *ent_feed_dev_create(const struct ent_source_info *info,
					 const char *devname,
					 unsigned int (*declared)(void),
					 struct module *owner)
{
	struct ent_feed_dev *fd = kzalloc(sizeof(*fd), GFP_KERNEL);
	int err;

	if (!fd)
		return ERR_PTR(-ENOMEM);
	fd->src = ent_source_register(info);
	if (IS_ERR(fd->src)) {
		err = PTR_ERR(fd->src);
		goto err_free;
	}
	fd->owner = owner;
	fd->declared = declared;
	fd->misc.minor = MISC_DYNAMIC_MINOR;
	fd->misc.name = devname;
	fd->misc.fops = &ent_feed_fops;
	fd->misc.mode = 0600;
	err = misc_register(&fd->misc);
	if (err)
		goto err_source;
	return fd;

err_source:
	ent_source_unregister(fd->src);
err_free:
	kfree(fd);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(ent_feed_dev_create);

void ent_feed_dev_destroy(struct ent_feed_dev *fd)
{
	misc_deregister(&fd->misc);
	ent_source_unregister(fd->src);
	kfree(fd);
}
EXPORT_SYMBOL_GPL(ent_feed_dev_destroy);
