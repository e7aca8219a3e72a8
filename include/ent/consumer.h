/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Consumers of the entropy core: each has its own ChaCha20 generator, so
 * no two consumers are ever given the same bytes. A read reports how many
 * fresh credited bits went into the generator since the previous read.
 */
#ifndef ENT_CONSUMER_H
#define ENT_CONSUMER_H

#include <linux/types.h>

struct ent_consumer;

struct ent_consumer *ent_consumer_create(const char *name);
void ent_consumer_destroy(struct ent_consumer *c);
int ent_consumer_read(struct ent_consumer *c, u8 *buf, size_t len,
		      u32 *credited);
int ent_consumer_wait_seeded(struct ent_consumer *c);

/* A consumer's generator, for its client's own stats files. */
struct ent_consumer_stats {
	u64 bytes_out;
	u64 reads;
	u64 reseeds;
	u64 credited_bits;
};

void ent_consumer_get_stats(struct ent_consumer *c,
			    struct ent_consumer_stats *st);

/* The state of the sources behind every consumer, for their clients. */
#define ENT_HEALTH_DEGRADED	0x1	/* a source failed its health tests */
#define ENT_HEALTH_UNSEEDED	0x2	/* no credited seed made yet */
unsigned int ent_consumer_health(void);

#endif
