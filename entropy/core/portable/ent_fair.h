/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fair hand-out of scarce seeds between the core's consumers. Seeds are
 * scarce when the sources are slow. They go first to the members, among
 * those whose generators want one and that read within ENT_FAIR_IDLE_MS,
 * that were given one least recently (ties: the lower id). A member takes
 * a seed only when it reads, so a seed owed to one that reads rarely is
 * set aside in its inbox (one at most) by whoever asks first: a reader
 * asking a thousand times a second then gets no more seeds than one
 * asking every second while both want more than there is.
 *
 * Plain logic with the clock passed in (milliseconds): the caller holds
 * whatever lock guards the pool and every member of the set.
 */
#ifndef ENT_FAIR_H
#define ENT_FAIR_H

#include "ent_pool.h"

/* A member that stopped reading for this long no longer holds a place. */
#define ENT_FAIR_IDLE_MS 2000

struct ent_fair_member {
	struct ent_fair_member *next;
	u64 id;
	u64 seed_due_ms;		/* when its generator wants a seed */
	u64 seen_ms;			/* its last read */
	u64 served_ms;			/* its last seed, taken or set aside */
	u64 set_aside;			/* seeds put in its inbox, all time */
	bool inbox_full;
	u8 inbox[ENT_SEED_BYTES];
};

struct ent_fair {
	struct ent_fair_member *members;
};

void ent_fair_join(struct ent_fair *f, struct ent_fair_member *m, u64 id);
void ent_fair_leave(struct ent_fair *f, struct ent_fair_member *m);
void ent_fair_note(struct ent_fair_member *m, u64 seed_due_ms, u64 now_ms);
bool ent_fair_take(struct ent_fair *f, struct ent_fair_member *m,
		   struct ent_pool *pool, u8 *seed, u64 now_ms);

#endif
