// SPDX-License-Identifier: GPL-2.0
#include "ent_test.h"
#include "ent_pool.h"

#define FULL_UNITS ((u64)ENT_POOL_FULL_BITS * ENT_UNITS_PER_BIT)

/* FIPS 180-2 appendix B.1: SHA-256("abc"). */
ENT_TEST(pool_sha256_vector)
{
	static const u8 want[PLAT_SHA256_BYTES] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	u8 got[PLAT_SHA256_BYTES];
	struct plat_sha256 h;

	plat_sha256_init(&h);
	plat_sha256_update(&h, (const u8 *)"a", 1);
	plat_sha256_update(&h, (const u8 *)"bc", 2);
	plat_sha256_final(&h, got);
	ENT_EXPECT_MEMEQ(got, want, sizeof(want));
}

/* 320 credited bits make exactly one seed; 319 make none. */
ENT_TEST(pool_seed_needs_320_bits)
{
	struct ent_pool *pool = ENT_ALLOC(sizeof(*pool));
	u8 buf[40], seed[ENT_SEED_BYTES];
	u64 s = 3;

	ENT_ASSERT(pool);
	ent_pool_init(pool);
	ent_test_fill(&s, buf, sizeof(buf));
	ENT_EXPECT_EQ(ent_pool_add(pool, buf, 39, ENT_QUALITY_FULL),
		      39 * 8 * ENT_UNITS_PER_BIT);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 0);
	ENT_EXPECT(!ent_pool_take_seed(pool, seed));
	ent_pool_add(pool, buf + 39, 1, ENT_QUALITY_FULL);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 1);
	ENT_EXPECT(ent_pool_take_seed(pool, seed));
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 0);
	ent_pool_destroy(pool);
}

/* RDRAND's 2/1024: 20480 bytes per 320 bits, cut across buffers. */
ENT_TEST(pool_fractional_quality_adds_up)
{
	struct ent_pool *pool = ENT_ALLOC(sizeof(*pool));
	static u8 buf[20480];
	u64 s = 5;

	ENT_ASSERT(pool);
	ent_pool_init(pool);
	ent_test_fill(&s, buf, sizeof(buf));
	ent_pool_add(pool, buf, 10000, 2);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 0);
	ent_pool_add(pool, buf + 10000, 10479, 2);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 0);
	ent_pool_add(pool, buf + 20479, 1, 2);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 1);
	ent_pool_destroy(pool);
}

/* One big buffer fills several seeds instead of saturating one hash. */
ENT_TEST(pool_big_buffer_fills_many_seeds)
{
	struct ent_pool *pool = ENT_ALLOC(sizeof(*pool));
	u8 buf[400], a[ENT_SEED_BYTES], b[ENT_SEED_BYTES];
	u64 s = 6;

	ENT_ASSERT(pool);
	ent_pool_init(pool);
	ent_test_fill(&s, buf, sizeof(buf));
	ent_pool_add(pool, buf, sizeof(buf), ENT_QUALITY_FULL);
	ENT_EXPECT_EQ(ent_pool_seeds(pool), 10);
	ENT_EXPECT(ent_pool_take_seed(pool, a));
	ENT_EXPECT(ent_pool_take_seed(pool, b));
	ENT_EXPECT(memcmp(a, b, sizeof(a)) != 0);
	ent_pool_destroy(pool);
}

ENT_TEST(pool_full_queue_wastes_not_carries)
{
	struct ent_pool *pool = ENT_ALLOC(sizeof(*pool));
	u8 buf[40 * (ENT_SEEDQ_LEN + 2)];
	u64 s = 8, credited;

	ENT_ASSERT(pool);
	ent_pool_init(pool);
	ent_test_fill(&s, buf, sizeof(buf));
	credited = ent_pool_add(pool, buf, sizeof(buf), ENT_QUALITY_FULL);
	ENT_EXPECT(ent_pool_full(pool));
	ENT_EXPECT_EQ(credited, ENT_SEEDQ_LEN * FULL_UNITS);
	ENT_EXPECT_EQ(pool->units_wasted, 2 * FULL_UNITS);
	ENT_EXPECT_EQ(pool->units, 0);
	ent_pool_destroy(pool);
}

/* Credit out never exceeds credit justified by the input. */
ENT_TEST(pool_accounting_never_exceeds_input)
{
	struct ent_pool *pool = ENT_ALLOC(sizeof(*pool));
	static u8 buf[1024];
	u64 s = 11, justified = 0, credited = 0;
	u8 seed[ENT_SEED_BYTES];
	unsigned int i;

	ENT_ASSERT(pool);
	ent_pool_init(pool);
	for (i = 0; i < 5000; i++) {
		size_t len = ent_test_rand(&s) % sizeof(buf);
		unsigned int q = ent_test_rand(&s) % (ENT_QUALITY_FULL + 200);

		ent_test_fill(&s, buf, len);
		justified += (u64)len * 8 * plat_min_u64(q, ENT_QUALITY_FULL);
		credited += ent_pool_add(pool, buf, len, q);
		ENT_ASSERT(credited <= justified);
		ENT_ASSERT(pool->seeds_made * FULL_UNITS <= credited);
		if (i % 3 == 0)
			ent_pool_take_seed(pool, seed);
	}
	ENT_EXPECT_EQ(credited, pool->units_in);
	ENT_EXPECT(credited + pool->units_wasted <= justified);
	ent_pool_destroy(pool);
}

static ENT_CASES(ent_pool) = {
	ENT_CASE(pool_sha256_vector),
	ENT_CASE(pool_seed_needs_320_bits),
	ENT_CASE(pool_fractional_quality_adds_up),
	ENT_CASE(pool_big_buffer_fills_many_seeds),
	ENT_CASE(pool_full_queue_wastes_not_carries),
	ENT_CASE(pool_accounting_never_exceeds_input),
	ENT_CASES_END
};

ENT_SUITE(ent_pool);
