/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one platform shim of the project's portable code (the portable/
 * folders and the unikernel libraries): all such code sees of its
 * environment is this header and, for the entropy core, crypto.h. Three
 * builds, chosen by the compiler's environment:
 *
 *   __KERNEL__             Linux: the kernel's own types and helpers
 *   PLATFORM_FREESTANDING  unikernels: only the compiler's freestanding
 *                          headers; memcpy, memset and memcmp come from
 *                          the host (compilers emit calls to them anyway)
 *   neither                hosted user space (unit tests, tools, the
 *                          simulator): libc
 *
 * Given to portable code: u8..u64, s16, s32, bool, size_t, the errno
 * values it returns negated, memcpy/memset/memcmp, the helpers below and
 * the ring barriers that Xen's public io/ring.h expects of its includer.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#if defined(__KERNEL__)
#include "platform_kernel.h"
#elif defined(PLATFORM_FREESTANDING)
#include "platform_freestanding.h"
#else
#include "platform_hosted.h"
#endif

static inline u64 plat_min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline size_t plat_min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * A number as xenstore and the project's tools write them: plain decimal
 * up to max, no sign, no space, no "0x"; anything else is -EINVAL.
 */
static inline int plat_parse_uint(const char *s, unsigned long max,
				  unsigned long *out)
{
	unsigned long v = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || d > max || v > (max - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* v in decimal into buf (at least 21 bytes); returns buf. */
static inline char *plat_utoa(unsigned long v, char *buf)
{
	char tmp[21];
	unsigned int n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

#endif
