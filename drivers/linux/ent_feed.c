// SPDX-License-Identifier: GPL-2.0
/*
 * ent-feed: /dev/ent_feed, entropy from user space. rngd pumps any source
 * it supports into the core with "rngd -o /dev/ent_feed"; each batch is
 * credited at most what the caller claims and never above quality=.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <ent/source.h>
#include "ent_source_param.h"

ENT_SOURCE_PARAMS("user feed");

static struct ent_pushdev *ent_feed_dev;

static int __init ent_feed_init(void)
{
	struct ent_source_info info = {
		.name = "user-feed",
		.h = 8,
		.quality = 1024,
	};
	int err;

	if (!enable)
		return ent_source_disabled();
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;

	ent_feed_dev = ent_pushdev_create(&info, "ent_feed", THIS_MODULE);
	return PTR_ERR_OR_ZERO(ent_feed_dev);
}

static void __exit ent_feed_exit(void)
{
	if (!IS_ERR_OR_NULL(ent_feed_dev))
		ent_pushdev_destroy(ent_feed_dev);
}

module_init(ent_feed_init);
module_exit(ent_feed_exit);
MODULE_DESCRIPTION("Entropy source: user-space feed (rngd -o /dev/ent_feed)");
MODULE_LICENSE("GPL");
