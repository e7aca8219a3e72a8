/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * All the vrng core needs from its environment: fixed-width types, bool,
 * size_t, memcpy/memset and errno values. Three builds:
 *  - the Linux kernel (__KERNEL__);
 *  - hosted user space (tests, simulator, tools): libc;
 *  - freestanding (VRNG_FREESTANDING, unikernels): only the compiler's
 *    freestanding headers; memcpy and memset come from the unikernel
 *    (every C environment has them: compilers emit calls to them).
 */
#ifndef VRNG_PLATFORM_H
#define VRNG_PLATFORM_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>

static inline u64 vrng_div_u64(u64 n, u32 d)
{
	return div_u64(n, d);	/* no 64-bit '/' on 32-bit kernels */
}
#else
#include "vrng_platform_user.h"

static inline u64 vrng_div_u64(u64 n, u32 d)
{
	return n / d;
}
#endif

static inline u64 vrng_min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline size_t vrng_min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

#endif
