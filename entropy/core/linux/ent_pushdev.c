// SPDX-License-Identifier: GPL-2.0
/*
 * A push source as a character device that takes entropy the way
 * /dev/random does, so rngd can fill it ("rngd -o /dev/<name>"):
 *   ioctl(RNDADDENTROPY)  mix; credit min(claimed, source cap)
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

struct ent_pushdev {
	struct miscdevice misc;
	struct module *owner;
	struct ent_source *src;
};

static struct ent_pushdev *ent_pushdev_of(struct file *file)
{
	return container_of(file->private_data, struct ent_pushdev, misc);
}

/* Mixes len user bytes, crediting at most the claimed bits. */
static long ent_pushdev_add(struct ent_pushdev *pd,
			    const void __user *ubuf, size_t len, u64 bits)
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
	ent_source_feed(pd->src, buf, len, q);
	kfree_sensitive(buf);
	return 0;
}

static long ent_pushdev_ioctl(struct file *file, unsigned int cmd,
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
		return ent_pushdev_add(ent_pushdev_of(file), p + 2, size, count);
	default:
		return -ENOTTY;
	}
}

static ssize_t ent_pushdev_write(struct file *file,
				 const char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	size_t done = 0;

	while (done < len) {
		size_t n = min_t(size_t, len - done, FEED_MAX_BYTES);
		long err = ent_pushdev_add(ent_pushdev_of(file), ubuf + done, n, 0);

		if (err)
			return done ? done : err;
		done += n;
		cond_resched();
	}
	return done;
}

/* An open file pins the source's module: no destroy under a writer. */
static int ent_pushdev_open(struct inode *inode, struct file *file)
{
	return try_module_get(ent_pushdev_of(file)->owner) ? 0 : -ENODEV;
}

static int ent_pushdev_release(struct inode *inode, struct file *file)
{
	module_put(ent_pushdev_of(file)->owner);
	return 0;
}

static __poll_t ent_pushdev_poll(struct file *file, poll_table *pt)
{
	poll_wait(file, &ent_pull_wq, pt);
	return ent_source_wants_input(ent_pushdev_of(file)->src) ?
	       EPOLLOUT | EPOLLWRNORM : 0;
}

static const struct file_operations ent_pushdev_fops = {
	.owner = THIS_MODULE,
	.open = ent_pushdev_open,
	.release = ent_pushdev_release,
	.unlocked_ioctl = ent_pushdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.write = ent_pushdev_write,
	.poll = ent_pushdev_poll,
	.llseek = noop_llseek,
};

/**
 * ent_pushdev_create() - a push source and the device that feeds it
 * @info: the source, as for ent_source_register() (no read callback)
 * @devname: the misc device's name, /dev/@devname (mode 0600)
 * @owner: the source's module, pinned while the device is open
 *
 * Context: process context; may sleep.
 * Return: the device, or an ERR_PTR (-EINVAL, -EEXIST, -ENOMEM...).
 */
struct ent_pushdev *ent_pushdev_create(const struct ent_source_info *info,
				       const char *devname,
				       struct module *owner)
{
	struct ent_pushdev *pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	int err;

	if (!pd)
		return ERR_PTR(-ENOMEM);
	pd->src = ent_source_register(info);
	if (IS_ERR(pd->src)) {
		err = PTR_ERR(pd->src);
		goto err_free;
	}
	pd->owner = owner;
	pd->misc.minor = MISC_DYNAMIC_MINOR;
	pd->misc.name = devname;
	pd->misc.fops = &ent_pushdev_fops;
	pd->misc.mode = 0600;
	err = misc_register(&pd->misc);
	if (err)
		goto err_source;
	return pd;

err_source:
	ent_source_unregister(pd->src);
err_free:
	kfree(pd);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(ent_pushdev_create);

/**
 * ent_pushdev_destroy() - remove the device, then unregister its source
 * @pd: from ent_pushdev_create()
 *
 * Context: process context; may sleep.
 */
void ent_pushdev_destroy(struct ent_pushdev *pd)
{
	misc_deregister(&pd->misc);
	ent_source_unregister(pd->src);
	kfree(pd);
}
EXPORT_SYMBOL_GPL(ent_pushdev_destroy);
