// SPDX-License-Identifier: GPL-2.0
/*
 * Recomputes the APT cutoff table of ent_health.c from SP 800-90B's
 * definition, C = 1 + CRITBINOM(512, 2^-H, 1 - 2^-30), in long double.
 * User space only: the kernel has no floating point.
 */
#include <math.h>
#include "ent_test.h"
#include "ent_health.h"

/* P(X >= k) for X ~ Binomial(n, p), summed from the small tail up. */
static long double binom_tail(unsigned int n, long double p, unsigned int k)
{
	long double sum = 0;
	unsigned int i;

	for (i = n + 1; i-- > k;)
		sum += expl(lgammal(n + 1) - lgammal(i + 1) - lgammal(n - i + 1) +
			    i * logl(p) + (n - i) * log1pl(-p));
	return sum;
}

ENT_TEST(cutoff_apt_table_matches_critbinom)
{
	const long double alpha = ldexpl(1, -ENT_ALPHA_LOG2);
	unsigned int h;

	for (h = 1; h <= ENT_H_MAX; h++) {
		long double p = ldexpl(1, -(int)h);
		unsigned int c = ent_health_apt_cutoff(h);

		/* CRITBINOM = c - 1: the smallest k with P(X > k) <= alpha */
		ENT_EXPECT(binom_tail(ENT_APT_WINDOW, p, c) <= alpha);
		ENT_EXPECT(binom_tail(ENT_APT_WINDOW, p, c - 1) > alpha);
	}
}

static ENT_CASES(ent_cutoff) = {
	ENT_CASE(cutoff_apt_table_matches_critbinom),
	ENT_CASES_END
};

ENT_SUITE(ent_cutoff);
