// SPDX-License-Identifier: GPL-2.0
/*
 * ent-bench: the portable entropy core's speed, side by side in one run.
 *   generator   ent_gen_read() in 4 KiB reads, against libsodium's own
 *               ChaCha20 (IETF) keystream in 4 KiB blocks: the ratio is
 *               the cost of fast key erasure and accounting
 *   health      ent_health_feed() per raw byte (RCT + APT)
 *   condition   ent_pool_add() per raw byte (SHA-256)
 *
 *   ent-bench [SECONDS]
 *
 * SECONDS per figure and round (0 < SECONDS <= 60, default 0.2), nine
 * rounds, medians and spread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ent_gen.h"
#include "ent_health.h"
#include "ent_pool.h"
#include "tool_args.h"

#define BLOCK 4096
#define ROUNDS 9

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs fn over BLOCK-sized pieces for about secs; returns bytes per s. */
static double rate(double secs, void (*fn)(void *ctx, u8 *buf), void *ctx)
{
	static u8 buf[BLOCK];
	double start = now(), elapsed;
	unsigned long long bytes = 0;

	do {
		for (int i = 0; i < 64; i++)
			fn(ctx, buf);
		bytes += 64ULL * BLOCK;
		elapsed = now() - start;
	} while (elapsed < secs);
	return bytes / elapsed;
}

static void sodium_block(void *ctx, u8 *buf)
{
	static const u8 nonce[crypto_stream_chacha20_ietf_NONCEBYTES];

	crypto_stream_chacha20_ietf(buf, BLOCK, nonce, ctx);
}

static void gen_block(void *ctx, u8 *buf)
{
	u32 credited;

	if (ent_gen_read(ctx, buf, BLOCK, &credited)) {
		fprintf(stderr, "ent-bench: generator refused to read\n");
		exit(1);
	}
}

static u8 raw[BLOCK];

static void health_block(void *ctx, u8 *buf)
{
	(void)buf;
	ent_health_feed(ctx, raw, BLOCK, 0);
}

static void pool_block(void *ctx, u8 *buf)
{
	u8 seed[ENT_SEED_BYTES];

	(void)buf;
	ent_pool_add(ctx, raw, BLOCK, ENT_QUALITY_FULL);
	while (ent_pool_take_seed(ctx, seed))
		;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median, lowest and highest of n samples (sorted in place). */
struct spread {
	double median, low, high;
};

static struct spread spread_of(double *v, int n)
{
	struct spread s;

	qsort(v, n, sizeof(*v), cmp_double);
	s.median = v[n / 2];
	s.low = v[0];
	s.high = v[n - 1];
	return s;
}

static const char usage[] =
	"usage: ent-bench [SECONDS]   (per figure and round, 0 < SECONDS <= 60)\n";

int main(int argc, char **argv)
{
	static const struct ent_health_policy policy = { 1000, 0 };
	double secs = argc > 1 ? atof(argv[1]) : 0.2;
	double lib[ROUNDS], ours[ROUNDS], ratio[ROUNDS], h[ROUNDS], c[ROUNDS];
	u8 key[32], seed[ENT_SEED_BYTES];
	struct spread sl, so, sr, sh, sc;
	struct ent_health hs;
	struct ent_pool pool;
	struct ent_gen gen;
	int r;

	if (tool_args_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	if (sodium_init() < 0 || secs <= 0 || secs > 60) {
		fputs(usage, stderr);
		return 2;
	}
	randombytes_buf(key, sizeof(key));
	randombytes_buf(seed, sizeof(seed));
	randombytes_buf(raw, sizeof(raw));
	ent_gen_init(&gen, 1);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 0);
	ent_health_init(&hs, 8, &policy);
	ent_pool_init(&pool);

	for (r = 0; r < ROUNDS; r++) {
		/* A then B in odd rounds, B then A in even ones */
		if (r & 1) {
			ours[r] = rate(secs, gen_block, &gen);
			lib[r] = rate(secs, sodium_block, key);
		} else {
			lib[r] = rate(secs, sodium_block, key);
			ours[r] = rate(secs, gen_block, &gen);
		}
		ratio[r] = ours[r] / lib[r];
		h[r] = rate(secs, health_block, &hs);
		c[r] = rate(secs, pool_block, &pool);
	}
	sl = spread_of(lib, ROUNDS);
	so = spread_of(ours, ROUNDS);
	sr = spread_of(ratio, ROUNDS);
	sh = spread_of(h, ROUNDS);
	sc = spread_of(c, ROUNDS);

	printf("%d rounds, A and B interleaved; median (lowest-highest):\n",
	       ROUNDS);
	printf("generator: %.0f MB/s (%.0f-%.0f), libsodium chacha20: %.0f MB/s (%.0f-%.0f), ratio %.2f (%.2f-%.2f) (4 KiB blocks)\n",
	       so.median / 1e6, so.low / 1e6, so.high / 1e6,
	       sl.median / 1e6, sl.low / 1e6, sl.high / 1e6,
	       sr.median, sr.low, sr.high);
	printf("health tests (RCT+APT): %.2f ns per raw byte (%.0f MB/s, %.0f-%.0f)\n",
	       1e9 / sh.median, sh.median / 1e6, sh.low / 1e6, sh.high / 1e6);
	printf("conditioning (SHA-256): %.2f ns per raw byte (%.0f MB/s, %.0f-%.0f)\n",
	       1e9 / sc.median, sc.median / 1e6, sc.low / 1e6, sc.high / 1e6);
	if (hs.failures)
		printf("note: %u health failures on random input\n", hs.failures);
	ent_gen_destroy(&gen);
	ent_pool_destroy(&pool);
	return 0;
}
