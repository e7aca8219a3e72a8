// SPDX-License-Identifier: GPL-2.0
#include "ent_gen.h"
#include "ent_pool.h"

/*
 * The consumer id becomes the nonce: distinct consumers produce distinct
 * streams even if they were ever given the same key.
 */
void ent_gen_init(struct ent_gen *gen, u64 consumer_id)
{
	unsigned int i;

	memset(gen, 0, sizeof(*gen));
	for (i = 0; i < 8; i++)
		gen->nonce[i] = (u8)(consumer_id >> (8 * i));
}

void ent_gen_destroy(struct ent_gen *gen)
{
	plat_memzero(gen, sizeof(*gen));
}

/*
 * When the generator wants its next seed: at once if it has none, 60 s
 * after the last one, or - no sooner than ENT_GEN_MIN_RESEED_MS after it,
 * so that no reader drains the pool - once that seed's credit has been
 * reported or its output reached ENT_GEN_RESEED_BYTES.
 */
u64 ent_gen_seed_due(const struct ent_gen *gen)
{
	if (!gen->seeded)
		return 0;
	if (!gen->fresh_bits || gen->since_reseed >= ENT_GEN_RESEED_BYTES)
		return gen->reseed_ms + ENT_GEN_MIN_RESEED_MS;
	return gen->reseed_ms + ENT_GEN_RESEED_MS;
}

bool ent_gen_wants_seed(const struct ent_gen *gen, u64 now_ms)
{
	return now_ms >= ent_gen_seed_due(gen);
}

/* key' = SHA-256(key || seed || nonce): old key material is never lost. */
void ent_gen_reseed(struct ent_gen *gen, const u8 *seed, u32 credit_bits,
		    u64 now_ms)
{
	struct plat_sha256 h;

	plat_sha256_init(&h);
	plat_sha256_update(&h, gen->key, sizeof(gen->key));
	plat_sha256_update(&h, seed, ENT_SEED_BYTES);
	plat_sha256_update(&h, gen->nonce, sizeof(gen->nonce));
	plat_sha256_final(&h, gen->key);

	gen->fresh_bits = (u32)plat_min_u64((u64)gen->fresh_bits + credit_bits,
					   ENT_SEED_BITS);
	gen->seeded = true;
	gen->since_reseed = 0;
	gen->reseed_ms = now_ms;
	gen->reseeds++;
}

int ent_gen_read(struct ent_gen *gen, u8 *out, size_t len, u32 *credited)
{
	u8 next_key[PLAT_CHACHA_KEY_BYTES];
	u64 bits = (u64)len * 8;

	if (!gen->seeded)
		return -EAGAIN;

	*credited = (u32)plat_min_u64(gen->fresh_bits, bits);
	gen->bits_reported += *credited;
	gen->fresh_bits = 0;

	do {
		size_t chunk = plat_min_size(len, ENT_GEN_CHUNK);

		plat_chacha20(next_key, sizeof(next_key), gen->key, gen->nonce, 0);
		if (chunk)
			plat_chacha20(out, chunk, gen->key, gen->nonce, 1);
		memcpy(gen->key, next_key, sizeof(gen->key));
		out += chunk;
		len -= chunk;
		gen->bytes_out += chunk;
		gen->since_reseed += chunk;
	} while (len);

	plat_memzero(next_key, sizeof(next_key));
	return 0;
}
