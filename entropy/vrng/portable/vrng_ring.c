// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_ring.h"

/* Attaches to a shared page that the frontend initialised. */
void vrng_back_init(struct vrng_back *b, struct vrngif_sring *sring,
		    const struct vrng_back_ops *ops, void *ctx, u8 *bounce,
		    unsigned int max_len)
{
	memset(b, 0, sizeof(*b));
	BACK_RING_INIT(&b->ring, sring, VRNGIF_PAGE_SIZE);
	b->ops = ops;
	b->ctx = ctx;
	b->bounce = bounce;
	b->max_len = max_len;
}

/* Keeps credit for later answers, up to VRNG_CARRY_MAX_BITS; counts the rest. */
static void vrng_back_carry(struct vrng_back *b, u64 bits)
{
	if (bits > VRNG_CARRY_MAX_BITS) {
		b->credit_lost += bits - VRNG_CARRY_MAX_BITS;
		bits = VRNG_CARRY_MAX_BITS;
	}
	b->carry = bits;
}

/*
 * One well-formed request, already copied out of the ring: answered (true)
 * or held (false: not consumed, nothing spent). Credit the answer cannot
 * carry (above 8 bits per byte, or bytes that never reached the guest)
 * stays with the guest's generator, whose output depends on it from then
 * on, and goes with the next OKAY answer (vrngif.h, credited).
 */
static bool vrng_back_serve(struct vrng_back *b,
			    const struct vrngif_request *req,
			    struct vrngif_response *rsp)
{
	u32 credited = 0;
	u16 health = 0;
	u64 credit, give;
	int n;

	n = b->ops->produce(b->ctx, b->bounce, req->len, &credited, &health);
	if (n == -EBUSY)
		return false;		/* held: the rate allows nothing yet */
	if (n > 0)
		n = (int)plat_min_size((size_t)n, req->len);
	if (n <= 0) {
		b->retries++;
		vrng_back_carry(b, b->carry + credited);
		vrng_rsp_build(rsp, req->id, VRNGIF_RSP_RETRY, 0, health, 0);
		return true;
	}
	credit = b->carry + credited;
	if (b->ops->copy_to_guest(b->ctx, req->gref, req->offset, b->bounce,
				  (unsigned int)n)) {
		b->errors++;
		vrng_back_carry(b, credit);
		vrng_rsp_build(rsp, req->id, VRNGIF_RSP_ERROR, 0, health, 0);
		return true;
	}
	give = plat_min_u64(credit, 8ULL * (unsigned int)n);
	vrng_back_carry(b, credit - give);
	/* bytes came, so the generator was seeded, whatever health said */
	vrng_rsp_build(rsp, req->id, VRNGIF_RSP_OKAY, (u16)n,
		       health & ~VRNGIF_HEALTH_UNSEEDED, (u32)give);
	b->bytes += (unsigned int)n;
	b->credited += give;
	return true;
}

/*
 * Serves at most budget requests, each copied out of the ring once and
 * checked on the copy (vrngif.h, "Malformed requests"): a malformed one
 * is answered ERROR, counted and not served; a producer index more than a
 * ring ahead marks the peer broken (-EPROTO, reason in b->broken) before
 * any request is read, so every answer made is pushed. A request the
 * guest's rate cannot serve yet stays in the ring, unconsumed, and stops
 * the loop (b->held: call again when the rate allows). *notify: the
 * frontend must be told; *more: requests are left (budget spent), call
 * again. Returns the requests answered.
 */
int vrng_back_process(struct vrng_back *b, unsigned int budget,
		      bool *notify, bool *more)
{
	RING_IDX rc, rp;
	int done = 0;
	int note = 0, left = 0;

	*notify = false;
	*more = false;
	if (b->broken != VRNG_OK)
		return -EPROTO;
	rc = b->ring.req_cons;
	rp = b->ring.sring->req_prod;
	plat_rmb();		/* see requests up to rp, not older contents */
	if (RING_REQUEST_PROD_OVERFLOW(&b->ring, rp)) {
		b->broken = VRNG_BAD_PROD;
		return -EPROTO;
	}
	b->held = false;
	while (rc != rp && budget) {
		struct vrngif_request req;
		struct vrngif_response rsp;
		enum vrng_bad why;

		if (RING_REQUEST_CONS_OVERFLOW(&b->ring, rc))
			break;	/* no response slot free: wait for the peer */
		RING_COPY_REQUEST(&b->ring, rc, &req);
		why = vrng_req_check(&req, b->max_len);
		if (why == VRNG_OK && !vrng_back_serve(b, &req, &rsp)) {
			b->held = true;	/* left in the ring, copied again later */
			break;
		}
		if (why == VRNG_OK) {
			b->requests++;
		} else {
			b->malformed++;
			b->last_malformed = why;
			vrng_rsp_build(&rsp, req.id, VRNGIF_RSP_ERROR, 0, 0, 0);
		}
		b->ring.req_cons = ++rc;
		if (b->stray_next) {
			/* in a slot of its own: no request is overwritten */
			rsp.id = 0xffff;
			b->stray_next = false;
		}
		memcpy(RING_GET_RESPONSE(&b->ring, b->ring.rsp_prod_pvt), &rsp,
		       sizeof(rsp));
		b->ring.rsp_prod_pvt++;
		budget--;
		done++;
	}
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&b->ring, note);
	if (b->held)
		left = 0;	/* the caller's timer calls again */
	else if (rc != rp)
		left = 1;
	else
		RING_FINAL_CHECK_FOR_REQUESTS(&b->ring, left);
	*notify = note;
	*more = left;
	return done;
}

/* The frontend allocates and initialises the shared page. */
void vrng_front_init(struct vrng_front *f, struct vrngif_sring *sring)
{
	memset(f, 0, sizeof(*f));
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&f->ring, sring, VRNGIF_PAGE_SIZE);
	vrng_pending_init(&f->pending);
}

/* Queues one request; returns its id, -EBUSY (ring full) or -EPROTO. */
int vrng_front_submit(struct vrng_front *f, u32 gref, u16 offset, u16 len,
		      bool *notify)
{
	struct vrngif_request req = { 0 };
	int id, note = 0;

	*notify = false;
	if (f->broken != VRNG_OK)
		return -EPROTO;
	if (RING_FULL(&f->ring))
		return -EBUSY;
	id = vrng_pending_add(&f->pending, len);
	if (id < 0)
		return id;
	req.id = (u16)id;
	req.gref = gref;
	req.offset = offset;
	req.len = len;
	memcpy(RING_GET_REQUEST(&f->ring, f->ring.req_prod_pvt), &req,
	       sizeof(req));
	f->ring.req_prod_pvt++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&f->ring, note);
	*notify = note;
	return id;
}

/*
 * Hands every valid response to done(); returns how many, or -EPROTO
 * (reason in f->broken) at the first response that is not an answer to
 * an outstanding request, or a producer index more than a ring ahead.
 */
int vrng_front_collect(struct vrng_front *f,
		       void (*done)(void *ctx, const struct vrngif_response *rsp),
		       void *ctx)
{
	RING_IDX rc, rp;
	int n = 0, more;

	if (f->broken != VRNG_OK)
		return -EPROTO;
	do {
		rc = f->ring.rsp_cons;
		rp = f->ring.sring->rsp_prod;
		plat_rmb();
		if (RING_RESPONSE_PROD_OVERFLOW(&f->ring, rp)) {
			f->broken = VRNG_BAD_PROD;
			return -EPROTO;
		}
		while (rc != rp) {
			struct vrngif_response rsp;
			enum vrng_bad why;

			RING_COPY_RESPONSE(&f->ring, rc, &rsp);
			f->ring.rsp_cons = ++rc;
			why = vrng_rsp_check(&f->pending, &rsp);
			if (why != VRNG_OK) {
				f->broken = why;
				return -EPROTO;
			}
			done(ctx, &rsp);
			n++;
		}
		RING_FINAL_CHECK_FOR_RESPONSES(&f->ring, more);
	} while (more);
	return n;
}
