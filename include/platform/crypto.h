/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The platform's crypto, for the portable entropy core: SHA-256, the
 * ChaCha20 (RFC 8439) keystream. The kernel build maps them onto
 * lib/crypto, the hosted build onto libsodium; freestanding code has
 * none (the unikernel libraries need none).
 */
#ifndef PLATFORM_CRYPTO_H
#define PLATFORM_CRYPTO_H

#include "platform.h"

#define PLAT_SHA256_BYTES 32
#define PLAT_CHACHA_KEY_BYTES 32
#define PLAT_CHACHA_NONCE_BYTES 12

#ifdef __KERNEL__
#include <asm/unaligned.h>
#include <crypto/chacha.h>
#include <crypto/sha2.h>

struct plat_sha256 {
	struct sha256_state st;
};

static inline void plat_sha256_init(struct plat_sha256 *c)
{
	sha256_init(&c->st);
}

static inline void plat_sha256_update(struct plat_sha256 *c, const u8 *p,
				      size_t n)
{
	sha256_update(&c->st, p, n);
}

static inline void plat_sha256_final(struct plat_sha256 *c, u8 *out)
{
	sha256_final(&c->st, out);	/* also wipes the state */
}

/* Writes len bytes of the ChaCha20 keystream starting at block counter. */
static inline void plat_chacha20(u8 *out, size_t len, const u8 *key,
				 const u8 *nonce, u32 counter)
{
	u32 state[CHACHA_STATE_WORDS];
	u32 k[CHACHA_KEY_SIZE / 4];
	u8 iv[CHACHA_IV_SIZE];
	int i;

	for (i = 0; i < CHACHA_KEY_SIZE / 4; i++)
		k[i] = get_unaligned_le32(key + 4 * i);
	put_unaligned_le32(counter, iv);
	memcpy(iv + 4, nonce, PLAT_CHACHA_NONCE_BYTES);
	chacha_init(state, k, iv);
	memset(out, 0, len);
	chacha_crypt(state, out, out, len, 20);
	memzero_explicit(state, sizeof(state));
	memzero_explicit(k, sizeof(k));
}

#elif !defined(PLATFORM_FREESTANDING)
#include <sodium.h>

struct plat_sha256 {
	crypto_hash_sha256_state st;
};

static inline void plat_sha256_init(struct plat_sha256 *c)
{
	crypto_hash_sha256_init(&c->st);
}

static inline void plat_sha256_update(struct plat_sha256 *c, const u8 *p,
				      size_t n)
{
	crypto_hash_sha256_update(&c->st, p, n);
}

static inline void plat_sha256_final(struct plat_sha256 *c, u8 *out)
{
	crypto_hash_sha256_final(&c->st, out);
	sodium_memzero(&c->st, sizeof(c->st));
}

static inline void plat_chacha20(u8 *out, size_t len, const u8 *key,
				 const u8 *nonce, u32 counter)
{
	if (counter == 0) {
		crypto_stream_chacha20_ietf(out, len, nonce, key);
		return;
	}
	memset(out, 0, len);
	crypto_stream_chacha20_ietf_xor_ic(out, out, len, nonce, counter, key);
}
#endif

#endif
