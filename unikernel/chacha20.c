// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20's block function (RFC 8439, section 2.3): the unikernel's
 * generator and the chain its seed is gathered in. No SIMD: the kernel
 * is built without the vector registers, which it never saves.
 */
#include "uk.h"

static inline u32 uk_rotl(u32 v, unsigned int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline void uk_qr(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = uk_rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = uk_rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = uk_rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = uk_rotl(x[b] ^ x[c], 7);
}

static u32 uk_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

void uk_chacha20_block(const u8 key[32], u32 counter, const u8 nonce[12],
		       u8 out[64])
{
	u32 in[16], x[16];
	unsigned int i;

	in[0] = 0x61707865;	/* "expand 32-byte k" */
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (i = 0; i < 8; i++)
		in[4 + i] = uk_le32(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = uk_le32(nonce + 4 * i);
	memcpy(x, in, sizeof(x));
	for (i = 0; i < 10; i++) {
		uk_qr(x, 0, 4, 8, 12);
		uk_qr(x, 1, 5, 9, 13);
		uk_qr(x, 2, 6, 10, 14);
		uk_qr(x, 3, 7, 11, 15);
		uk_qr(x, 0, 5, 10, 15);
		uk_qr(x, 1, 6, 11, 12);
		uk_qr(x, 2, 7, 8, 13);
		uk_qr(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++) {
		u32 v = x[i] + in[i];

		out[4 * i] = (u8)v;
		out[4 * i + 1] = (u8)(v >> 8);
		out[4 * i + 2] = (u8)(v >> 16);
		out[4 * i + 3] = (u8)(v >> 24);
	}
	plat_memzero(x, sizeof(x));
	plat_memzero(in, sizeof(in));
}

/* RFC 8439's test vector of section 2.3.2: false if this build is wrong. */
bool uk_chacha20_selftest(void)
{
	static const u8 want[16] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
	};
	static const u8 nonce[12] = {
		0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0,
	};
	u8 key[32], out[64];
	unsigned int i;

	for (i = 0; i < 32; i++)
		key[i] = (u8)i;
	uk_chacha20_block(key, 1, nonce, out);
	return !memcmp(out, want, sizeof(want));
}
