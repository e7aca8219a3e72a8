/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What a unikernel's host gives the project's freestanding device
 * libraries (libvrngfront, libxnfront): one porting interface for all of
 * them, filled once. Every call is made from the caller's context of the
 * library function that needs it; none is made from an event.
 * Documentation/vrng-porting.rst says what each must do.
 */
#ifndef PLAT_XEN_PORT_H
#define PLAT_XEN_PORT_H

#include "platform.h"

struct plat_xen_port {
	/*
	 * Grants domain domid write access to the page at addr (4096 bytes,
	 * page aligned); stores the grant reference. 0 or -errno.
	 */
	int (*grant)(void *ctx, u16 domid, void *addr, u32 *gref);
	/* Revokes a grant made by grant(); the page stays the host's. */
	void (*ungrant)(void *ctx, u32 gref);
	/* Allocates an event channel port unbound, for domid to bind. */
	int (*evtchn_alloc)(void *ctx, u16 domid, u32 *port);
	void (*evtchn_notify)(void *ctx, u32 port);
	void (*evtchn_close)(void *ctx, u32 port);
	/*
	 * Reads the xenstore key path (absolute, or relative to the
	 * domain's home) into buf, NUL-terminated, at most len bytes with
	 * the NUL: 0, -ENOENT (no such key) or another -errno.
	 */
	int (*xs_read)(void *ctx, const char *path, char *buf, size_t len);
	int (*xs_write)(void *ctx, const char *path, const char *value);
};

#endif
