// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The SP 800-90B health tests (entropy/core/portable/ent_health.c) over
 * any sample stream, in buffers of any size, at any clock: credit never
 * exceeds the input; nothing is credited before start-up has passed, nor
 * in the buffer that finished it; nothing is credited while failed or
 * disabled; a run of identical samples as long as the RCT cutoff is
 * never credited; and a failure counts.
 */
#include "fuzz.h"
#include "ent_health.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct ent_health_policy policy = { .retry_ms = 50, .max_failures = 3 };
	struct ent_health hs;
	u64 now = 0, fed = 0, credited = 0;
	unsigned int h;
	u32 failures;

	if (size < 2)
		return 0;
	h = 1 + data[0] % ENT_H_MAX;
	if (ent_health_init(&hs, h, &policy))
		return 0;
	data += 1;
	size -= 1;
	while (size) {
		size_t len = 1 + data[0] % 64, got;
		enum ent_health_state before = hs.state;
		bool stuck;
		size_t i;

		now += data[0] >> 6;		/* 0-3 ms a buffer */
		data++;
		size--;
		len = len < size ? len : size;
		if (!len)
			break;
		/* a buffer of one repeated value longer than the cutoff */
		stuck = len >= hs.rct_cutoff;
		for (i = 1; stuck && i < len; i++)
			stuck = data[i] == data[0];
		failures = hs.failures;
		got = ent_health_feed(&hs, data, len, now);
		fed += len;
		credited += got;
		FUZZ_ASSERT(got == 0 || got == len);
		FUZZ_ASSERT(credited <= fed);
		FUZZ_ASSERT(!got || (before == ENT_HEALTH_OK && hs.state == ENT_HEALTH_OK));
		FUZZ_ASSERT(!got || !stuck);
		FUZZ_ASSERT(hs.failures >= failures);
		FUZZ_ASSERT(fed >= ENT_STARTUP_SAMPLES || !credited);
		data += len;
		size -= len;
	}
	return 0;
}
