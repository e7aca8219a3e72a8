// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The porting interface of the project's device libraries
 * (include/platform/xen_port.h), filled with this kernel's services:
 * thin wrappers, as Documentation/vrng-porting.rst shows for Mini-OS and
 * Unikraft.
 */
#include "uk.h"

static int uk_port_grant(void *ctx, u16 domid, void *addr, u32 *gref)
{
	(void)ctx;
	return uk_grant(domid, addr, gref);
}

/* A grant still in use stays the backend's: pages are never reused. */
static void uk_port_ungrant(void *ctx, u32 gref)
{
	(void)ctx;
	if (!uk_ungrant(gref))
		uk_printf("xenrng-uk: grant %u still in use: kept\n", gref);
}

static int uk_port_evtchn_alloc(void *ctx, u16 domid, u32 *port)
{
	evtchn_port_t p;
	int err;

	(void)ctx;
	err = uk_evtchn_alloc(domid, &p);
	if (!err)
		*port = p;
	return err;
}

static void uk_port_evtchn_notify(void *ctx, u32 port)
{
	(void)ctx;
	uk_evtchn_notify(port);
}

static void uk_port_evtchn_close(void *ctx, u32 port)
{
	(void)ctx;
	uk_evtchn_close(port);
}

static int uk_port_xs_read(void *ctx, const char *path, char *buf, size_t len)
{
	(void)ctx;
	return uk_xs_read(path, buf, len);
}

static int uk_port_xs_write(void *ctx, const char *path, const char *value)
{
	(void)ctx;
	return uk_xs_write(path, value);
}

const struct plat_xen_port uk_port = {
	.grant = uk_port_grant,
	.ungrant = uk_port_ungrant,
	.evtchn_alloc = uk_port_evtchn_alloc,
	.evtchn_notify = uk_port_evtchn_notify,
	.evtchn_close = uk_port_evtchn_close,
	.xs_read = uk_port_xs_read,
	.xs_write = uk_port_xs_write,
};
