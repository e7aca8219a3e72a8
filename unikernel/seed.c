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

static struct vrngfront uk_vf;
static bool uk_vf_open;

void uk_vrng_close(void)
{
	if (uk_vf_open && vrngfront_close(&uk_vf))
		uk_printf("xenrng-uk: the backend was still connected: its pages stay granted\n");
	uk_vf_open = false;
}

/*
 * Answers absorbed into key until the backend credited goal bits more
 * and that many answers more came, or the deadline passed (-EAGAIN). A broken
 * protocol closes the device: -EPROTO (or what the library said).
 */
static int uk_vrng_draw(u8 key[32], struct uk_seed_report *rep, u32 goal,
			u32 answers, u64 deadline, const char **why)
{
	u32 bits = rep->credited_bits + goal, count = rep->answers + answers;
	u8 buf[UK_SEED_ASK];
	bool asked = false;
	u32 credited;
	int n;

	while (rep->credited_bits < bits || rep->answers < count) {
		if (uk_now_ns() > deadline) {
			*why = "too little credit in time";
			return -EAGAIN;
		}
		if (!asked) {
			n = vrngfront_request(&uk_vf, UK_SEED_ASK);
			if (n) {
				*why = uk_vf.error ? uk_vf.error : "request refused";
				uk_vrng_close();
				return n;
			}
			asked = true;
		}
		n = vrngfront_poll(&uk_vf, buf, sizeof(buf), &credited);
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
			uk_evtchn_wait(uk_vf.evtchn, UK_TICK_NS);
		} else {
			*why = uk_vf.error ? uk_vf.error : "the backend failed";
			uk_vrng_close();
			return n;
		}
	}
	plat_memzero(buf, sizeof(buf));
	return 0;
}

/*
 * The vrng device: connects and seeds key with 256 credited bits or
 * more. 0 (the device stays open for uk_seed_hold()), or -errno with
 * *why set and the device closed.
 */
int uk_seed(u8 key[32], struct uk_seed_report *rep, const char **why)
{
	void *ring = uk_page_alloc(), *data = uk_page_alloc();
	u64 end = uk_now_ns() + UK_SEED_LIMIT_NS;
	int n;

	memset(key, 0, 32);
	memset(rep, 0, sizeof(*rep));
	if (!ring || !data) {
		*why = "no pages for the ring";
		return -ENOMEM;
	}
	n = vrngfront_init(&uk_vf, &uk_port, NULL, "device/vrng/0", ring, data);
	if (n) {
		*why = n == -ENOENT ? "no vrng device (vrng-attach gives one)" : uk_vf.error;
		return n;
	}
	uk_vf_open = true;
	while ((n = vrngfront_step(&uk_vf)) != 4) {	/* XenbusStateConnected */
		if (n < 0 || uk_now_ns() > end) {
			*why = n < 0 ? uk_vf.error : "the backend never connected";
			uk_vrng_close();
			return n < 0 ? n : -ENOTCONN;
		}
		uk_evtchn_wait(0, UK_TICK_NS);
	}
	rep->trusted = uk_vf.trusted;
	if (!uk_vf.trusted) {
		*why = "the backend is not trusted: its bytes carry no credit";
		uk_vrng_close();
		return -EACCES;
	}
	n = uk_vrng_draw(key, rep, UK_SEED_BITS, 0, end, why);
	if (n)
		uk_vrng_close();
	return n;
}

/*
 * Keeps drawing for seconds, an answer every half second, each absorbed
 * into key, saying "tick" for each: what a long-lived unikernel does to
 * reseed. A backend that breaks the protocol is refused (the device
 * closed, the kernel running on without it); the device is closed at
 * the end. Returns the answers drawn.
 */
u32 uk_seed_hold(u8 key[32], struct uk_seed_report *rep, unsigned int seconds)
{
	u64 end = uk_now_ns() + seconds * 1000000000ULL;
	const char *why = NULL;
	u32 drawn = 0;
	int err;

	while (uk_vf_open && uk_now_ns() < end) {
		err = uk_vrng_draw(key, rep, 0, 1, end, &why);
		if (err == -EAGAIN)
			break;
		if (err) {
			uk_printf("xenrng-uk: refused the backend: %s (%d); %s\n",
				  why, err, "running on without it");
			break;
		}
		uk_printf("xenrng-uk: tick %u\n", ++drawn);
		uk_evtchn_wait(0, 500 * 1000 * 1000ULL);
	}
	uk_vrng_close();
	while (uk_now_ns() < end)	/* alive to the end, with or without it */
		uk_evtchn_wait(0, 100 * 1000 * 1000ULL);
	return drawn;
}
