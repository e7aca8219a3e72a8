/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One ChaCha20 output generator per consumer, with fast key erasure: every
 * read derives the next key from the current one (keystream block 0) and
 * the output from blocks 1.., then forgets the old key, so a key stolen
 * later reveals nothing already handed out.
 *
 * Reseed policy (ent_gen_wants_seed): a generator takes a new pool seed
 * when it has none yet, or after ENT_GEN_RESEED_MS, or - at most once per
 * ENT_GEN_MIN_RESEED_MS, so that no reader drains the pool - when the
 * credit of its last seed has been reported to the consumer or after
 * ENT_GEN_RESEED_BYTES of output. An unseeded generator refuses to
 * produce output.
 *
 * Each read reports how many fresh credited bits went into the key since
 * the consumer's previous read, never more than 8 bits per byte returned;
 * once reported they are spent.
 */
#ifndef ENT_GEN_H
#define ENT_GEN_H

#include <platform/crypto.h>

#define ENT_GEN_RESEED_BYTES (1024 * 1024)
#define ENT_GEN_RESEED_MS 60000
#define ENT_GEN_MIN_RESEED_MS 100
#define ENT_GEN_CHUNK 65536		/* rekey at least this often */

struct ent_gen {
	u8 key[PLAT_CHACHA_KEY_BYTES];
	u8 nonce[PLAT_CHACHA_NONCE_BYTES];
	bool seeded;
	u32 fresh_bits;
	u64 since_reseed;
	u64 reseed_ms;
	u64 bytes_out;
	u64 reseeds;
	u64 bits_reported;
};

void ent_gen_init(struct ent_gen *gen, u64 consumer_id);
void ent_gen_destroy(struct ent_gen *gen);
u64 ent_gen_seed_due(const struct ent_gen *gen);
bool ent_gen_wants_seed(const struct ent_gen *gen, u64 now_ms);
void ent_gen_reseed(struct ent_gen *gen, const u8 *seed, u32 credit_bits,
		    u64 now_ms);
int ent_gen_read(struct ent_gen *gen, u8 *out, size_t len, u32 *credited);

#endif
