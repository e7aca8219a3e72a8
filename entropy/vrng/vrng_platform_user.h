/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* vrng_platform.h outside the kernel: C's own types under kernel names. */
#ifndef VRNG_PLATFORM_USER_H
#define VRNG_PLATFORM_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifdef VRNG_FREESTANDING
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
/* Linux's values, which the library returns negated. */
#define ENOENT 2
#define EAGAIN 11
#define EBUSY 16
#define ENODEV 19
#define EINVAL 22
#define EPROTO 71
#else
#include <errno.h>
#include <string.h>
#endif

#endif
