// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A xenstore client over the store ring: one request at a time, read and
 * write (the porting interface asks no more). The daemon in dom0 is
 * trusted to be xenstored, but its ring is still read as shared memory:
 * indices that claim more than the ring holds, a reply longer than the
 * protocol allows or one to another request end the call with -EIO.
 * A daemon that does not answer in 10 s is -EIO too.
 */
#include "uk.h"
#include <xen/io/xs_wire.h>

#define UK_XS_TIMEOUT_NS (10ULL * 1000 * 1000 * 1000)

static struct xenstore_domain_interface *uk_xs;
static evtchn_port_t uk_xs_port;
static u32 uk_xs_req_id;

void uk_xenstore_init(void)
{
	uk_xs = uk_mfn_to_virt(uk_start_info->store_mfn);
	uk_xs_port = uk_start_info->store_evtchn;
}

/* Waits for cond with the daemon's event as the wake-up: -EIO on timeout. */
#define uk_xs_wait_for(cond)						\
({									\
	u64 __end = uk_now_ns() + UK_XS_TIMEOUT_NS;			\
	int __err = 0;							\
	while (!(cond)) {						\
		if (uk_now_ns() > __end) {				\
			__err = -EIO;					\
			break;						\
		}							\
		uk_evtchn_wait(uk_xs_port, 10 * 1000 * 1000);		\
	}								\
	__err;								\
})

static u32 uk_xs_req_room(void)
{
	XENSTORE_RING_IDX used = uk_xs->req_prod -
				 __atomic_load_n(&uk_xs->req_cons, __ATOMIC_ACQUIRE);

	return used > XENSTORE_RING_SIZE ? 0 : XENSTORE_RING_SIZE - used;
}

static int uk_xs_put(const void *data, u32 len)
{
	const char *p = data;

	while (len) {
		XENSTORE_RING_IDX prod = uk_xs->req_prod;
		u32 n;

		if (uk_xs_wait_for(uk_xs_req_room()))
			return -EIO;
		for (n = uk_xs_req_room(); n && len; n--, len--)
			uk_xs->req[MASK_XENSTORE_IDX(prod++)] = *p++;
		xen_wmb();	/* the bytes before the index */
		uk_xs->req_prod = prod;
		uk_evtchn_notify(uk_xs_port);
	}
	return 0;
}

static u32 uk_xs_rsp_avail(void)
{
	XENSTORE_RING_IDX avail = __atomic_load_n(&uk_xs->rsp_prod, __ATOMIC_ACQUIRE) -
				  uk_xs->rsp_cons;

	return avail > XENSTORE_RING_SIZE ? ~0U : avail;
}

/* len bytes of the reply into data (NULL: dropped). */
static int uk_xs_get(void *data, u32 len)
{
	char *p = data;

	while (len) {
		XENSTORE_RING_IDX cons = uk_xs->rsp_cons;
		u32 n;

		if (uk_xs_wait_for(uk_xs_rsp_avail()) || uk_xs_rsp_avail() == ~0U)
			return -EIO;
		for (n = uk_xs_rsp_avail(); n && len; n--, len--, cons++)
			if (p)
				*p++ = uk_xs->rsp[MASK_XENSTORE_IDX(cons)];
		xen_mb();	/* the bytes read before the space is given back */
		uk_xs->rsp_cons = cons;
		uk_evtchn_notify(uk_xs_port);
	}
	return 0;
}

/* xenstored's error name (Xen's own table) as -errno; -EIO if unknown. */
static int uk_xs_errno(const char *name, u32 len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		size_t n = plat_strnlen(xsd_errors[i].errstring, 16);

		if (len >= n + 1 && !memcmp(name, xsd_errors[i].errstring, n + 1))
			return -xsd_errors[i].errnum;
	}
	return -EIO;
}

/*
 * One request: type, the payload in two parts (b may be NULL), the
 * reply's payload into out (at most out_len bytes; the rest dropped).
 * Returns the reply's length, xenstored's error as -errno, or -EIO.
 */
static int uk_xs_call(u32 type, const char *a, u32 a_len, const char *b,
		      u32 b_len, char *out, u32 out_len)
{
	struct xsd_sockmsg msg = {
		.type = type,
		.req_id = ++uk_xs_req_id,
		.len = a_len + b_len,
	};
	char err[16];
	u32 keep;

	if (!uk_xs || msg.len > XENSTORE_PAYLOAD_MAX)
		return -EIO;
	if (uk_xs_put(&msg, sizeof(msg)) || uk_xs_put(a, a_len) ||
	    (b_len && uk_xs_put(b, b_len)))
		return -EIO;
	for (;;) {
		if (uk_xs_get(&msg, sizeof(msg)) || msg.len > XENSTORE_PAYLOAD_MAX)
			return -EIO;
		if (msg.type != XS_WATCH_EVENT)
			break;
		if (uk_xs_get(NULL, msg.len))	/* no watches are set: not ours */
			return -EIO;
	}
	if (msg.req_id != uk_xs_req_id)
		return -EIO;
	if (msg.type == XS_ERROR) {
		keep = msg.len < sizeof(err) ? msg.len : sizeof(err);
		if (uk_xs_get(err, keep) || uk_xs_get(NULL, msg.len - keep))
			return -EIO;
		return uk_xs_errno(err, keep);
	}
	if (msg.type != type)
		return -EIO;
	keep = msg.len < out_len ? msg.len : out_len;
	if (uk_xs_get(out, keep) || uk_xs_get(NULL, msg.len - keep))
		return -EIO;
	return (int)msg.len;
}

int uk_xs_read(const char *path, char *buf, size_t len)
{
	size_t plen = plat_strnlen(path, XENSTORE_ABS_PATH_MAX);
	int n;

	if (!len || plen == XENSTORE_ABS_PATH_MAX)
		return -EINVAL;
	n = uk_xs_call(XS_READ, path, (u32)plen + 1, NULL, 0, buf, (u32)len - 1);
	if (n < 0)
		return n;
	if ((size_t)n > len - 1)
		return -EMSGSIZE;
	buf[n] = '\0';
	return 0;
}

int uk_xs_write(const char *path, const char *value)
{
	size_t plen = plat_strnlen(path, XENSTORE_ABS_PATH_MAX);
	size_t vlen = plat_strnlen(value, XENSTORE_PAYLOAD_MAX);
	char ok[4];
	int n;

	if (plen == XENSTORE_ABS_PATH_MAX)
		return -EINVAL;
	n = uk_xs_call(XS_WRITE, path, (u32)plen + 1, value, (u32)vlen, ok, sizeof(ok));
	return n < 0 ? n : 0;
}
