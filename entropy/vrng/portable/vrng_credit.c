// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_credit.h"

/* Books a validated response's credit (vrng_rsp_check passed). */
void vrng_credit_add(struct vrng_credit *c, const struct vrngif_response *rsp,
		     bool trusted)
{
	u32 room = VRNG_CREDIT_MAX_BITS - c->balance;
	u32 bits = rsp->status == VRNGIF_RSP_OKAY ? rsp->credited : 0;

	c->reported += bits;
	if (rsp->health & VRNGIF_HEALTH_DEGRADED) {
		/*
		 * The tests catch a failing source some samples late, and
		 * those were credited: the balance they may be in goes too.
		 */
		c->degraded++;
		c->dropped += bits;
		vrng_credit_forget(c);
		return;
	}
	if (!trusted) {
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
 * Drops the balance: on every disconnect, so that bits one backend (or
 * one life of a saved image) reported are never credited against bytes
 * of another connection.
 */
void vrng_credit_forget(struct vrng_credit *c)
{
	c->dropped += c->balance;
	c->balance = 0;
}

/*
 * Takes the bits that len fresh bytes carry (at most 8 per byte, at most
 * the balance) for an RNG that credits quality/1024 of each bit (hwrng
 * quality); returns the bits it may credit. The bits taken are spent even
 * when quality credits fewer.
 */
u32 vrng_credit_take_bits(struct vrng_credit *c, size_t len,
			  unsigned int quality)
{
	u32 bits = (u32)plat_min_u64(c->balance, (u64)len * 8);
	u32 credit;

	quality = quality > VRNG_QUALITY_FULL ? VRNG_QUALITY_FULL : quality;
	credit = (u32)plat_div_u64((u64)bits * quality, VRNG_QUALITY_FULL);
	c->balance -= bits;
	c->passed += credit;
	return credit;
}
