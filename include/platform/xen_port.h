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

/* The xenstore paths the libraries build: a device's directory and key. */
#define PLAT_XS_PATH_MAX 128

static inline size_t plat_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* dst = dir + "/" + key (PLAT_XS_PATH_MAX bytes); false: it does not fit. */
static inline bool plat_xs_path(char *dst, const char *dir, const char *key)
{
	size_t d = plat_strnlen(dir, PLAT_XS_PATH_MAX);
	size_t k = plat_strnlen(key, PLAT_XS_PATH_MAX);

	if (d + 1 + k + 1 > PLAT_XS_PATH_MAX)
		return false;
	memcpy(dst, dir, d);
	dst[d] = '/';
	memcpy(dst + d + 1, key, k);
	dst[d + 1 + k] = '\0';
	return true;
}

/* dir/key into buf (len bytes with the NUL): 0, -ENOENT, -EINVAL... */
static inline int plat_xs_read(const struct plat_xen_port *port, void *ctx,
			       const char *dir, const char *key, char *buf,
			       size_t len)
{
	char path[PLAT_XS_PATH_MAX];

	if (!plat_xs_path(path, dir, key))
		return -EINVAL;
	return port->xs_read(ctx, path, buf, len);
}

/* dir/key as a strict decimal up to max: 0, -ENOENT, -EINVAL... */
static inline int plat_xs_read_uint(const struct plat_xen_port *port,
				    void *ctx, const char *dir,
				    const char *key, unsigned long max,
				    unsigned long *val)
{
	char buf[24];
	int err = plat_xs_read(port, ctx, dir, key, buf, sizeof(buf));

	return err ? err : plat_parse_uint(buf, max, val);
}

static inline int plat_xs_write(const struct plat_xen_port *port, void *ctx,
				const char *dir, const char *key,
				const char *val)
{
	char path[PLAT_XS_PATH_MAX];

	if (!plat_xs_path(path, dir, key))
		return -EINVAL;
	return port->xs_write(ctx, path, val);
}

static inline int plat_xs_write_uint(const struct plat_xen_port *port,
				     void *ctx, const char *dir,
				     const char *key, unsigned long v)
{
	char buf[21];

	return plat_xs_write(port, ctx, dir, key, plat_utoa(v, buf));
}

#endif
