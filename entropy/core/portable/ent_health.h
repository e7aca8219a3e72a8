/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SP 800-90B continuous health tests (section 4.4) on 8-bit raw samples:
 * the Repetition Count Test, the Adaptive Proportion Test (window 512 for
 * non-binary samples) and a start-up test over ENT_STARTUP_SAMPLES samples.
 * A failure latches; ent_health_feed() then credits nothing until the
 * failure policy lets the source re-run a full start-up test.
 */
#ifndef ENT_HEALTH_H
#define ENT_HEALTH_H

#include <platform/platform.h>

#define ENT_ALPHA_LOG2 30		/* false-positive rate alpha = 2^-30 */
#define ENT_APT_WINDOW 512
#define ENT_STARTUP_SAMPLES 1024
#define ENT_H_MAX 8			/* bits of min-entropy per 8-bit sample */

/*
 * The most a source of min-entropy h per 8-bit sample may be credited,
 * in bits per 1024 input bits: h/8 of each bit. A quality above it would
 * credit more than the health tests' assessment vouches for.
 */
static inline unsigned int ent_health_max_quality(unsigned int h)
{
	return h > ENT_H_MAX ? 1024 : h * (1024 / ENT_H_MAX);
}

enum ent_health_state {
	ENT_HEALTH_STARTUP,
	ENT_HEALTH_OK,
	ENT_HEALTH_FAILED,	/* latched; may retry after retry_ms */
	ENT_HEALTH_DISABLED,	/* too many failures; needs a reset */
};

enum ent_health_test {
	ENT_TEST_NONE,
	ENT_TEST_RCT,
	ENT_TEST_APT,
	ENT_TEST_SHAPE,		/* a known failure shape seen by the driver */
};

/* When a failed source may come back; retry_ms == 0 means never. */
struct ent_health_policy {
	u64 retry_ms;
	u32 max_failures;
};

struct ent_health {
	struct ent_health_policy policy;
	u16 h;
	u16 rct_cutoff;
	u16 apt_cutoff;
	u16 rct_run;
	u16 apt_seen;
	u16 apt_matches;
	u8 rct_last;
	u8 apt_ref;
	u32 startup_left;
	enum ent_health_state state;
	enum ent_health_test last_failure;
	u32 failures;
	u64 failed_at_ms;
	u64 samples;
	u64 failed_at_sample;	/* samples when the last failure latched */
};

int ent_health_init(struct ent_health *hs, unsigned int h,
		    const struct ent_health_policy *policy);
unsigned int ent_health_rct_cutoff(unsigned int h);
unsigned int ent_health_apt_cutoff(unsigned int h);
size_t ent_health_feed(struct ent_health *hs, const u8 *buf, size_t len,
		       u64 now_ms);
void ent_health_reset(struct ent_health *hs);
bool ent_health_degraded(const struct ent_health *hs);
void ent_health_fail(struct ent_health *hs, enum ent_health_test test,
		     u64 now_ms);
const char *ent_health_state_name(enum ent_health_state state);
const char *ent_health_test_name(enum ent_health_test test);

#endif
