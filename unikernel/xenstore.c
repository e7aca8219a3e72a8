// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A xenstore client over the store ring: one request at a time; read and
 * write (what the porting interface asks), transactions, and watches
 * whose events are kept as a flag per token (a unikernel asks "did it
 * change?", then reads). The daemon in dom0 is trusted to be xenstored,
 * but its ring is still read as shared memory: indices that claim more
 * than the ring holds, a message longer than the protocol allows or a
 * reply to another request end the call with -EIO. A daemon that does
 * not answer in 10 s is -EIO too.
 */
#include "uk.h"
#include <xen/io/xs_wire.h>

#define UK_XS_TIMEOUT_NS (10ULL * 1000 * 1000 * 1000)

static struct xenstore_domain_interface *uk_xs;
static evtchn_port_t uk_xs_port;
static u32 uk_xs_req_id;

#define UK_XS_WATCHES 4
#define UK_XS_TOKEN_MAX 16		/* with its NUL */

static struct uk_xs_watch {
	char token[UK_XS_TOKEN_MAX];	/* "" for a free entry */
	bool fired;
} uk_xs_watches[UK_XS_WATCHES];
/* one message's payload at a time: requests never overlap */
static char uk_xs_payload[XENSTORE_PAYLOAD_MAX + 1];

void uk_xenstore_init(void)
{
	uk_xs = uk_mfn_to_virt(uk_start_info->store_mfn);
	uk_xs_port = uk_start_info->store_evtchn;
}

evtchn_port_t uk_xs_evtchn(void)
{
	return uk_xs_port;
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
 * A watch event's payload, "path\0token\0": its watch marked fired. An
 * event for a token that is not ours (or not one at all) is dropped.
 */
/* The watch of token (NULL: none, or too long); "" finds a free one. */
static struct uk_xs_watch *uk_xs_watch_of(const char *token)
{
	size_t len = plat_strnlen(token, UK_XS_TOKEN_MAX);
	unsigned int i;

	if (len == UK_XS_TOKEN_MAX)
		return NULL;
	for (i = 0; i < UK_XS_WATCHES; i++)
		if (!memcmp(uk_xs_watches[i].token, token, len + 1))
			return &uk_xs_watches[i];
	return NULL;
}

static void uk_xs_watch_event(u32 len)
{
	size_t path = plat_strnlen(uk_xs_payload, len), tok;
	const char *token = uk_xs_payload + path + 1;
	struct uk_xs_watch *w;

	if (path + 1 >= len)
		return;
	tok = plat_strnlen(token, len - path - 1);
	if (!tok || tok == len - path - 1 || tok >= UK_XS_TOKEN_MAX)
		return;
	w = uk_xs_watch_of(token);
	if (w)
		w->fired = true;
}

/* The next message's header; a watch event is taken in on the way. */
static int uk_xs_next_reply(struct xsd_sockmsg *msg)
{
	for (;;) {
		if (uk_xs_get(msg, sizeof(*msg)) || msg->len > XENSTORE_PAYLOAD_MAX)
			return -EIO;
		if (msg->type != XS_WATCH_EVENT)
			return 0;
		if (uk_xs_get(uk_xs_payload, msg->len))
			return -EIO;
		uk_xs_watch_event(msg->len);
	}
}

/*
 * One request in transaction tx (0: none): type, the payload in two
 * parts (b may be NULL), the reply's payload into out (at most out_len
 * bytes; the rest dropped). Returns the reply's length, xenstored's
 * error as -errno, or -EIO.
 */
static int uk_xs_call(u32 type, u32 tx, const char *a, u32 a_len,
		      const char *b, u32 b_len, char *out, u32 out_len)
{
	struct xsd_sockmsg msg = {
		.type = type,
		.req_id = ++uk_xs_req_id,
		.tx_id = tx,
		.len = a_len + b_len,
	};
	char err[16];
	u32 keep;

	if (!uk_xs || msg.len > XENSTORE_PAYLOAD_MAX)
		return -EIO;
	if (uk_xs_put(&msg, sizeof(msg)) || uk_xs_put(a, a_len) ||
	    (b_len && uk_xs_put(b, b_len)))
		return -EIO;
	if (uk_xs_next_reply(&msg))
		return -EIO;
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
	n = uk_xs_call(XS_READ, 0, path, (u32)plen + 1, NULL, 0, buf, (u32)len - 1);
	if (n < 0)
		return n;
	if ((size_t)n > len - 1)
		return -EMSGSIZE;
	buf[n] = '\0';
	return 0;
}

int uk_xs_write_tx(u32 tx, const char *path, const char *value)
{
	size_t plen = plat_strnlen(path, XENSTORE_ABS_PATH_MAX);
	size_t vlen = plat_strnlen(value, XENSTORE_PAYLOAD_MAX);
	char ok[4];
	int n;

	if (plen == XENSTORE_ABS_PATH_MAX)
		return -EINVAL;
	n = uk_xs_call(XS_WRITE, tx, path, (u32)plen + 1, value, (u32)vlen, ok, sizeof(ok));
	return n < 0 ? n : 0;
}

int uk_xs_write(const char *path, const char *value)
{
	return uk_xs_write_tx(0, path, value);
}

/* A transaction's id into *tx: 0 or -errno. */
int uk_xs_transaction_start(u32 *tx)
{
	char id[12];
	unsigned long v;
	int n = uk_xs_call(XS_TRANSACTION_START, 0, "", 1, NULL, 0, id, sizeof(id) - 1);

	if (n < 0)
		return n;
	if (n > (int)sizeof(id) - 1)
		return -EIO;
	id[n] = '\0';
	/* the reply is the id, NUL-terminated: the NUL is not a digit */
	if (n && !id[n - 1])
		id[n - 1] = '\0';
	if (plat_parse_uint(id, 0xffffffffUL, &v) || !v)
		return -EIO;
	*tx = (u32)v;
	return 0;
}

/* Commits (or abandons) tx: 0, -EAGAIN when another writer got there first. */
int uk_xs_transaction_end(u32 tx, bool commit)
{
	char ok[4];
	int n = uk_xs_call(XS_TRANSACTION_END, tx, commit ? "T" : "F", 2, NULL, 0,
			   ok, sizeof(ok));

	return n < 0 ? n : 0;
}

/*
 * Watches path under token (at most 15 bytes): uk_xs_watch_fired(token)
 * says when it changed. xenstored fires every new watch once at once.
 */
/* XS_WATCH or XS_UNWATCH of path under token: 0 or -errno. */
static int uk_xs_watch_call(u32 type, const char *path, const char *token)
{
	size_t plen = plat_strnlen(path, XENSTORE_ABS_PATH_MAX);
	size_t tlen = plat_strnlen(token, UK_XS_TOKEN_MAX);
	char ok[4];
	int n;

	if (plen == XENSTORE_ABS_PATH_MAX || !tlen || tlen == UK_XS_TOKEN_MAX)
		return -EINVAL;
	n = uk_xs_call(type, 0, path, (u32)plen + 1, token, (u32)tlen + 1,
		       ok, sizeof(ok));
	return n < 0 ? n : 0;
}

int uk_xs_watch(const char *path, const char *token)
{
	struct uk_xs_watch *w = uk_xs_watch_of("");
	size_t tlen = plat_strnlen(token, UK_XS_TOKEN_MAX);
	int err;

	if (!w)
		return -ENOSPC;
	if (tlen == UK_XS_TOKEN_MAX)
		return -EINVAL;
	/* kept first: xenstored fires the watch before it replies */
	memcpy(w->token, token, tlen + 1);
	w->fired = false;
	err = uk_xs_watch_call(XS_WATCH, path, token);
	if (err)
		w->token[0] = '\0';
	return err;
}

int uk_xs_unwatch(const char *path, const char *token)
{
	struct uk_xs_watch *w;
	int err = uk_xs_watch_call(XS_UNWATCH, path, token);

	w = token[0] ? uk_xs_watch_of(token) : NULL;
	if (w)
		w->token[0] = '\0';
	return err;
}

/*
 * Whether token's watch fired since last asked (then cleared): the
 * events waiting on the ring are taken in first, without blocking.
 */
bool uk_xs_watch_fired(const char *token)
{
	struct xsd_sockmsg msg;
	struct uk_xs_watch *w;
	bool fired;

	uk_evtchn_test_and_clear(uk_xs_port);
	while (uk_xs && uk_xs_rsp_avail() != ~0U && uk_xs_rsp_avail() >= sizeof(msg)) {
		if (uk_xs_get(&msg, sizeof(msg)) || msg.len > XENSTORE_PAYLOAD_MAX ||
		    uk_xs_get(uk_xs_payload, msg.len))
			break;
		if (msg.type == XS_WATCH_EVENT)
			uk_xs_watch_event(msg.len);	/* else a reply nobody waits for */
	}
	w = token[0] ? uk_xs_watch_of(token) : NULL;
	if (!w)
		return false;
	fired = w->fired;
	w->fired = false;
	return fired;
}
