/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What every file of the unikernel shares: the project's platform shim
 * (freestanding: its types, barriers and errno values, as the device
 * libraries see them), Xen's public interface, and the few services the
 * kernel's parts give each other.
 */
#ifndef UK_H
#define UK_H

#include <stdarg.h>
#include "platform/platform.h"
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>

#define UK_PAGE_SIZE 4096UL
#define UK_PAGE_SHIFT 12

#define __uk_noreturn __attribute__((__noreturn__))
#define __uk_printf(f, a) __attribute__((__format__(printf, f, a)))

/* main.c */
extern start_info_t *uk_start_info;
void *uk_mfn_to_virt(xen_pfn_t mfn);
/* Ends the domain: SHUTDOWN_poweroff for code 0, SHUTDOWN_crash else. */
void __uk_noreturn uk_exit(int code);

/* console.c */
void uk_console_init(void);
void uk_console_write(const char *s, size_t len);

/* print.c: %s %c %d %u %x with an optional l and width, %p, %% */
int uk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int __uk_printf(3, 4) uk_snprintf(char *buf, size_t size, const char *fmt, ...);
void __uk_printf(1, 2) uk_printf(const char *fmt, ...);

#endif
