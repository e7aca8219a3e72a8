/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The vrng ring's two ends, written once: the backend's request loop and
 * the frontend's submit/collect, over a shared ring page whose other end
 * is hostile. The callers supply what differs per platform: where bytes
 * come from, how they reach the guest (grant copy, or memcpy in the
 * simulator) and notification.
 */
#ifndef VRNG_RING_H
#define VRNG_RING_H

#include "vrng_proto.h"
#include <xen/interface/io/vrngif.h>

struct vrng_back_ops {
	/*
	 * Fills buf with up to len bytes of this guest's stream; returns the
	 * count, -EBUSY when the guest's rate allows nothing yet (the request
	 * is held in the ring: call vrng_back_process() again later), or
	 * -EAGAIN when nothing can be given (unseeded: answered RETRY).
	 */
	int (*produce)(void *ctx, u8 *buf, unsigned int len, u32 *credited,
		       u16 *health);
	/* Writes len bytes into the guest's page gref at offset: 0 or -errno. */
	int (*copy_to_guest)(void *ctx, u32 gref, u16 offset, const u8 *buf,
			     unsigned int len);
};

struct vrng_back {
	struct vrngif_back_ring ring;
	const struct vrng_back_ops *ops;
	void *ctx;
	u8 *bounce;			/* VRNGIF_PAGE_SIZE bytes */
	unsigned int max_len;
	enum vrng_bad broken;		/* VRNG_OK while the peer behaves */
	enum vrng_bad last_malformed;	/* why the latest malformed was */
	bool stray_next;		/* test hook: next answer's id 0xffff */
	bool held;			/* the last call stopped on a held request */
	u64 carry;			/* credit not reported yet */
	u64 requests;			/* well-formed requests served */
	u64 bytes;
	u64 credited;
	u64 errors;			/* grant copies that failed */
	u64 retries;			/* answered RETRY */
	u64 malformed;			/* answered ERROR, not served */
	u64 credit_lost;		/* carry beyond VRNG_CARRY_MAX_BITS */
};

/* Credit carried to later answers, at most: one full page's worth. */
#define VRNG_CARRY_MAX_BITS (8ULL * VRNGIF_PAGE_SIZE)

void vrng_back_init(struct vrng_back *b, struct vrngif_sring *sring,
		    const struct vrng_back_ops *ops, void *ctx, u8 *bounce,
		    unsigned int max_len);
int vrng_back_process(struct vrng_back *b, unsigned int budget,
		      bool *notify, bool *more);

struct vrng_front {
	struct vrngif_front_ring ring;
	struct vrng_pending pending;
	enum vrng_bad broken;
};

void vrng_front_init(struct vrng_front *f, struct vrngif_sring *sring);
int vrng_front_submit(struct vrng_front *f, u32 gref, u16 offset, u16 len,
		      bool *notify);
int vrng_front_collect(struct vrng_front *f,
		       void (*done)(void *ctx, const struct vrngif_response *rsp),
		       void *ctx);

#endif
