// SPDX-License-Identifier: GPL-2.0
#include "ent_fair.h"

void ent_fair_join(struct ent_fair *f, struct ent_fair_member *m, u64 id)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->next = f->members;
	f->members = m;
}

/* A seed still in the inbox is wiped: nobody else may have it. */
void ent_fair_leave(struct ent_fair *f, struct ent_fair_member *m)
{
	struct ent_fair_member **p;

	for (p = &f->members; *p; p = &(*p)->next) {
		if (*p == m) {
			*p = m->next;
			break;
		}
	}
	plat_memzero(m->inbox, sizeof(m->inbox));
	m->inbox_full = false;
}

/* At each read: when the member's generator wants its next seed. */
void ent_fair_note(struct ent_fair_member *m, u64 seed_due_ms, u64 now_ms)
{
	m->seed_due_ms = seed_due_ms;
	m->seen_ms = now_ms;
}

/* o reads, wants a seed and was given one before m was. */
static bool ent_fair_ahead(const struct ent_fair_member *o,
			   const struct ent_fair_member *m, u64 now)
{
	return o != m && now - o->seen_ms < ENT_FAIR_IDLE_MS &&
	       o->seed_due_ms <= now &&
	       (o->served_ms < m->served_ms ||
		(o->served_ms == m->served_ms && o->id < m->id));
}

/* Of those ahead of m with an empty inbox, the one waiting longest. */
static struct ent_fair_member *ent_fair_owed(struct ent_fair *f,
					     struct ent_fair_member *m,
					     u64 now)
{
	struct ent_fair_member *o, *first = NULL;

	for (o = f->members; o; o = o->next)
		if (!o->inbox_full && ent_fair_ahead(o, m, now) &&
		    (!first || ent_fair_ahead(o, first, now)))
			first = o;
	return first;
}

/*
 * m wants a seed now (its generator said so): from its inbox, else from
 * the pool once every member ahead of it has one set aside. False: none.
 */
bool ent_fair_take(struct ent_fair *f, struct ent_fair_member *m,
		   struct ent_pool *pool, u8 *seed, u64 now_ms)
{
	struct ent_fair_member *o;

	if (m->inbox_full) {
		memcpy(seed, m->inbox, ENT_SEED_BYTES);
		plat_memzero(m->inbox, ENT_SEED_BYTES);
		m->inbox_full = false;
		return true;
	}
	while (ent_pool_seeds(pool) && (o = ent_fair_owed(f, m, now_ms))) {
		o->inbox_full = ent_pool_take_seed(pool, o->inbox);
		o->set_aside += o->inbox_full;
		o->served_ms = now_ms;
	}
	if (!ent_pool_take_seed(pool, seed))
		return false;
	m->served_ms = now_ms;
	return true;
}
