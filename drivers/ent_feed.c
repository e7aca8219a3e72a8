// SPDX-License-Identifier: GPL-2.0
/*
 * ent-feed: /dev/ent_feed takes entropy from user space the way
 * /dev/random does, so rngd can pump any source it supports into the core
 * with "rngd -o /dev/ent_feed":
 *   ioctl(RNDADDENTROPY)  mix and credit min(claimed, quality= cap)
 *   ioctl(RNDGETENTCNT)   credited bits waiting in the core
 *   write()               mix without credit
 *   poll()                POLLOUT while the core wants input
 * Crediting needs CAP_SYS_ADMIN, as for /dev/random.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <ent/source.h>
#include "ent_source_param.h"

#define FEED_MAX_BYTES 4096	/* per call; rngd writes 64 */

ENT_SOURCE_PARAMS("user feed");

static struct ent_source *ent_feed_src;

/* Mixes len user bytes; credit claimed bits, at most quality= allows. */
static long ent_feed_add(const void __user *ubuf, size_t len, u64 bits)
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
	q = (unsigned int)min_t(u64, 1024, div_u64(bits * 1024, len * 8));
	ent_source_feed(ent_feed_src, buf, len, q);
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
		return ent_feed_add(p + 2, size, count);
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
		long err = ent_feed_add(ubuf + done, n, 0);

		if (err)
			return done ? done : err;
		done += n;
		cond_resched();
	}
	return done;
}

static __poll_t ent_feed_poll(struct file *file, poll_table *pt)
{
	ent_poll_wants_input(file, pt);
	return ent_wants_input() ? EPOLLOUT | EPOLLWRNORM : 0;
}

static const struct file_operations ent_feed_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ent_feed_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.write = ent_feed_write,
	.poll = ent_feed_poll,
	.llseek = noop_llseek,
};

static struct miscdevice ent_feed_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ent_feed",
	.fops = &ent_feed_fops,
	.mode = 0600,
};

static int __init ent_feed_init(void)
{
	struct ent_source_info info = { .name = "user-feed", .h = 8 };
	int q, err;

	if (!enable) {
		pr_info("disabled by parameter\n");
		return 0;
	}
	q = ent_source_quality(quality, 1024, info.name);
	if (q < 0)
		return q;
	info.quality = q;

	ent_feed_src = ent_source_register(&info);
	if (IS_ERR(ent_feed_src))
		return PTR_ERR(ent_feed_src);
	err = misc_register(&ent_feed_dev);
	if (err) {
		ent_source_unregister(ent_feed_src);
		return err;
	}
	return 0;
}

static void __exit ent_feed_exit(void)
{
	if (IS_ERR_OR_NULL(ent_feed_src))
		return;
	misc_deregister(&ent_feed_dev);
	ent_source_unregister(ent_feed_src);
}

module_init(ent_feed_init);
module_exit(ent_feed_exit);
MODULE_DESCRIPTION("Entropy source: user-space feed (rngd -o /dev/ent_feed)");
MODULE_LICENSE("GPL");
