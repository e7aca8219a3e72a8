// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The guest's credit account (entropy/vrng/portable/vrng_credit.c) and
 * the backend's token bucket (vrng_bucket.c) under any sequence of
 * validated responses, reads, disconnects and clock readings. Credit is
 * honest: no read is credited more than 8 bits a byte or more than the
 * balance holds, nothing untrusted or degraded is ever credited, every
 * reported bit is passed, dropped or still in the balance, and the
 * balance never exceeds its cap. The bucket never grants more than was
 * asked, nor more than its burst plus what its rate earned.
 */
#include "fuzz.h"
#include "vrng_bucket.h"
#include "vrng_credit.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vrng_credit c = { 0 };
	struct vrng_bucket b;
	u64 now = 1000, granted = 0, earned_ns = 0, rate, burst, trusted_bits = 0;
	u64 credited = 0;

	if (size < 4)
		return 0;
	rate = (u64)(data[0] | data[1] << 8) * 97;
	burst = 1 + (u64)(data[2] | data[3] << 8) * 13;
	if (vrng_bucket_init(&b, rate, burst, now))
		return 0;
	data += 4;
	size -= 4;
	for (; size >= 8; data += 8, size -= 8) {
		struct vrngif_response rsp = {
			.status = data[0] & 1 ? VRNGIF_RSP_OKAY : VRNGIF_RSP_RETRY,
			.len = (u16)(data[1] | (data[2] & 0x0f) << 8),
			.health = data[0] & 2 ? VRNGIF_HEALTH_DEGRADED : 0,
		};
		bool trusted = data[0] & 4;
		size_t len = data[4] | (data[5] & 0x1f) << 8;
		u32 got;

		/* credited no more than 8 bits a byte: vrng_rsp_check's rule */
		rsp.credited = (u32)((data[3] * 37U) % (8U * rsp.len + 1));
		switch (data[0] >> 4 & 3) {
		case 0:
			vrng_credit_add(&c, &rsp, trusted);
			if (trusted && !(rsp.health & VRNGIF_HEALTH_DEGRADED) &&
			    rsp.status == VRNGIF_RSP_OKAY)
				trusted_bits += rsp.credited;
			/* a degraded answer empties the account (V26) */
			if (rsp.health & VRNGIF_HEALTH_DEGRADED)
				FUZZ_ASSERT(c.balance == 0);
			break;
		case 1:
			got = vrng_credit_take_bits(&c, len, data[6] * 5U);
			FUZZ_ASSERT(got <= 8ULL * len);
			credited += got;
			break;
		case 2:
			vrng_credit_forget(&c);
			break;
		default:
			now += (u64)data[6] * 1000003;	/* up to 0.25 s */
			earned_ns += (u64)data[6] * 1000003;
			granted += vrng_bucket_take(&b, len, now);
			FUZZ_ASSERT(rate == 0 ||
				    granted <= burst + (earned_ns * rate) / 1000000000ULL + 1);
			break;
		}
		FUZZ_ASSERT(c.balance <= VRNG_CREDIT_MAX_BITS);
		FUZZ_ASSERT(c.passed == credited && credited <= trusted_bits);
		FUZZ_ASSERT(c.reported >= c.dropped + c.balance &&
			    c.reported - c.dropped - c.balance >= c.passed);
	}
	return 0;
}
