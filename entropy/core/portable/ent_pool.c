// SPDX-License-Identifier: GPL-2.0
#include "ent_pool.h"

#define ENT_POOL_FULL_UNITS ((u64)ENT_POOL_FULL_BITS * ENT_UNITS_PER_BIT)

static const u8 ent_label_seed[] = "ent-pool seed";
static const u8 ent_label_chain[] = "ent-pool chain";

void ent_pool_init(struct ent_pool *pool)
{
	memset(pool, 0, sizeof(*pool));
	plat_sha256_init(&pool->ctx);
}

void ent_pool_destroy(struct ent_pool *pool)
{
	plat_memzero(pool, sizeof(*pool));
}

/*
 * Seed and chain value are two independent hashes of the digest, so a seed
 * that leaks tells nothing about the pool's next state. The chain value is
 * credited nothing.
 */
static void ent_pool_extract(struct ent_pool *pool)
{
	unsigned int slot = (pool->seed_head + pool->seed_count) % ENT_SEEDQ_LEN;
	u8 digest[PLAT_SHA256_BYTES];
	struct plat_sha256 h;

	plat_sha256_final(&pool->ctx, digest);

	plat_sha256_init(&h);
	plat_sha256_update(&h, ent_label_seed, sizeof(ent_label_seed));
	plat_sha256_update(&h, digest, sizeof(digest));
	plat_sha256_final(&h, pool->seeds[slot]);

	plat_sha256_init(&pool->ctx);
	plat_sha256_update(&pool->ctx, ent_label_chain, sizeof(ent_label_chain));
	plat_sha256_update(&pool->ctx, digest, sizeof(digest));
	plat_memzero(digest, sizeof(digest));

	pool->seed_count++;
	pool->seeds_made++;
	pool->units = 0;
}

/*
 * Mixes len bytes credited at quality/1024 bits per bit. The buffer is cut
 * where the pool fills, so credit beyond one seed goes into the next seed
 * instead of being lost in a saturated hash. Returns credited units.
 */
u64 ent_pool_add(struct ent_pool *pool, const u8 *buf, size_t len,
		 unsigned int quality)
{
	u64 per_byte, credited = 0;

	quality = (unsigned int)plat_min_u64(quality, ENT_QUALITY_FULL);
	per_byte = 8ULL * quality;
	while (len) {
		size_t chunk = len;
		u64 gained;

		if (per_byte && !ent_pool_full(pool)) {
			u64 need = ENT_POOL_FULL_UNITS - pool->units;
			u64 bytes = plat_div_u64(need + per_byte - 1,
						(u32)per_byte);

			if (bytes < chunk)
				chunk = bytes;
		}
		plat_sha256_update(&pool->ctx, buf, chunk);
		gained = per_byte * chunk;
		if (ent_pool_full(pool)) {
			pool->units_wasted += gained;
		} else {
			pool->units += gained;
			credited += gained;
			if (pool->units >= ENT_POOL_FULL_UNITS)
				ent_pool_extract(pool);
		}
		buf += chunk;
		len -= chunk;
	}
	pool->units_in += credited;
	return credited;
}

bool ent_pool_take_seed(struct ent_pool *pool, u8 *seed)
{
	u8 *slot;

	if (!pool->seed_count)
		return false;
	slot = pool->seeds[pool->seed_head];
	memcpy(seed, slot, ENT_SEED_BYTES);
	plat_memzero(slot, ENT_SEED_BYTES);
	pool->seed_head = (pool->seed_head + 1) % ENT_SEEDQ_LEN;
	pool->seed_count--;
	pool->seeds_taken++;
	return true;
}
