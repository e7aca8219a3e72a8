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

/* Linux's values, which the libraries return negated. */
#define ENOENT 2
#define EIO 5
#define EAGAIN 11
#define EBUSY 16
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ENAMETOOLONG 36
#define EPROTO 71
#define EMSGSIZE 90
#define ENOTCONN 107

#endif
