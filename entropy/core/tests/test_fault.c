// SPDX-License-Identifier: GPL-2.0
/*
 * The faults the tests inject are caught by the test each is meant for,
 * within the bound tests/xen/dom0/health-fault.sh checks on real dom0:
 * stuck by the repetition count within its cutoff, biased by the
 * adaptive proportion within two windows and 5/4 of its cutoff, wherever
 * in a window the fault starts.
 */
#include "ent_test.h"
#include "ent_fault.h"
#include "ent_health.h"

static const struct ent_health_policy fault_policy = { 1000, 0 };

/* Good samples, then the fault until a failure: the samples it took. */
static u64 fault_caught_after(struct ent_health *hs, enum ent_fault fault,
			      unsigned int good_first, u64 *seed)
{
	static u8 good[ENT_STARTUP_SAMPLES + ENT_APT_WINDOW];
	u8 bad[64];
	u64 start;
	u32 phase = 0;
	unsigned int i;

	ent_test_fill(seed, good, ENT_STARTUP_SAMPLES + good_first);
	ent_health_feed(hs, good, ENT_STARTUP_SAMPLES + good_first, 0);
	if (hs->state != ENT_HEALTH_OK)
		return 0;
	start = hs->samples;
	for (i = 0; i < 64 && hs->state == ENT_HEALTH_OK; i++) {
		ent_test_fill(seed, good, sizeof(bad));
		ent_fault_apply(fault, bad, good, sizeof(bad), &phase);
		ent_health_feed(hs, bad, sizeof(bad), 0);
	}
	return hs->state == ENT_HEALTH_FAILED ? hs->failed_at_sample - start : 0;
}

ENT_TEST(fault_stuck_caught_by_rct_within_its_cutoff)
{
	unsigned int h, good_first;
	u64 seed = 21;

	for (h = 1; h <= ENT_H_MAX; h++) {
		for (good_first = 0; good_first < ENT_APT_WINDOW; good_first += 37) {
			struct ent_health hs;
			u64 took;

			ent_health_init(&hs, h, &fault_policy);
			took = fault_caught_after(&hs, ENT_FAULT_STUCK,
						  good_first, &seed);
			ENT_EXPECT(took >= 1 && took <= hs.rct_cutoff);
			ENT_EXPECT_EQ(hs.last_failure, ENT_TEST_RCT);
		}
	}
}

ENT_TEST(fault_biased_caught_by_apt_within_two_windows)
{
	unsigned int h, good_first;
	u64 seed = 22;

	for (h = 1; h <= ENT_H_MAX; h++) {
		for (good_first = 0; good_first < ENT_APT_WINDOW; good_first++) {
			struct ent_health hs;
			u64 took, bound;

			ent_health_init(&hs, h, &fault_policy);
			bound = 2 * ENT_APT_WINDOW +
				(hs.apt_cutoff * ENT_FAULT_BIAS_PERIOD +
				 ENT_FAULT_BIAS_PERIOD - 2) /
				(ENT_FAULT_BIAS_PERIOD - 1);
			took = fault_caught_after(&hs, ENT_FAULT_BIASED,
						  good_first, &seed);
			if (took < 1 || took > bound ||
			    hs.last_failure != ENT_TEST_APT) {
				ENT_FAIL("h %u, from %u: caught after %llu (bound %llu) by %s",
					 h, good_first, (unsigned long long)took,
					 (unsigned long long)bound,
					 ent_health_test_name(hs.last_failure));
				return;
			}
		}
	}
}

/* The source's own value never becomes the biased one. */
ENT_TEST(fault_biased_keeps_runs_short)
{
	u8 in[ENT_APT_WINDOW], out[ENT_APT_WINDOW];
	unsigned int i, run = 0, longest = 0, own = 0;
	u32 phase = 0;

	memset(in, ENT_FAULT_BIAS_VALUE, sizeof(in));
	ent_fault_apply(ENT_FAULT_BIASED, out, in, sizeof(out), &phase);
	for (i = 0; i < sizeof(out); i++) {
		run = out[i] == ENT_FAULT_BIAS_VALUE ? run + 1 : 0;
		longest = run > longest ? run : longest;
		own += out[i] != ENT_FAULT_BIAS_VALUE;
	}
	ENT_EXPECT_EQ(longest, ENT_FAULT_BIAS_PERIOD - 1);
	ENT_EXPECT_EQ(own, (ENT_APT_WINDOW + ENT_FAULT_BIAS_PERIOD - 1) /
			   ENT_FAULT_BIAS_PERIOD);
	ENT_EXPECT_EQ(phase, ENT_APT_WINDOW);
}

static ENT_CASES(ent_fault) = {
	ENT_CASE(fault_stuck_caught_by_rct_within_its_cutoff),
	ENT_CASE(fault_biased_caught_by_apt_within_two_windows),
	ENT_CASE(fault_biased_keeps_runs_short),
	ENT_CASES_END
};

ENT_SUITE(ent_fault);
