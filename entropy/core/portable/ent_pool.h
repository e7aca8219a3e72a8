/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conditioning and accounting. Health-tested raw bytes are hashed with
 * SHA-256, a vetted conditioning function (SP 800-90B 3.1.5.1.1). Credit
 * is tracked in 1/1024 bit units so that sources credited at a fraction of
 * a bit per byte add up exactly. Once ENT_POOL_FULL_BITS have been credited
 * the hash is finalised into one 256-bit seed, which 90B 3.1.5.1.2 lets us
 * count as full entropy (input >= n_out + 64). Ready seeds wait in a
 * bounded queue; credit offered while the queue is full is mixed in but
 * counted as wasted, never carried over.
 */
#ifndef ENT_POOL_H
#define ENT_POOL_H

#include <platform/crypto.h>

#define ENT_SEED_BYTES 32
#define ENT_SEED_BITS (ENT_SEED_BYTES * 8)
#define ENT_POOL_FULL_BITS (ENT_SEED_BITS + 64)
#define ENT_SEEDQ_LEN 16
#define ENT_QUALITY_FULL 1024		/* credited bits per 1024 input bits */
#define ENT_UNITS_PER_BIT 1024

struct ent_pool {
	struct plat_sha256 ctx;
	u64 units;			/* credit in ctx, 1/1024 bit */
	u8 seeds[ENT_SEEDQ_LEN][ENT_SEED_BYTES];
	unsigned int seed_head;
	unsigned int seed_count;
	u64 units_in;			/* credited into ctx, all time */
	u64 units_wasted;		/* offered while the queue was full */
	u64 seeds_made;
	u64 seeds_taken;
};

void ent_pool_init(struct ent_pool *pool);
void ent_pool_destroy(struct ent_pool *pool);
u64 ent_pool_add(struct ent_pool *pool, const u8 *buf, size_t len,
		 unsigned int quality);
bool ent_pool_take_seed(struct ent_pool *pool, u8 *seed);

static inline bool ent_pool_full(const struct ent_pool *pool)
{
	return pool->seed_count == ENT_SEEDQ_LEN;
}

static inline unsigned int ent_pool_seeds(const struct ent_pool *pool)
{
	return pool->seed_count;
}

#endif
