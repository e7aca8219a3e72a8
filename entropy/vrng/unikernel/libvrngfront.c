// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "libvrngfront.h"

static int vf_fail(struct vrngfront *f, int err, const char *why)
{
	f->error = why;
	return err;
}

/* Reads dir/key as a strict decimal up to max. */
static int vf_read_uint(struct vrngfront *f, const char *dir, const char *key,
			unsigned long max, unsigned long *val)
{
	return plat_xs_read_uint(f->port, f->ctx, dir, key, max, val);
}

static int vf_write(struct vrngfront *f, const char *key, unsigned long v)
{
	return plat_xs_write_uint(f->port, f->ctx, f->node, key, v);
}

/*
 * f->state is the state we are in from now on, whether or not xenstore
 * took the write: a failed write is retried by the next vrngfront_step(),
 * and nothing is ever served from a state we left.
 */
static int vf_switch(struct vrngfront *f, enum vrng_xb state)
{
	f->state = state;
	f->state_written = !vf_write(f, "state", (unsigned long)state);
	return f->state_written ? 0 : -EIO;
}

/*
 * node: this device's xenstore directory ("device/vrng/0"); ring_page and
 * data_page: two page-aligned 4096-byte pages the host owns and keeps
 * until vrngfront_close(). Reads the toolstack's keys; 0 or -errno with
 * f->error saying which key.
 */
int vrngfront_init(struct vrngfront *f, const struct plat_xen_port *port,
		   void *ctx, const char *node, void *ring_page,
		   void *data_page)
{
	unsigned long id, trusted = 1;
	int err;

	memset(f, 0, sizeof(*f));
	f->port = port;
	f->ctx = ctx;
	f->sring = ring_page;
	f->data = data_page;
	f->outstanding = -1;
	if (plat_strnlen(node, sizeof(f->node)) >= sizeof(f->node))
		return vf_fail(f, -EINVAL, "device path too long");
	memcpy(f->node, node, plat_strnlen(node, sizeof(f->node)) + 1);
	if (plat_xs_read(port, ctx, node, "backend", f->backend,
			 sizeof(f->backend)) || !f->backend[0])
		return vf_fail(f, -ENOENT, "no backend key");
	if (vf_read_uint(f, node, "backend-id", 0x7fef, &id))
		return vf_fail(f, -EINVAL, "backend-id missing or malformed");
	f->backend_id = (u16)id;
	err = vf_read_uint(f, node, "trusted", 1, &trusted);
	if (err && err != -ENOENT)
		trusted = 0;	/* malformed: credit nothing */
	f->trusted = trusted == 1;
	return vf_switch(f, VRNG_XB_INITIALISING);
}

/*
 * Closes the port and forgets the ring; revoke: the grants too (only when
 * the backend can no longer use them).
 */
static void vf_release(struct vrngfront *f, bool revoke)
{
	if (!f->shared)
		return;
	f->port->evtchn_close(f->ctx, f->evtchn);
	if (revoke) {
		f->port->ungrant(f->ctx, f->data_ref);
		f->port->ungrant(f->ctx, f->ring_ref);
	}
	f->shared = false;
	f->outstanding = -1;
	vrng_credit_forget(&f->credit);
}

static void vf_unshare(struct vrngfront *f)
{
	vf_release(f, true);
}

/* Backend in InitWait: read its offer, share, write ours, Initialised. */
static int vf_share(struct vrngfront *f)
{
	unsigned long version, max_len, credit = 0;
	int err;

	if (vf_read_uint(f, f->backend, "version", ~0UL, &version) ||
	    version < VRNGIF_VERSION ||
	    vf_read_uint(f, f->backend, "max-request-bytes",
			 VRNGIF_MAX_REQUEST_BYTES, &max_len) || !max_len)
		return vf_fail(f, -EINVAL,
			       "backend version or max-request-bytes missing or malformed");
	if (vf_read_uint(f, f->backend, "feature-credit", 1, &credit))
		credit = 0;
	f->max_len = (unsigned int)max_len;
	f->trusted = f->trusted && credit == 1;

	memset(f->sring, 0, VRNGIF_PAGE_SIZE);
	vrng_front_init(&f->ring, f->sring);
	err = f->port->grant(f->ctx, f->backend_id, f->sring, &f->ring_ref);
	if (err)
		return vf_fail(f, err, "granting the ring page");
	err = f->port->grant(f->ctx, f->backend_id, f->data, &f->data_ref);
	if (err) {
		f->port->ungrant(f->ctx, f->ring_ref);
		return vf_fail(f, err, "granting the data page");
	}
	err = f->port->evtchn_alloc(f->ctx, f->backend_id, &f->evtchn);
	if (err) {
		f->port->ungrant(f->ctx, f->data_ref);
		f->port->ungrant(f->ctx, f->ring_ref);
		return vf_fail(f, err, "allocating the event channel");
	}
	f->shared = true;
	err = vf_write(f, "ring-ref", f->ring_ref) ?:
	      vf_write(f, "event-channel", f->evtchn) ?:
	      vf_write(f, "version", VRNGIF_VERSION) ?:
	      vf_switch(f, VRNG_XB_INITIALISED);
	if (err) {
		vf_unshare(f);
		return vf_fail(f, err, "writing ring-ref, event-channel, version");
	}
	return 0;
}

/*
 * Acts on the backend's state, by vrngif.h's state table (frontend half,
 * entropy/vrng/portable/vrng_states.c): call it whenever that key changes.
 * Returns the frontend's XenbusState (4: connected), or -errno with
 * f->error. A set-up that fails gives up: Closed, until the backend
 * restarts (InitWait again).
 */
int vrngfront_step(struct vrngfront *f)
{
	unsigned long be, online;
	enum vrng_xb next;
	int err, steps;

	if (!f->state_written && vf_switch(f, f->state))
		return vf_fail(f, -EIO, "writing state");
	err = vf_read_uint(f, f->backend, "state", ~0UL, &be);
	if (err == -ENOENT)
		be = VRNG_XB_UNKNOWN;	/* the backend's directory went away */
	else if (err)
		return vf_fail(f, err, "backend state malformed");
	if (vf_read_uint(f, f->backend, "online", 1, &online))
		online = 1;

	for (steps = 0; steps < 4; steps++) {
		switch (vrng_front_step(f->state, vrng_xb_from(be), online,
					&next)) {
		case VRNG_FRONT_NOTHING:
			return f->state;
		case VRNG_FRONT_SETUP:
			err = vf_share(f);
			if (err) {
				vf_switch(f, VRNG_XB_CLOSED);
				return err;
			}
			break;
		case VRNG_FRONT_TEARDOWN:
			vf_unshare(f);
			if (vf_switch(f, next))
				return vf_fail(f, -EIO, "writing state");
			break;
		case VRNG_FRONT_CONNECT:
			if (vf_switch(f, next))
				return vf_fail(f, -EIO, "writing state");
			break;
		}
	}
	return f->state;
}

/*
 * Asks for len bytes (1..max_len) into the data page. One request at a
 * time: -EBUSY while one is outstanding, -ENODEV when not connected,
 * -EPROTO once the backend broke the protocol.
 */
int vrngfront_request(struct vrngfront *f, unsigned int len)
{
	bool notify;
	int id;

	if (f->state != VRNG_XB_CONNECTED)
		return -ENODEV;
	if (f->ring.broken != VRNG_OK)
		return -EPROTO;
	if (f->outstanding >= 0)
		return -EBUSY;
	if (!len || len > f->max_len)
		return -EINVAL;
	id = vrng_front_submit(&f->ring, f->data_ref, 0, (u16)len, &notify);
	if (id < 0)
		return id;
	f->outstanding = id;
	if (notify)
		f->port->evtchn_notify(f->ctx, f->evtchn);
	return 0;
}

struct vf_answer {
	struct vrngfront *f;
	struct vrngif_response rsp;
	bool ours;
};

static void vf_collected(void *ctx, const struct vrngif_response *rsp)
{
	struct vf_answer *a = ctx;

	if (rsp->id == a->f->outstanding) {
		a->rsp = *rsp;
		a->ours = true;
	}
}

/*
 * Collects the answer, if it came: copies up to len of its bytes to out
 * (once: the data page is the backend's to write) and stores in *credited
 * how many bits the host may credit for them. Returns the byte count, 0
 * while no answer came, -EAGAIN (backend said RETRY: ask again later),
 * -EIO (the backend could not fill the page), -EPROTO (the backend broke
 * the protocol: close the device) or -ENODEV.
 */
int vrngfront_poll(struct vrngfront *f, u8 *out, size_t len, u32 *credited)
{
	struct vf_answer a = { .f = f };
	size_t n;
	int got;

	*credited = 0;
	if (f->state != VRNG_XB_CONNECTED)
		return -ENODEV;
	got = vrng_front_collect(&f->ring, vf_collected, &a);
	if (got < 0)
		return vf_fail(f, got, vrng_bad_name(f->ring.broken));
	if (!a.ours)
		return 0;
	f->outstanding = -1;
	vrng_credit_add(&f->credit, &a.rsp, f->trusted);
	if (a.rsp.status == VRNGIF_RSP_RETRY)
		return -EAGAIN;
	if (a.rsp.status != VRNGIF_RSP_OKAY)
		return -EIO;
	n = plat_min_size(len, a.rsp.len);
	memcpy(out, f->data, n);
	memset(f->data, 0, a.rsp.len);
	*credited = vrng_credit_take_bits(&f->credit, n, VRNG_QUALITY_FULL);
	return (int)n;
}

/*
 * Closes the port, revokes the grants and says Closed. A backend still
 * Connected may yet answer a request left in the ring by a grant copy
 * into the data page, and a revoked reference may by then name another
 * page: then nothing is revoked and -EBUSY says the two pages stay the
 * backend's (the host must not reuse them). Otherwise 0.
 */
int vrngfront_close(struct vrngfront *f)
{
	unsigned long be;
	bool busy = f->shared &&
		    !vf_read_uint(f, f->backend, "state", ~0UL, &be) &&
		    vrng_xb_from(be) == VRNG_XB_CONNECTED;

	if (busy)
		f->error = "backend still connected: ring and data pages left granted";
	vf_release(f, !busy);
	vf_switch(f, VRNG_XB_CLOSED);
	return busy ? -EBUSY : 0;
}
