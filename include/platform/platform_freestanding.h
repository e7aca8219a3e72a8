/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* platform.h in a unikernel: no libc; the host links memcpy and friends. */
#ifndef PLATFORM_FREESTANDING_H
#define PLATFORM_FREESTANDING_H

#include "platform_c.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Through a volatile pointer: a wipe the compiler may not drop. */
static inline void plat_memzero(void *p, size_t n)
{
	volatile u8 *b = p;

	while (n--)
		*b++ = 0;
}

/*
 * Linux's values, which the libraries return negated; with all those
 * Xen's xenstore protocol names (io/xs_wire.h's table wants each).
 */
#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EISDIR 21
#define EINVAL 22
#define ENOSPC 28
#define EROFS 30
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define EPROTO 71
#define EMSGSIZE 90
#define EISCONN 106
#define ENOTCONN 107

#endif
