// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-sim: the vrng backend and frontend ring logic (entropy/vrng) in two
 * processes over shared memory, eventfds standing in for event channels
 * and memcpy for grant copy. Checks every response and, in the same run,
 * measures bytes/s through the ring against the generator's own speed.
 *
 *   vrng-sim [-b MIB] [-l REQUEST-BYTES] [-r ROUNDS] [-q]
 *
 * moves MIB MiB (default 64) in requests of REQUEST-BYTES (1..4096,
 * default 4096), ROUNDS times (1..15, default 1) interleaved with the
 * generator's own figure; -q prints only the verdict.
 *
 * Exit status: 0, 1 on a protocol error, 2 on bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ent_gen.h"
#include "ent_pool.h"
#include "tool_args.h"
#include "vrng_ring.h"

#define SIM_PAGES 32			/* requests in flight, one page each */

struct sim_shared {
	u8 sring[VRNGIF_PAGE_SIZE];
	u8 pages[SIM_PAGES][VRNGIF_PAGE_SIZE];
	volatile int stop;
};

struct sim_back {
	struct sim_shared *sh;
	struct ent_gen gen;
	u8 bounce[VRNGIF_PAGE_SIZE];
};

struct sim_front {
	u64 bytes;
	u64 credited;
	u64 bad;
	u32 gref_of[VRNG_MAX_PENDING];
	int done_ids[SIM_PAGES];
	unsigned int ndone;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void kick(int fd)
{
	u64 one = 1;

	if (write(fd, &one, sizeof(one)) != sizeof(one))
		perror("vrng-sim: eventfd write");
}

static int wait_kick(int fd)
{
	u64 v;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? 0 : -1;
}

static int back_produce(void *ctx, u8 *buf, unsigned int len, u32 *credited,
			u16 *health)
{
	struct sim_back *b = ctx;

	*health = 0;
	return ent_gen_read(&b->gen, buf, len, credited) ? -EAGAIN : (int)len;
}

static int back_copy(void *ctx, u32 gref, u16 offset, const u8 *buf,
		     unsigned int len)
{
	struct sim_back *b = ctx;

	if (gref >= SIM_PAGES)
		return -EINVAL;
	memcpy(&b->sh->pages[gref][offset], buf, len);
	return 0;
}

static const struct vrng_back_ops sim_back_ops = {
	.produce = back_produce,
	.copy_to_guest = back_copy,
};

static int run_backend(struct sim_shared *sh, int to_back, int to_front)
{
	static const u8 seed[ENT_SEED_BYTES] = { 1, 2, 3 };
	struct sim_back b = { .sh = sh };
	struct vrng_back ring;
	bool notify, more;

	ent_gen_init(&b.gen, 1);
	ent_gen_reseed(&b.gen, seed, ENT_SEED_BITS, 0);
	vrng_back_init(&ring, (struct vrngif_sring *)sh->sring, &sim_back_ops,
		       &b, b.bounce, VRNGIF_MAX_REQUEST_BYTES);
	while (!sh->stop) {
		if (wait_kick(to_back))
			return 1;
		do {
			if (vrng_back_process(&ring, 64, &notify, &more) < 0) {
				fprintf(stderr, "vrng-sim: backend: frontend broke the protocol: %s\n",
					vrng_bad_name(ring.broken));
				return 1;
			}
			if (notify)
				kick(to_front);
		} while (more && !sh->stop);
	}
	return 0;
}

static void front_done(void *ctx, const struct vrngif_response *rsp)
{
	struct sim_front *f = ctx;

	if (rsp->status != VRNGIF_RSP_OKAY)
		f->bad++;
	f->bytes += rsp->len;
	f->credited += rsp->credited;
	f->done_ids[f->ndone++ % SIM_PAGES] = rsp->id;
}

static int submit(struct vrng_front *ring, struct sim_front *f, u32 gref,
		  u16 len, int to_back)
{
	bool notify;
	int id = vrng_front_submit(ring, gref, 0, len, &notify);

	if (id < 0)
		return id;
	f->gref_of[id] = gref;
	if (notify)
		kick(to_back);
	return 0;
}

static int run_frontend(struct vrng_front *ring, u64 target, u16 len, int to_back, int to_front,
			struct sim_front *f)
{
	u32 g;

	for (g = 0; g < SIM_PAGES; g++)
		if (submit(ring, f, g, len, to_back))
			return -1;
	while (f->bytes < target) {
		unsigned int i, n;
		int got;

		if (wait_kick(to_front))
			return -1;
		f->ndone = 0;
		got = vrng_front_collect(ring, front_done, f);
		if (got < 0) {
			fprintf(stderr, "vrng-sim: frontend: backend broke the protocol: %s\n",
				vrng_bad_name(ring->broken));
			return -1;
		}
		n = f->ndone < SIM_PAGES ? f->ndone : SIM_PAGES;
		for (i = 0; i < n && f->bytes < target; i++)
			if (submit(ring, f, f->gref_of[f->done_ids[i]], len, to_back))
				return -1;
	}
	return 0;
}

/* The generator alone, 4 KiB reads, for the ratio. */
static double generator_rate(u16 len, double secs)
{
	static const u8 seed[ENT_SEED_BYTES] = { 4 };
	static u8 buf[VRNGIF_PAGE_SIZE];
	struct ent_gen gen;
	double start = now(), t;
	u64 bytes = 0;
	u32 c;

	ent_gen_init(&gen, 2);
	ent_gen_reseed(&gen, seed, ENT_SEED_BITS, 0);
	do {
		for (int i = 0; i < 256; i++)
			ent_gen_read(&gen, buf, len, &c);
		bytes += 256ULL * len;
		t = now() - start;
	} while (t < secs);
	return bytes / t;
}

/* Moves bytes through the ring once (a backend process of its own). */
static int ring_round(u64 bytes, u16 len, struct sim_front *f, double *secs)
{
	struct vrng_front ring;
	struct sim_shared *sh;
	int to_back, to_front, status, err;
	double t0;
	pid_t pid;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	to_back = eventfd(0, 0);
	to_front = eventfd(0, 0);
	if (sh == MAP_FAILED || to_back < 0 || to_front < 0) {
		perror("vrng-sim: setup");
		return 1;
	}
	vrng_front_init(&ring, (struct vrngif_sring *)sh->sring);

	pid = fork();
	if (pid < 0) {
		perror("vrng-sim: fork");
		return 1;
	}
	if (pid == 0)
		_exit(run_backend(sh, to_back, to_front));

	t0 = now();
	err = run_frontend(&ring, bytes, len, to_back, to_front, f);
	*secs = now() - t0;
	sh->stop = 1;
	kick(to_back);
	waitpid(pid, &status, 0);
	close(to_back);
	close(to_front);
	munmap(sh, sizeof(*sh));
	if (err || !WIFEXITED(status) || WEXITSTATUS(status) || f->bad) {
		fprintf(stderr, "vrng-sim: failed (%llu bad responses)\n",
			(unsigned long long)f->bad);
		return 1;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAX_ROUNDS 15

static const char usage[] =
	"usage: vrng-sim [-b MIB] [-l REQUEST-BYTES] [-r ROUNDS] [-q]\n";

int main(int argc, char **argv)
{
	unsigned long bytes_mb = 64, len = 4096, rounds = 1;
	double ring_rate[MAX_ROUNDS], gen_rate[MAX_ROUNDS], ratio[MAX_ROUNDS];
	u64 moved = 0, credited = 0;
	int quiet = 0, opt;
	unsigned long r;

	if (tool_args_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	while ((opt = getopt(argc, argv, "b:l:qr:")) != -1) {
		switch (opt) {
		case 'b':
			if (plat_parse_uint(optarg, 1 << 20, &bytes_mb) || !bytes_mb) {
				fprintf(stderr, "vrng-sim: -b wants MiB, 1..1048576\n");
				return 2;
			}
			break;
		case 'l':
			if (plat_parse_uint(optarg, VRNGIF_MAX_REQUEST_BYTES, &len) || !len) {
				fprintf(stderr, "vrng-sim: -l wants a request length, 1..4096\n");
				return 2;
			}
			break;
		case 'r':
			if (plat_parse_uint(optarg, MAX_ROUNDS, &rounds) || !rounds) {
				fprintf(stderr, "vrng-sim: -r wants rounds, 1..%d\n", MAX_ROUNDS);
				return 2;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (sodium_init() < 0)
		return 1;
	/* Ring and generator interleaved, their order swapped every round. */
	for (r = 0; r < rounds; r++) {
		struct sim_front f = { 0 };
		double t;

		if (r & 1)
			gen_rate[r] = generator_rate((u16)len, 0.2);
		if (ring_round((u64)bytes_mb << 20, (u16)len, &f, &t))
			return 1;
		if (!(r & 1))
			gen_rate[r] = generator_rate((u16)len, t < 0.2 ? 0.2 : t);
		ring_rate[r] = f.bytes / t;
		ratio[r] = ring_rate[r] / gen_rate[r];
		moved += f.bytes;
		credited += f.credited;
	}
	qsort(ring_rate, rounds, sizeof(double), cmp_double);
	qsort(gen_rate, rounds, sizeof(double), cmp_double);
	qsort(ratio, rounds, sizeof(double), cmp_double);
	if (!quiet)
		printf("vrng-sim: %.1f MB/s through the ring (%lu-byte requests, %d in flight), generator alone %.1f MB/s, ratio %.2f (%.2f-%.2f); median of %lu rounds; %llu bytes, %llu credited bits\n",
		       ring_rate[rounds / 2] / 1e6, len, SIM_PAGES,
		       gen_rate[rounds / 2] / 1e6, ratio[rounds / 2], ratio[0],
		       ratio[rounds - 1], rounds, (unsigned long long)moved,
		       (unsigned long long)credited);
	return 0;
}
