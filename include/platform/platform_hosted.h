/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* platform.h in hosted user space: libc. */
#ifndef PLATFORM_HOSTED_H
#define PLATFORM_HOSTED_H

#include <errno.h>
#include <string.h>
#include "platform_c.h"

/* A wipe the compiler may not drop (glibc 2.25 and later). */
static inline void plat_memzero(void *p, size_t n)
{
	explicit_bzero(p, n);
}

#endif
