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

#define ENT_SOURCE_PARAMS(what)						\
	static bool enable = true;					\
	module_param(enable, bool, 0444);				\
	MODULE_PARM_DESC(enable, "Register the " what " source (default Y)"); \
	static int quality = -1;					\
	module_param(quality, int, 0444);				\
	MODULE_PARM_DESC(quality, "Credit per 1024 bits; -1: the maximum")

/* Resolves the quality parameter against max; <0 on an invalid value. */
static inline int ent_source_quality(int param, unsigned int max,
				     const char *name)
{
	if (param == -1)
		return max;
	if (param < 0 || param > (int)max) {
		pr_err("quality=%d is invalid for %s: expected -1 or 0..%u\n",
		       param, name, max);
		return -EINVAL;
	}
	return param;
}

#endif
