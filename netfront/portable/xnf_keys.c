// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "xnf_keys.h"

/* netif.h bounds the XDP headroom a frontend may ask for. */
#define XNF_MAX_XDP_HEADROOM 0x7fff
/* More than any backend serves: a larger offer is read as this. */
#define XNF_OFFER_QUEUES_MAX 4096

/* A key's value up to max: 1 read, 0 absent; malformed counts, reads 0. */
static int xnf_offer_uint(struct xnf_offer *o, xnf_key_read_fn read,
			  void *ctx, const char *key, unsigned long max,
			  unsigned long *v)
{
	char buf[24];
	int err = read(ctx, key, buf, sizeof(buf));

	*v = 0;
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	if (plat_parse_uint(buf, max, v)) {
		o->malformed++;
		*v = 0;
		return 0;
	}
	return 1;
}

static int xnf_offer_flag(struct xnf_offer *o, xnf_key_read_fn read,
			  void *ctx, const char *key, bool *flag)
{
	unsigned long v;
	int err = xnf_offer_uint(o, read, ctx, key, 1, &v);

	*flag = v == 1;
	return err < 0 ? err : 0;
}

int xnf_offer_read(struct xnf_offer *o, xnf_key_read_fn read, void *ctx)
{
	unsigned long queues;
	int err;

	memset(o, 0, sizeof(*o));
	err = xnf_offer_flag(o, read, ctx, "feature-rx-copy", &o->rx_copy) ?:
	      xnf_offer_flag(o, read, ctx, "feature-sg", &o->sg) ?:
	      xnf_offer_flag(o, read, ctx, "feature-gso-tcpv4", &o->gso_tcpv4) ?:
	      xnf_offer_flag(o, read, ctx, "feature-gso-tcpv6", &o->gso_tcpv6) ?:
	      xnf_offer_flag(o, read, ctx, "feature-ipv6-csum-offload",
			     &o->ipv6_csum) ?:
	      xnf_offer_flag(o, read, ctx, "feature-split-event-channels",
			     &o->split_evtchn) ?:
	      xnf_offer_flag(o, read, ctx, "feature-xdp-headroom",
			     &o->xdp_headroom);
	if (err)
		return err;
	err = xnf_offer_uint(o, read, ctx, "multi-queue-max-queues",
			     XNF_OFFER_QUEUES_MAX, &queues);
	if (err < 0)
		return err;
	o->max_queues = queues ? (unsigned int)queues : 1;
	return o->rx_copy ? 0 : -EPROTO;
}

void xnf_plan_make(const struct xnf_offer *o, const struct xnf_want *w,
		   struct xnf_plan *p)
{
	unsigned int most = o->max_queues < XNF_MAX_QUEUES ? o->max_queues :
							     XNF_MAX_QUEUES;

	memset(p, 0, sizeof(*p));
	p->queues = w->queues < 1 ? 1 : w->queues > most ? most : w->queues;
	p->split_evtchn = w->split_evtchn && o->split_evtchn;
	p->sg = w->sg && o->sg;
	/* a GSO packet spans slots: no GSO without scatter-gather */
	p->gso_tcpv4 = w->gso && p->sg && o->gso_tcpv4;
	p->gso_tcpv6 = w->gso && p->sg && o->gso_tcpv6;
	p->ipv6_csum = w->csum_offload && o->ipv6_csum;
	p->no_csum_offload = !w->csum_offload;
	if (o->xdp_headroom)
		p->xdp_headroom = w->xdp_headroom > XNF_MAX_XDP_HEADROOM ?
				  XNF_MAX_XDP_HEADROOM : w->xdp_headroom;
}

/* key, or "queue-N/key" with several queues. */
static int xnf_key_write(xnf_key_write_fn write, void *ctx, int queue,
			 const char *key, unsigned long v)
{
	char path[64], num[21];
	size_t n = 0, k;

	if (queue >= 0) {
		memcpy(path, "queue-", 6);
		n = 6;
		plat_utoa((unsigned long)queue, num);
		for (k = 0; num[k]; k++)
			path[n++] = num[k];
		path[n++] = '/';
	}
	for (k = 0; key[k] && n < sizeof(path) - 1; k++)
		path[n++] = key[k];
	path[n] = '\0';
	return write(ctx, path, plat_utoa(v, num));
}

int xnf_plan_write(const struct xnf_plan *p, const struct xnf_queue_keys *q,
		   xnf_key_write_fn write, void *ctx)
{
	unsigned int i;
	int err = 0;

	if (p->queues > 1)
		err = xnf_key_write(write, ctx, -1, "multi-queue-num-queues",
				    p->queues);
	for (i = 0; i < p->queues && !err; i++) {
		int at = p->queues > 1 ? (int)i : -1;

		err = xnf_key_write(write, ctx, at, "tx-ring-ref", q[i].tx_ring_ref) ?:
		      xnf_key_write(write, ctx, at, "rx-ring-ref", q[i].rx_ring_ref);
		if (err)
			break;
		if (p->split_evtchn)
			err = xnf_key_write(write, ctx, at, "event-channel-tx",
					    q[i].evtchn_tx) ?:
			      xnf_key_write(write, ctx, at, "event-channel-rx",
					    q[i].evtchn_rx);
		else
			err = xnf_key_write(write, ctx, at, "event-channel",
					    q[i].evtchn_tx);
	}
	if (err)
		return err;
	/* rx-copy is netback's only mode; rx-notify: events, not polling */
	err = xnf_key_write(write, ctx, -1, "request-rx-copy", 1) ?:
	      xnf_key_write(write, ctx, -1, "feature-rx-notify", 1) ?:
	      xnf_key_write(write, ctx, -1, "feature-sg", p->sg) ?:
	      xnf_key_write(write, ctx, -1, "feature-gso-tcpv4", p->gso_tcpv4) ?:
	      xnf_key_write(write, ctx, -1, "feature-gso-tcpv6", p->gso_tcpv6) ?:
	      xnf_key_write(write, ctx, -1, "feature-ipv6-csum-offload",
			    p->ipv6_csum) ?:
	      xnf_key_write(write, ctx, -1, "feature-no-csum-offload",
			    p->no_csum_offload);
	if (!err && p->xdp_headroom)
		err = xnf_key_write(write, ctx, -1, "xdp-headroom",
				    p->xdp_headroom);
	return err;
}
