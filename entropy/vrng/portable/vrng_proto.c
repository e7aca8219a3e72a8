// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_proto.h"

/* Backend: checks a request already copied out of the ring. */
enum vrng_bad vrng_req_check(const struct vrngif_request *req,
			     unsigned int max_len)
{
	if (req->flags)
		return VRNG_BAD_FLAGS;
	if (req->reserved)
		return VRNG_BAD_RESERVED;
	if (!req->len || req->len > max_len ||
	    req->len > VRNGIF_MAX_REQUEST_BYTES)
		return VRNG_BAD_LEN;
	if ((u32)req->offset + req->len > VRNGIF_PAGE_SIZE)
		return VRNG_BAD_RANGE;
	return VRNG_OK;
}

/* Every field written, padding included: nothing of ours leaks. */
void vrng_rsp_build(struct vrngif_response *rsp, u16 id, s16 status,
		    u16 len, u16 health, u32 credited)
{
	memset(rsp, 0, sizeof(*rsp));
	rsp->id = id;
	rsp->status = status;
	rsp->len = status == VRNGIF_RSP_OKAY ? len : 0;
	rsp->health = health;
	rsp->credited = status == VRNGIF_RSP_OKAY ?
			(u32)plat_min_u64(credited, 8ULL * len) : 0;
}

void vrng_pending_init(struct vrng_pending *p)
{
	memset(p, 0, sizeof(*p));
}

/* Returns a free id for a request of len bytes, or -EBUSY. */
int vrng_pending_add(struct vrng_pending *p, u16 len)
{
	unsigned int i;

	if (p->count == VRNG_MAX_PENDING)
		return -EBUSY;
	for (i = 0; i < VRNG_MAX_PENDING; i++) {
		unsigned int id = (p->next + i) % VRNG_MAX_PENDING;

		if (!p->used[id]) {
			p->used[id] = 1;
			p->len[id] = len;
			p->next = (id + 1) % VRNG_MAX_PENDING;
			p->count++;
			return (int)id;
		}
	}
	return -EBUSY;
}

/*
 * Frontend: checks a response already copied out of the ring against the
 * outstanding requests, and retires its id when it is valid.
 */
enum vrng_bad vrng_rsp_check(struct vrng_pending *p,
			     const struct vrngif_response *rsp)
{
	if (rsp->id >= VRNG_MAX_PENDING || !p->used[rsp->id])
		return VRNG_BAD_ID;
	if (rsp->reserved)
		return VRNG_BAD_RESERVED;
	switch (rsp->status) {
	case VRNGIF_RSP_OKAY:
		if (rsp->len > p->len[rsp->id])
			return VRNG_BAD_LEN;
		if (rsp->health & VRNGIF_HEALTH_UNSEEDED)
			return VRNG_BAD_HEALTH;
		break;
	case VRNGIF_RSP_ERROR:
	case VRNGIF_RSP_RETRY:
		if (rsp->len)
			return VRNG_BAD_LEN;
		break;
	default:
		return VRNG_BAD_STATUS;
	}
	if (rsp->credited > 8U * rsp->len)
		return VRNG_BAD_CREDIT;
	p->used[rsp->id] = 0;
	p->count--;
	return VRNG_OK;
}

/* Strict decimal: digits only, no sign, no spaces, no overflow, <= max. */
const char *vrng_bad_name(enum vrng_bad why)
{
	switch (why) {
	case VRNG_OK:
		return "ok";
	case VRNG_BAD_FLAGS:
		return "non-zero flags";
	case VRNG_BAD_RESERVED:
		return "non-zero reserved field";
	case VRNG_BAD_LEN:
		return "bad length";
	case VRNG_BAD_RANGE:
		return "offset + length beyond the page";
	case VRNG_BAD_ID:
		return "response to no outstanding request";
	case VRNG_BAD_STATUS:
		return "unknown status";
	case VRNG_BAD_CREDIT:
		return "more than 8 credited bits per byte";
	case VRNG_BAD_PROD:
		return "producer index more than a ring ahead";
	case VRNG_BAD_HEALTH:
		return "bytes from an unseeded generator";
	}
	return "unknown";
}
