// SPDX-License-Identifier: GPL-2.0
#include <linux/err.h>
#include <linux/slab.h>
#include <xen/xenbus.h>
#include "vrng_proto.h"
#include "vrng_xs.h"

/*
 * Reads dir/key as a strict decimal up to max (the other end writes it:
 * no sign, no spaces, no trailing garbage). 0, -ENOENT or -EINVAL.
 */
int vrng_xs_read_uint(const char *dir, const char *key, unsigned long max,
		      unsigned long *val)
{
	char *s = xenbus_read(XBT_NIL, dir, key, NULL);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	err = plat_parse_uint(s, max, val);
	kfree(s);
	return err;
}
