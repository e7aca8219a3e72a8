/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The frontend's credit account: the credited bits the backend reported
 * and that have not yet been passed on to this domain's RNG. Each bit is
 * passed on once, with bytes drawn from the same generator after the bit
 * went in (vrngif.h, "credited"); an untrusted backend or one reporting
 * degraded sources adds nothing.
 */
#ifndef VRNG_CREDIT_H
#define VRNG_CREDIT_H

#include "vrng_proto.h"

#define VRNG_CREDIT_MAX_BITS (8U * VRNGIF_PAGE_SIZE)	/* balance cap */
#define VRNG_QUALITY_FULL 1024	/* hwrng quality: bits per 1024 bits */

struct vrng_credit {
	u32 balance;		/* bits reported, not yet passed on */
	u64 reported;		/* bits the backend reported in all */
	u64 dropped;		/* untrusted, degraded or beyond the cap */
	u64 passed;		/* bits this domain's RNG was credited */
	u64 degraded;		/* answers saying a backend source failed */
};

void vrng_credit_add(struct vrng_credit *c, const struct vrngif_response *rsp,
		     bool trusted);
void vrng_credit_forget(struct vrng_credit *c);
u32 vrng_credit_take_bits(struct vrng_credit *c, size_t len,
			  unsigned int quality);

#endif
