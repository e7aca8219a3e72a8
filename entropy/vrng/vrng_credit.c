// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_credit.h"

/* Books a validated response's credit (vrng_rsp_check passed). */
void vrng_credit_add(struct vrng_credit *c, const struct vrngif_response *rsp,
		     bool trusted)
{
	u32 room = VRNG_CREDIT_MAX_BITS - c->balance;
	u32 bits = rsp->status == VRNGIF_RSP_OKAY ? rsp->credited : 0;

	c->reported += bits;
	if (!trusted || (rsp->health & VRNGIF_HEALTH_DEGRADED)) {
		c->dropped += bits;
		return;
	}
	if (bits > room) {
		c->dropped += bits - room;
		bits = room;
	}
	c->balance += bits;
}

/*
 * How many of len fresh bytes may go to an RNG that credits quality/1024
 * of each bit (hwrng quality): as many as whole bytes of balance cover.
 * The bits behind those bytes are spent even when quality credits fewer.
 */
size_t vrng_credit_take(struct vrng_credit *c, size_t len,
			unsigned int quality)
{
	size_t n = vrng_min_size(len, c->balance / 8);

	quality = quality > VRNG_QUALITY_FULL ? VRNG_QUALITY_FULL : quality;
	c->balance -= (u32)n * 8;
	c->passed += vrng_div_u64((u64)n * 8 * quality, VRNG_QUALITY_FULL);
	return n;
}
