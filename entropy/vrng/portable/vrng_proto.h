/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The vrng protocol's message logic, written once for the backend, the
 * Linux frontend and the freestanding unikernel frontend: validating
 * copies of ring messages, building whole responses, the frontend's table
 * of outstanding requests, strict parsing of xenstore numbers. No ring,
 * no Xen call, no allocation: the callers copy messages in and out.
 */
#ifndef VRNG_PROTO_H
#define VRNG_PROTO_H

#include <platform/platform.h>
#define VRNGIF_NO_RING
#include <xen/interface/io/vrngif.h>
#undef VRNGIF_NO_RING

#define VRNG_MAX_PENDING 256	/* ids 0..255; at least any ring's size */

/* Why a message was refused, for the one log line that reports it. */
enum vrng_bad {
	VRNG_OK,
	VRNG_BAD_FLAGS,
	VRNG_BAD_RESERVED,
	VRNG_BAD_LEN,
	VRNG_BAD_RANGE,		/* offset + len beyond the page */
	VRNG_BAD_ID,		/* response to no outstanding request */
	VRNG_BAD_STATUS,
	VRNG_BAD_CREDIT,	/* more than 8 bits per byte */
	VRNG_BAD_PROD,		/* producer index more than a ring ahead */
	VRNG_BAD_HEALTH,	/* OKAY from an UNSEEDED backend */
};

enum vrng_bad vrng_req_check(const struct vrngif_request *req,
			     unsigned int max_len);
void vrng_rsp_build(struct vrngif_response *rsp, u16 id, s16 status,
		    u16 len, u16 health, u32 credited);

/* Frontend: which ids are outstanding and how long each request was. */
struct vrng_pending {
	u16 len[VRNG_MAX_PENDING];
	u8 used[VRNG_MAX_PENDING];
	unsigned int next;
	unsigned int count;
};

void vrng_pending_init(struct vrng_pending *p);
int vrng_pending_add(struct vrng_pending *p, u16 len);
enum vrng_bad vrng_rsp_check(struct vrng_pending *p,
			     const struct vrngif_response *rsp);
const char *vrng_bad_name(enum vrng_bad why);

#endif
