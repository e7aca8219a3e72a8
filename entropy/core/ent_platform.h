/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The portable entropy core sees the world only through this header: fixed
 * width types, SHA-256, the ChaCha20 (RFC 8439) keystream and a memory wipe
 * that the compiler may not drop. The kernel build maps them onto
 * lib/crypto, the user-space build onto libsodium.
 */
#ifndef ENT_PLATFORM_H
#define ENT_PLATFORM_H

#ifdef __KERNEL__
#include "ent_platform_kernel.h"
#else
#include "ent_platform_user.h"
#endif

#define ENT_SHA256_BYTES 32
#define ENT_CHACHA_KEY_BYTES 32
#define ENT_CHACHA_NONCE_BYTES 12

static inline u64 ent_min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline size_t ent_min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

#endif
