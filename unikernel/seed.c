// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Seeding through the vrng device (libvrngfront over this kernel's
 * port): connect to the backend vrng-attach gave the domain, gather
 * answers until the backend has credited at least 256 bits, and key the
 * generator from them. Every byte is absorbed; only credited bits count.
 *
 * The gathering is a chain of ChaCha20 blocks, K = ChaCha20(K ^ B)
 * for each 32 bytes B of every answer, K starting at zero: a PRF keyed
 * by all that came before, so the key holds whatever entropy the
 * answers carried, up to 256 bits. (The backend's bytes are already the
 * output of its own seeded generator; the chain only has to keep them.)
 */
#include "uk.h"
#include "libvrngfront.h"

#define UK_SEED_BITS 256
#define UK_SEED_ASK 64			/* bytes per request, as the guide says */
#define UK_SEED_LIMIT_NS (60ULL * 1000 * 1000 * 1000)
#define UK_TICK_NS (10ULL * 1000 * 1000)

static void uk_seed_absorb(u8 key[32], const u8 *p, size_t len)
{
	static const u8 nonce[12];
	u8 block[64];
	size_t i, n;

	while (len) {
		n = len < 32 ? len : 32;
		for (i = 0; i < n; i++)
			key[i] ^= p[i];
		uk_chacha20_block(key, 0, nonce, block);
		memcpy(key, block, 32);
		p += n;
		len -= n;
	}
	plat_memzero(block, sizeof(block));
}

/* The vrng device: seeds key; 0, or -errno with *why set. */
int uk_seed(u8 key[32], struct uk_seed_report *rep, const char **why)
{
	static struct vrngfront vf;
	void *ring = uk_page_alloc(), *data = uk_page_alloc();
	u64 end = uk_now_ns() + UK_SEED_LIMIT_NS;
	bool asked = false;
	u8 buf[UK_SEED_ASK];
	u32 credited;
	int n;

	memset(key, 0, 32);
	memset(rep, 0, sizeof(*rep));
	if (!ring || !data) {
		*why = "no pages for the ring";
		return -ENOMEM;
	}
	n = vrngfront_init(&vf, &uk_port, NULL, "device/vrng/0", ring, data);
	if (n) {
		*why = n == -ENOENT ? "no vrng device (vrng-attach gives one)" : vf.error;
		return n;
	}
	while ((n = vrngfront_step(&vf)) != 4) {	/* XenbusStateConnected */
		if (n < 0 || uk_now_ns() > end) {
			*why = n < 0 ? vf.error : "the backend never connected";
			return n < 0 ? n : -ENOTCONN;
		}
		uk_evtchn_wait(0, UK_TICK_NS);
	}
	rep->trusted = vf.trusted;
	if (!vf.trusted) {
		*why = "the backend is not trusted: its bytes carry no credit";
		vrngfront_close(&vf);
		return -EACCES;
	}
	while (rep->credited_bits < UK_SEED_BITS) {
		if (uk_now_ns() > end) {
			*why = "too little credit in 60 s";
			vrngfront_close(&vf);
			return -EAGAIN;
		}
		if (!asked) {
			n = vrngfront_request(&vf, UK_SEED_ASK);
			if (n) {
				*why = vf.error ? vf.error : "request refused";
				vrngfront_close(&vf);
				return n;
			}
			asked = true;
		}
		n = vrngfront_poll(&vf, buf, sizeof(buf), &credited);
		if (n > 0) {
			uk_seed_absorb(key, buf, (size_t)n);
			rep->bytes += (u32)n;
			rep->credited_bits += credited;
			rep->answers++;
			asked = false;
		} else if (n == -EAGAIN) {
			asked = false;		/* not seeded yet: ask again */
			uk_evtchn_wait(0, UK_TICK_NS);
		} else if (n == 0) {
			uk_evtchn_wait(vf.evtchn, UK_TICK_NS);
		} else {
			*why = vf.error ? vf.error : "the backend failed";
			vrngfront_close(&vf);
			return n;
		}
	}
	plat_memzero(buf, sizeof(buf));
	if (vrngfront_close(&vf))
		uk_printf("xenrng-uk: the backend was still connected: its pages stay granted\n");
	return 0;
}
