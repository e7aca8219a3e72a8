/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ENT_PLATFORM_USER_H
#define ENT_PLATFORM_USER_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sodium.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef uint64_t u64;

struct ent_sha256 {
	crypto_hash_sha256_state st;
};

static inline void ent_sha256_init(struct ent_sha256 *c)
{
	crypto_hash_sha256_init(&c->st);
}

static inline void ent_sha256_update(struct ent_sha256 *c, const u8 *p,
				     size_t n)
{
	crypto_hash_sha256_update(&c->st, p, n);
}

static inline void ent_sha256_final(struct ent_sha256 *c, u8 *out)
{
	crypto_hash_sha256_final(&c->st, out);
	sodium_memzero(&c->st, sizeof(c->st));
}

static inline u64 ent_div_u64(u64 n, u32 d)
{
	return n / d;
}

static inline void ent_memzero(void *p, size_t n)
{
	sodium_memzero(p, n);
}

static inline void ent_chacha20(u8 *out, size_t len, const u8 *key,
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
