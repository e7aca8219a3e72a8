/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parameters every source module shares: "enable" (bool) and
 * "quality" (credited bits per 1024; -1 means the source's own maximum).
 * A quality above what the source can justify fails the load.
 */
#ifndef ENT_SOURCE_PARAM_H
#define ENT_SOURCE_PARAM_H

#include <linux/errno.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <ent/source.h>

#define ENT_SOURCE_PARAMS(what)						\
	static bool enable = true;					\
	module_param(enable, bool, 0444);				\
	MODULE_PARM_DESC(enable, "Register the " what " source (default Y)"); \
	static int quality = -1;					\
	module_param(quality, int, 0444);				\
	MODULE_PARM_DESC(quality, "Credit per 1024 bits; -1: the maximum")

static inline int ent_source_disabled(void)
{
	pr_info("disabled by parameter\n");
	return 0;
}

/*
 * Resolves quality= against the source's maximum, which info->quality
 * holds on entry: -1 keeps it, 0..max replaces it, anything else fails
 * the load with a message naming the parameter.
 */
static inline int ent_source_apply_quality(struct ent_source_info *info,
					   int param)
{
	if (param == -1)
		return 0;
	if (param < 0 || param > (int)info->quality) {
		pr_err("quality=%d is invalid for %s: expected -1 or 0..%u\n",
		       param, info->name, info->quality);
		return -EINVAL;
	}
	info->quality = param;
	return 0;
}

#endif
