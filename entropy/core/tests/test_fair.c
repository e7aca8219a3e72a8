// SPDX-License-Identifier: GPL-2.0
/*
 * The fair hand-out of scarce seeds, on a fake clock: scripted consumers
 * read at fixed periods through the same steps as the kernel's
 * ent_consumer_read() (ask when the generator wants a seed, then read,
 * then note), while the "sources" make one seed every seed_ms.
 */
#include "ent_test.h"
#include "ent_fair.h"
#include "ent_gen.h"

#define SIM_MAX 4

struct sim_consumer {
	struct ent_gen gen;
	struct ent_fair_member m;
	u64 period_ms;		/* reads every period; 0: never again */
	u64 seeds;		/* seeds taken into its generator */
};

struct sim {
	struct ent_pool pool;
	struct ent_fair fair;
	struct sim_consumer c[SIM_MAX];
	unsigned int n;
	u64 rand;
};

static struct sim *sim_new(ENT_TEST_CTX_ARG, const u64 *periods,
			   unsigned int n)
{
	struct sim *s = ENT_ALLOC(sizeof(*s));
	unsigned int i;

	ENT_ASSERT(s);
	ent_pool_init(&s->pool);
	s->n = n;
	s->rand = 42;
	for (i = 0; i < n; i++) {
		ent_gen_init(&s->c[i].gen, i + 1);
		ent_fair_join(&s->fair, &s->c[i].m, i + 1);
		s->c[i].period_ms = periods[i];
	}
	return s;
}

/* One read by consumer c at now, as ent_consumer_read() does it. */
static void sim_read(struct sim *s, struct sim_consumer *c, u64 now)
{
	u8 seed[ENT_SEED_BYTES], out[64];
	u32 credited;

	if (ent_gen_wants_seed(&c->gen, now)) {
		ent_fair_note(&c->m, ent_gen_seed_due(&c->gen), now);
		if (ent_fair_take(&s->fair, &c->m, &s->pool, seed, now)) {
			ent_gen_reseed(&c->gen, seed, ENT_SEED_BITS, now);
			c->seeds++;
		}
	}
	if (!ent_gen_read(&c->gen, out, sizeof(out), &credited))
		ent_fair_note(&c->m, ent_gen_seed_due(&c->gen), now);
}

/* A full seed's worth of credited input: exactly one seed. */
static void sim_make_seed(struct sim *s)
{
	u8 raw[ENT_POOL_FULL_BITS / 8];

	ent_test_fill(&s->rand, raw, sizeof(raw));
	ent_pool_add(&s->pool, raw, sizeof(raw), ENT_QUALITY_FULL);
}

/* Runs from..to (ms); consumer i stops reading at stop_ms[i] if set. */
static void sim_run(struct sim *s, u64 from, u64 to, u64 seed_ms,
		    const u64 *stop_ms)
{
	u64 now;
	unsigned int i;

	for (now = from; now < to; now++) {
		if (now % seed_ms == 0)
			sim_make_seed(s);
		for (i = 0; i < s->n; i++) {
			struct sim_consumer *c = &s->c[i];

			if (stop_ms && stop_ms[i] && now >= stop_ms[i])
				continue;
			if (now % c->period_ms == 0)
				sim_read(s, c, now);
		}
	}
}

static void sim_free(struct sim *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		ent_fair_leave(&s->fair, &s->c[i].m);
		ent_gen_destroy(&s->c[i].gen);
	}
	ent_pool_destroy(&s->pool);
}

/*
 * A greedy reader (every ms), a light one (every 100 ms) and a rare one
 * (every 1.5 s) all want more seeds than the one a second there is: each
 * gets a third, within one seed plus 10%.
 */
ENT_TEST(fair_scarce_seeds_split_evenly)
{
	static const u64 periods[] = { 1, 100, 1500 };
	struct sim *s = sim_new(test, periods, 3);
	u64 total = 0, share;
	unsigned int i;

	sim_run(s, 1, 120000, 1000, NULL);
	for (i = 0; i < 3; i++)
		total += s->c[i].seeds;
	ENT_EXPECT(total >= 110);	/* none wasted: 119 made */
	share = total / 3;
	for (i = 0; i < 3; i++) {
		ENT_EXPECT(s->c[i].seeds * 10 >= share * 9 - 10);
		ENT_EXPECT(s->c[i].seeds * 10 <= share * 11 + 10);
	}
	/* the rare reader's share came through its inbox */
	ENT_EXPECT(s->c[2].m.set_aside > 0);
	sim_free(s);
}

/*
 * A consumer that stops reading loses its place after ENT_FAIR_IDLE_MS:
 * at most one seed waits in its inbox, the rest go to those who read.
 */
ENT_TEST(fair_idle_consumer_loses_its_place)
{
	static const u64 periods[] = { 1, 1, 200 };
	static const u64 stop[] = { 0, 0, 10000 };
	struct sim *s = sim_new(test, periods, 3);
	u64 before, a0, b0;

	sim_run(s, 1, 10000, 500, stop);
	before = s->c[2].m.set_aside;
	a0 = s->c[0].seeds;
	b0 = s->c[1].seeds;
	sim_run(s, 10000, 40000, 500, stop);
	ENT_EXPECT(s->c[2].m.set_aside - before <= 1);
	/* 60 seeds made after it stopped: the two readers share them */
	ENT_EXPECT(s->c[0].seeds - a0 >= 27);
	ENT_EXPECT(s->c[1].seeds - b0 >= 27);
	sim_free(s);
}

/* Plenty of seeds: a generator still takes at most one per 100 ms. */
ENT_TEST(fair_plenty_is_bounded_by_the_reseed_interval)
{
	static const u64 periods[] = { 1, 1 };
	struct sim *s = sim_new(test, periods, 2);

	sim_run(s, 1, 10000, 10, NULL);
	ENT_EXPECT(s->c[0].seeds <= 10000 / ENT_GEN_MIN_RESEED_MS + 1);
	ENT_EXPECT(s->c[0].seeds >= 10000 / ENT_GEN_MIN_RESEED_MS - 1);
	ENT_EXPECT(s->c[1].seeds >= 10000 / ENT_GEN_MIN_RESEED_MS - 1);
	sim_free(s);
}

/* Leaving unlinks the member and wipes a seed left in its inbox. */
ENT_TEST(fair_leave_wipes_the_inbox)
{
	static const u8 zero[ENT_SEED_BYTES];
	struct ent_fair f = { NULL };
	struct ent_fair_member a, b, c;

	ent_fair_join(&f, &a, 1);
	ent_fair_join(&f, &b, 2);
	ent_fair_join(&f, &c, 3);
	memset(b.inbox, 0x5a, sizeof(b.inbox));
	b.inbox_full = true;
	ent_fair_leave(&f, &b);
	ENT_EXPECT(!b.inbox_full);
	ENT_EXPECT_MEMEQ(b.inbox, zero, sizeof(zero));
	ENT_EXPECT(f.members == &c);
	ENT_EXPECT(c.next == &a);
	ENT_EXPECT(!a.next);
}

static ENT_CASES(ent_fair) = {
	ENT_CASE(fair_scarce_seeds_split_evenly),
	ENT_CASE(fair_idle_consumer_loses_its_place),
	ENT_CASE(fair_plenty_is_bounded_by_the_reseed_interval),
	ENT_CASE(fair_leave_wipes_the_inbox),
	ENT_CASES_END
};

ENT_SUITE(ent_fair);
