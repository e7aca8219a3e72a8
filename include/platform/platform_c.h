/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What platform.h gives outside the kernel, hosted or freestanding: C's
 * own types under the kernel's names, the 64-bit division and barriers
 * that C11 provides, and the settings Xen's public io/ring.h needs from
 * its includer (from interface version 0x00030208 on it leaves the
 * barriers to it; older versions map them to mb(), which C lacks).
 */
#ifndef PLATFORM_C_H
#define PLATFORM_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;

static inline u64 plat_div_u64(u64 n, u32 d)
{
	return n / d;
}

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ 0x00030208
#endif
#ifndef xen_mb
#define xen_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#endif
#define plat_rmb() xen_rmb()
#define plat_mb() xen_mb()
/* An index the other domain writes, read once. */
static inline u32 plat_read_u32(const u32 *p)
{
	return *(const volatile u32 *)p;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))	/* as the kernel's */

#endif
