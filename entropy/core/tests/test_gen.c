// SPDX-License-Identifier: GPL-2.0
#include "ent_test.h"
#include "ent_gen.h"
#include "ent_pool.h"

/* RFC 8439 A.1 test vector #1: all-zero key and nonce, counter 0. */
ENT_TEST(gen_chacha20_rfc8439_a1)
{
	static const u8 want[64] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
		0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
		0xbd, 0xd2, 0x19, 0xb8, 0xa0, 0x8d, 0xed, 0x1a,
		0xa8, 0x36, 0xef, 0xcc, 0x8b, 0x77, 0x0d, 0xc7,
		0xda, 0x41, 0x59, 0x7c, 0x51, 0x57, 0x48, 0x8d,
		0x77, 0x24, 0xe0, 0x3f, 0xb8, 0xd8, 0x4a, 0x37,
		0x6a, 0x43, 0xb8, 0xf4, 0x15, 0x18, 0xa1, 0x1c,
		0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86,
	};
	u8 key[32] = { 0 }, nonce[12] = { 0 }, got[64];

	plat_chacha20(got, sizeof(got), key, nonce, 0);
	ENT_EXPECT_MEMEQ(got, want, sizeof(want));
}

/* RFC 8439 2.4.2: the "sunscreen" keystream, counter 1, first 32 bytes. */
ENT_TEST(gen_chacha20_rfc8439_242)
{
	static const char plain[] = "Ladies and Gentlemen of the class";
	static const u8 want[32] = {
		0x6e, 0x2e, 0x35, 0x9a, 0x25, 0x68, 0xf9, 0x80,
		0x41, 0xba, 0x07, 0x28, 0xdd, 0x0d, 0x69, 0x81,
		0xe9, 0x7e, 0x7a, 0xec, 0x1d, 0x43, 0x60, 0xc2,
		0x0a, 0x27, 0xaf, 0xcc, 0xfd, 0x9f, 0xae, 0x0b,
	};
	u8 key[32], nonce[12] = { 0 }, got[32];
	unsigned int i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (u8)i;
	nonce[7] = 0x4a;
	plat_chacha20(got, sizeof(got), key, nonce, 1);
	for (i = 0; i < sizeof(got); i++)
		got[i] ^= (u8)plain[i];
	ENT_EXPECT_MEMEQ(got, want, sizeof(want));
}

ENT_TEST(gen_unseeded_refuses)
{
	struct ent_gen gen;
	u8 out[16];
	u32 credited = 99;

	ent_gen_init(&gen, 1);
	ENT_EXPECT_EQ(ent_gen_read(&gen, out, sizeof(out), &credited), -EAGAIN);
	ENT_EXPECT(ent_gen_wants_seed(&gen, 0));
}

/* Same seed, two consumers: different bytes. */
ENT_TEST(gen_two_consumers_differ)
{
	u8 seed[ENT_SEED_BYTES] = { 1, 2, 3 }, a[256], b[256];
	struct ent_gen ga, gb;
	u32 ca, cb;

	ent_gen_init(&ga, 1);
	ent_gen_init(&gb, 2);
	ent_gen_reseed(&ga, seed, ENT_SEED_BITS, 0);
	ent_gen_reseed(&gb, seed, ENT_SEED_BITS, 0);
	ENT_EXPECT_EQ(ent_gen_read(&ga, a, sizeof(a), &ca), 0);
	ENT_EXPECT_EQ(ent_gen_read(&gb, b, sizeof(b), &cb), 0);
	ENT_EXPECT(memcmp(a, b, sizeof(a)) != 0);
	ent_gen_destroy(&ga);
	ent_gen_destroy(&gb);
}

/* The key changes on every read: no two reads repeat, even of length 0. */
ENT_TEST(gen_fast_key_erasure)
{
	u8 seed[ENT_SEED_BYTES] = { 9 }, key0[32], a[64], b[64];
	struct ent_gen gen;
	u32 c;

	ent_gen_init(&gen, 3);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 0);
	memcpy(key0, gen.key, sizeof(key0));
	ent_gen_read(&gen, a, 0, &c);
	ENT_EXPECT(memcmp(key0, gen.key, sizeof(key0)) != 0);
	ent_gen_read(&gen, a, sizeof(a), &c);
	ent_gen_read(&gen, b, sizeof(b), &c);
	ENT_EXPECT(memcmp(a, b, sizeof(a)) != 0);
}

/* A read longer than one chunk is still rekeyed in between. */
ENT_TEST(gen_long_read_matches_length)
{
	u8 seed[ENT_SEED_BYTES] = { 4 };
	struct ent_gen gen;
	size_t len = ENT_GEN_CHUNK * 2 + 100;
	u8 *out = ENT_ALLOC(len);
	u32 c;

	ENT_ASSERT(out);
	ent_gen_init(&gen, 4);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 0);
	ENT_EXPECT_EQ(ent_gen_read(&gen, out, len, &c), 0);
	ENT_EXPECT_EQ(gen.bytes_out, len);
	/* chunk 2 starts from a new key, so it differs from chunk 1 */
	ENT_EXPECT(memcmp(out, out + ENT_GEN_CHUNK, 64) != 0);
}

ENT_TEST(gen_reports_credit_once)
{
	u8 seed[ENT_SEED_BYTES] = { 5 }, out[64];
	struct ent_gen gen;
	u32 c;

	ent_gen_init(&gen, 5);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 0);
	ent_gen_read(&gen, out, 16, &c);
	ENT_EXPECT_EQ(c, 128);		/* never more than 8 bits per byte */
	ent_gen_read(&gen, out, 64, &c);
	ENT_EXPECT_EQ(c, 0);		/* spent by the previous read */
	ent_gen_reseed(&gen, seed, 100, 0);
	ent_gen_reseed(&gen, seed, 200, 0);
	ent_gen_read(&gen, out, 64, &c);
	ENT_EXPECT_EQ(c, ENT_SEED_BITS);	/* a key holds at most 256 */
	ENT_EXPECT_EQ(gen.bits_reported, 128 + ENT_SEED_BITS);
}

ENT_TEST(gen_reseed_policy)
{
	u8 seed[ENT_SEED_BYTES] = { 6 }, out[64];
	struct ent_gen gen;
	u32 c;

	ent_gen_init(&gen, 6);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 1000);
	ENT_EXPECT(!ent_gen_wants_seed(&gen, 1000));
	ENT_EXPECT(ent_gen_wants_seed(&gen, 1000 + ENT_GEN_RESEED_MS));
	ent_gen_read(&gen, out, sizeof(out), &c);
	/* credit spent: a new seed, but not sooner than the minimum interval */
	ENT_EXPECT(!ent_gen_wants_seed(&gen, 1000 + ENT_GEN_MIN_RESEED_MS - 1));
	ENT_EXPECT(ent_gen_wants_seed(&gen, 1000 + ENT_GEN_MIN_RESEED_MS));

	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 2000);
	gen.since_reseed = ENT_GEN_RESEED_BYTES - 1;
	ENT_EXPECT(!ent_gen_wants_seed(&gen, 2000 + ENT_GEN_MIN_RESEED_MS));
	gen.since_reseed = ENT_GEN_RESEED_BYTES;
	ENT_EXPECT(!ent_gen_wants_seed(&gen, 2000));
	ENT_EXPECT(ent_gen_wants_seed(&gen, 2000 + ENT_GEN_MIN_RESEED_MS));
	ENT_EXPECT_EQ(gen.reseeds, 2);
	/* when it is due: the fair hand-out orders consumers by it */
	ENT_EXPECT_EQ(ent_gen_seed_due(&gen), 2000 + ENT_GEN_MIN_RESEED_MS);
	gen.since_reseed = 0;
	ENT_EXPECT_EQ(ent_gen_seed_due(&gen), 2000 + ENT_GEN_RESEED_MS);
	gen.seeded = false;
	ENT_EXPECT_EQ(ent_gen_seed_due(&gen), 0);
}

static ENT_CASES(ent_gen) = {
	ENT_CASE(gen_chacha20_rfc8439_a1),
	ENT_CASE(gen_chacha20_rfc8439_242),
	ENT_CASE(gen_unseeded_refuses),
	ENT_CASE(gen_two_consumers_differ),
	ENT_CASE(gen_fast_key_erasure),
	ENT_CASE(gen_long_read_matches_length),
	ENT_CASE(gen_reports_credit_once),
	ENT_CASE(gen_reseed_policy),
	ENT_CASES_END
};

ENT_SUITE(ent_gen);
