/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* platform.h in the Linux kernel. */
#ifndef PLATFORM_KERNEL_H
#define PLATFORM_KERNEL_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/barrier.h>

/* 32-bit kernels have no 64-bit division operator. */
static inline u64 plat_div_u64(u64 n, u32 d)
{
	return div_u64(n, d);
}

static inline void plat_memzero(void *p, size_t n)
{
	memzero_explicit(p, n);
}

/* The kernel's io/ring.h orders shared-ring accesses with these already. */
/* between reading a producer index and the slots it covers */
#define plat_rmb() virt_rmb()
/* between writing an event index and reading the producer again */
#define plat_mb() virt_mb()

/* An index the other domain writes, read once. */
static inline u32 plat_read_u32(const u32 *p)
{
	return READ_ONCE(*p);
}

#endif
