/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A unikernel's host for the device libraries' user-space tests: an
 * in-memory xenstore, grant table and event channel behind struct
 * plat_xen_port. A test's host struct puts struct fake_xen first and
 * passes itself as the port's ctx. Each failure is a switch.
 */
#ifndef FAKE_XEN_USER_H
#define FAKE_XEN_USER_H

#include <stdio.h>
#include <string.h>
#include <platform/xen_port.h>

#define FAKE_KEYS 64
#define FAKE_KEY_MAX 128
#define FAKE_GRANTS 640
#define FAKE_EVTCHN 9			/* the port every allocation gets */

struct fake_xen {
	char key[FAKE_KEYS][FAKE_KEY_MAX];
	char val[FAKE_KEYS][64];
	void *grant[FAKE_GRANTS];	/* gref -> the page granted */
	unsigned int grants;		/* grant() calls that succeeded */
	bool evtchn_open;
	unsigned int notified;
	bool fail_grant;
	bool fail_writes;		/* xenstore refuses the guest's writes */
};

static inline int fake_find(struct fake_xen *x, const char *path)
{
	int i;

	for (i = 0; i < FAKE_KEYS; i++)
		if (x->key[i][0] && !strcmp(x->key[i], path))
			return i;
	return -1;
}

/* The toolstack's or the backend's writes: never refused. */
static inline int fake_set(struct fake_xen *x, const char *path,
			   const char *value)
{
	int i = fake_find(x, path);

	for (i = i < 0 ? 0 : i; i < FAKE_KEYS && x->key[i][0] &&
	     strcmp(x->key[i], path); i++)
		;	/* the key's slot, or the first free one */
	if (i == FAKE_KEYS)
		return -ENOSPC;
	snprintf(x->key[i], sizeof(x->key[i]), "%s", path);
	snprintf(x->val[i], sizeof(x->val[i]), "%s", value);
	return 0;
}

static inline const char *fake_get(struct fake_xen *x, const char *path)
{
	int i = fake_find(x, path);

	return i < 0 ? "" : x->val[i];
}

static inline int fake_xs_read(void *ctx, const char *path, char *buf,
			       size_t len)
{
	struct fake_xen *x = ctx;
	int i = fake_find(x, path);

	if (i < 0)
		return -ENOENT;
	if (strlen(x->val[i]) + 1 > len)
		return -E2BIG;
	strcpy(buf, x->val[i]);
	return 0;
}

static inline int fake_xs_write(void *ctx, const char *path,
				const char *value)
{
	struct fake_xen *x = ctx;

	return x->fail_writes ? -EIO : fake_set(x, path, value);
}

static inline int fake_grant(void *ctx, u16 domid, void *addr, u32 *gref)
{
	struct fake_xen *x = ctx;
	u32 i;

	if (domid != 0 || x->fail_grant)
		return -EINVAL;
	for (i = 0; i < FAKE_GRANTS; i++)
		if (!x->grant[i]) {
			x->grant[i] = addr;
			x->grants++;
			*gref = i;
			return 0;
		}
	return -ENOSPC;
}

static inline void fake_ungrant(void *ctx, u32 gref)
{
	struct fake_xen *x = ctx;

	if (gref < FAKE_GRANTS)
		x->grant[gref] = NULL;
}

/* What a backend's grant copy or map reaches: NULL if not granted. */
static inline u8 *fake_page(struct fake_xen *x, u32 gref)
{
	return gref < FAKE_GRANTS ? x->grant[gref] : NULL;
}

static inline int fake_evtchn_alloc(void *ctx, u16 domid, u32 *port)
{
	struct fake_xen *x = ctx;

	(void)domid;
	x->evtchn_open = true;
	*port = FAKE_EVTCHN;
	return 0;
}

static inline void fake_notify(void *ctx, u32 port)
{
	struct fake_xen *x = ctx;

	(void)port;
	x->notified++;
}

static inline void fake_evtchn_close(void *ctx, u32 port)
{
	struct fake_xen *x = ctx;

	(void)port;
	x->evtchn_open = false;
}

static const struct plat_xen_port fake_port = {
	.grant = fake_grant,
	.ungrant = fake_ungrant,
	.evtchn_alloc = fake_evtchn_alloc,
	.evtchn_notify = fake_notify,
	.evtchn_close = fake_evtchn_close,
	.xs_read = fake_xs_read,
	.xs_write = fake_xs_write,
};

#endif
