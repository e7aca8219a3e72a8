/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ENT_PLATFORM_KERNEL_H
#define ENT_PLATFORM_KERNEL_H

#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/unaligned.h>
#include <crypto/chacha.h>
#include <crypto/sha2.h>

struct ent_sha256 {
	struct sha256_state st;
};

static inline void ent_sha256_init(struct ent_sha256 *c)
{
	sha256_init(&c->st);
}

static inline void ent_sha256_update(struct ent_sha256 *c, const u8 *p,
				     size_t n)
{
	sha256_update(&c->st, p, n);
}

static inline void ent_sha256_final(struct ent_sha256 *c, u8 *out)
{
	sha256_final(&c->st, out);	/* also wipes the state */
}

/* 32-bit kernels have no 64-bit division operator. */
static inline u64 ent_div_u64(u64 n, u32 d)
{
	return div_u64(n, d);
}

static inline void ent_memzero(void *p, size_t n)
{
	memzero_explicit(p, n);
}

/* Writes len bytes of the ChaCha20 keystream starting at block counter. */
static inline void ent_chacha20(u8 *out, size_t len, const u8 *key,
				const u8 *nonce, u32 counter)
{
	u32 state[CHACHA_STATE_WORDS];
	u32 k[CHACHA_KEY_SIZE / 4];
	u8 iv[CHACHA_IV_SIZE];
	int i;

	for (i = 0; i < CHACHA_KEY_SIZE / 4; i++)
		k[i] = get_unaligned_le32(key + 4 * i);
	put_unaligned_le32(counter, iv);
	memcpy(iv + 4, nonce, 12);
	chacha_init(state, k, iv);
	memset(out, 0, len);
	chacha_crypt(state, out, out, len, 20);
	memzero_explicit(state, sizeof(state));
	memzero_explicit(k, sizeof(k));
}

#endif
