// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The backend's xenstore keys, as a hostile or broken toolstack may
 * leave them, against the netfront's handshake (netfront/portable/
 * xnf_keys.c): the input is a value for each key read (cut at NULs),
 * possibly too long for the caller's buffer. Whatever they say, the
 * offer is plain booleans and a queue count of at least one, the plan
 * asks only for what was offered and wanted (queues within netback's
 * cap), and the keys written for it are well-formed decimal or 0/1.
 */
#include "fuzz.h"
#include "xnf_keys.h"

struct fz_keys {
	const u8 *data;
	size_t size;
};

/* Each read takes the next value from the input: up to a NUL or its end. */
static int fz_read(void *ctx, const char *key, char *buf, size_t len)
{
	struct fz_keys *k = ctx;
	size_t n = 0;

	(void)key;
	if (!k->size)
		return -ENOENT;
	if (k->data[0] == 0xff) {		/* this key is absent */
		k->data++;
		k->size--;
		return -ENOENT;
	}
	while (n < k->size && k->data[n])
		n++;
	if (n + 1 > len) {			/* too long for the buffer */
		k->data += n;
		k->size -= n;
		return -EMSGSIZE;
	}
	memcpy(buf, k->data, n);
	buf[n] = '\0';
	k->data += n + (n < k->size);
	k->size -= n + (n < k->size);
	return 0;
}

static int fz_write(void *ctx, const char *key, const char *value)
{
	size_t i;

	(void)ctx;
	FUZZ_ASSERT(key[0] && value[0]);
	for (i = 0; value[i]; i++)
		FUZZ_ASSERT(value[i] >= '0' && value[i] <= '9');
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_keys k = { data, size };
	struct xnf_queue_keys q[XNF_MAX_QUEUES];
	struct xnf_want want = { 0 };
	struct xnf_offer o;
	struct xnf_plan p;
	unsigned int i;
	int err;

	if (size < 2)
		return 0;
	want.queues = 1 + data[0] % XNF_MAX_QUEUES;
	want.split_evtchn = data[1] & 1;
	want.sg = data[1] & 2;
	want.gso = data[1] & 4;
	want.csum_offload = data[1] & 8;
	want.xdp_headroom = data[1] & 16 ? 256 : 0;
	k.data += 2;
	k.size -= 2;
	err = xnf_offer_read(&o, fz_read, &k);
	if (err)
		return 0;
	FUZZ_ASSERT(o.rx_copy);
	FUZZ_ASSERT(o.max_queues >= 1);	/* the plan caps it at XNF_MAX_QUEUES */
	xnf_plan_make(&o, &want, &p);
	FUZZ_ASSERT(p.queues >= 1 && p.queues <= want.queues && p.queues <= o.max_queues &&
		    p.queues <= XNF_MAX_QUEUES);
	FUZZ_ASSERT(!p.sg || (o.sg && want.sg));
	FUZZ_ASSERT(!p.split_evtchn || (o.split_evtchn && want.split_evtchn));
	FUZZ_ASSERT(!(p.gso_tcpv4 || p.gso_tcpv6) || want.gso);
	FUZZ_ASSERT(!p.gso_tcpv4 || o.gso_tcpv4);
	FUZZ_ASSERT(!p.gso_tcpv6 || o.gso_tcpv6);
	FUZZ_ASSERT(!p.xdp_headroom || o.xdp_headroom);
	for (i = 0; i < p.queues; i++)
		q[i] = (struct xnf_queue_keys){ 8 + i, 100 + i, 3 + i, 20 + i };
	FUZZ_ASSERT(xnf_plan_write(&p, q, fz_write, NULL) == 0);
	return 0;
}
