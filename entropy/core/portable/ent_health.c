// SPDX-License-Identifier: GPL-2.0
/*
 * Cutoffs, with alpha = 2^-30 and H the assessed min-entropy per sample:
 *   RCT: C = 1 + ceil(30 / H)                               (90B 4.4.1)
 *   APT: C = 1 + CRITBINOM(512, 2^-H, 1 - 2^-30)            (90B 4.4.2)
 * CRITBINOM was evaluated exactly (rational arithmetic, no floating point)
 * by tests/unit/test_health.c, which recomputes this table on every run.
 * H = 1 gives 31 and 325, the values crypto/jitterentropy.c uses.
 */
#include "ent_health.h"

static const u16 ent_apt_cutoffs[ENT_H_MAX + 1] = {
	0, 325, 190, 114, 71, 46, 31, 22, 16,
};

unsigned int ent_health_rct_cutoff(unsigned int h)
{
	return 1 + (ENT_ALPHA_LOG2 + h - 1) / h;
}

unsigned int ent_health_apt_cutoff(unsigned int h)
{
	return ent_apt_cutoffs[h];
}

static void ent_health_restart(struct ent_health *hs)
{
	hs->rct_run = 0;
	hs->apt_seen = 0;
	hs->apt_matches = 0;
	hs->startup_left = ENT_STARTUP_SAMPLES;
	hs->state = ENT_HEALTH_STARTUP;
}

int ent_health_init(struct ent_health *hs, unsigned int h,
		    const struct ent_health_policy *policy)
{
	if (h < 1 || h > ENT_H_MAX)
		return -EINVAL;
	memset(hs, 0, sizeof(*hs));
	hs->policy = *policy;
	hs->h = h;
	hs->rct_cutoff = ent_health_rct_cutoff(h);
	hs->apt_cutoff = ent_health_apt_cutoff(h);
	ent_health_restart(hs);
	return 0;
}

/* Clears a latched failure and the failure count: an operator's decision. */
void ent_health_reset(struct ent_health *hs)
{
	hs->failures = 0;
	hs->last_failure = ENT_TEST_NONE;
	ent_health_restart(hs);
}

/* Returns the test that failed on this sample, or ENT_TEST_NONE. */
static enum ent_health_test ent_health_sample(struct ent_health *hs, u8 x)
{
	if (hs->rct_run && x == hs->rct_last) {
		if (++hs->rct_run >= hs->rct_cutoff)
			return ENT_TEST_RCT;
	} else {
		hs->rct_last = x;
		hs->rct_run = 1;
	}

	if (hs->apt_seen == 0) {
		hs->apt_ref = x;
		hs->apt_matches = 1;
	} else if (x == hs->apt_ref && ++hs->apt_matches >= hs->apt_cutoff) {
		return ENT_TEST_APT;
	}
	if (++hs->apt_seen == ENT_APT_WINDOW)
		hs->apt_seen = 0;
	return ENT_TEST_NONE;
}

/* Latches a failure; also used for failures a driver sees itself. */
void ent_health_fail(struct ent_health *hs, enum ent_health_test test,
		     u64 now_ms)
{
	if (hs->state == ENT_HEALTH_DISABLED)
		return;
	hs->last_failure = test;
	hs->failed_at_ms = now_ms;
	hs->failed_at_sample = hs->samples;
	hs->failures++;
	hs->state = hs->policy.max_failures &&
		    hs->failures >= hs->policy.max_failures ?
		    ENT_HEALTH_DISABLED : ENT_HEALTH_FAILED;
}

static bool ent_health_may_retry(struct ent_health *hs, u64 now_ms)
{
	if (hs->state != ENT_HEALTH_FAILED || !hs->policy.retry_ms)
		return false;
	return now_ms - hs->failed_at_ms >= hs->policy.retry_ms;
}

/*
 * Runs every sample of buf through the tests. Returns how many bytes may
 * be credited: all of them when the source was healthy before and after
 * the buffer, none otherwise. The buffer in which start-up completes is
 * not credited, so no sample that took part in start-up is ever credited.
 */
size_t ent_health_feed(struct ent_health *hs, const u8 *buf, size_t len,
		       u64 now_ms)
{
	enum ent_health_state before;
	size_t i;

	if (ent_health_may_retry(hs, now_ms))
		ent_health_restart(hs);
	if (hs->state == ENT_HEALTH_FAILED || hs->state == ENT_HEALTH_DISABLED)
		return 0;

	before = hs->state;
	for (i = 0; i < len; i++) {
		enum ent_health_test t = ent_health_sample(hs, buf[i]);

		hs->samples++;
		if (t != ENT_TEST_NONE) {
			ent_health_fail(hs, t, now_ms);
			return 0;
		}
		if (hs->state == ENT_HEALTH_STARTUP && --hs->startup_left == 0)
			hs->state = ENT_HEALTH_OK;
	}
	return before == ENT_HEALTH_OK ? len : 0;
}

/*
 * Has the source failed and not yet passed a fresh start-up test? A
 * source re-running start-up after a failure is not vouched for again.
 */
bool ent_health_degraded(const struct ent_health *hs)
{
	switch (hs->state) {
	case ENT_HEALTH_FAILED:
	case ENT_HEALTH_DISABLED:
		return true;
	case ENT_HEALTH_STARTUP:
		return hs->last_failure != ENT_TEST_NONE;
	case ENT_HEALTH_OK:
		break;
	}
	return false;
}

const char *ent_health_state_name(enum ent_health_state state)
{
	switch (state) {
	case ENT_HEALTH_STARTUP:
		return "startup";
	case ENT_HEALTH_OK:
		return "healthy";
	case ENT_HEALTH_FAILED:
		return "failed";
	case ENT_HEALTH_DISABLED:
		return "disabled";
	}
	return "unknown";
}

const char *ent_health_test_name(enum ent_health_test test)
{
	switch (test) {
	case ENT_TEST_NONE:
		return "none";
	case ENT_TEST_RCT:
		return "repetition-count";
	case ENT_TEST_APT:
		return "adaptive-proportion";
	case ENT_TEST_SHAPE:
		return "known-bad-output";
	}
	return "unknown";
}
