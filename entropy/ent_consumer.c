// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "ent_internal.h"

static atomic64_t ent_next_consumer_id = ATOMIC64_INIT(0);

/* A consumer that stopped reading for this long no longer holds a place. */
#define ENT_IDLE_MS 2000

struct ent_consumer *ent_consumer_create(const char *name)
{
	struct ent_consumer *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	strscpy(c->name, name, sizeof(c->name));
	mutex_init(&c->lock);
	c->id = atomic64_inc_return(&ent_next_consumer_id);
	ent_gen_init(&c->gen, c->id);
	spin_lock(&ent_lock);
	list_add_tail(&c->node, &ent_consumers);
	spin_unlock(&ent_lock);
	return c;
}
EXPORT_SYMBOL_GPL(ent_consumer_create);

void ent_consumer_destroy(struct ent_consumer *c)
{
	spin_lock(&ent_lock);
	list_del(&c->node);
	spin_unlock(&ent_lock);
	ent_gen_destroy(&c->gen);
	kfree_sensitive(c);
}
EXPORT_SYMBOL_GPL(ent_consumer_destroy);

/*
 * Seeds are scarce when the sources are slow. They go first to the
 * consumers, among those whose generators want one and that read within
 * ENT_IDLE_MS, that were given one least recently. A
 * consumer takes a seed only when it reads, so a seed owed to one that
 * reads rarely is set aside in its inbox (one at most) by whoever asks
 * first: a reader asking a thousand times a second then gets no more
 * seeds than one asking every second while both want more than there is.
 * When a consumer wants its next seed is noted at each read. ent_lock held.
 */
static void ent_consumer_note(struct ent_consumer *c, u64 now)
{
	c->seed_due_ms = ent_gen_seed_due(&c->gen);
	c->seen_ms = now;
}

/* o reads, wants a seed and was given one before c was. */
static bool ent_consumer_ahead(const struct ent_consumer *o,
			       const struct ent_consumer *c, u64 now)
{
	return o != c && now - o->seen_ms < ENT_IDLE_MS &&
	       o->seed_due_ms <= now &&
	       (o->served_ms < c->served_ms ||
		(o->served_ms == c->served_ms && o->id < c->id));
}

/* Of those ahead of c with an empty inbox, the one waiting longest. */
static struct ent_consumer *ent_consumer_owed(struct ent_consumer *c, u64 now)
{
	struct ent_consumer *o, *first = NULL;

	list_for_each_entry(o, &ent_consumers, node)
		if (!o->inbox_full && ent_consumer_ahead(o, c, now) &&
		    (!first || ent_consumer_ahead(o, first, now)))
			first = o;
	return first;
}

static bool ent_consumer_take_fair(struct ent_consumer *c, u8 *seed, u64 now)
{
	struct ent_consumer *o;

	ent_consumer_note(c, now);
	if (c->inbox_full) {
		memcpy(seed, c->inbox, ENT_SEED_BYTES);
		memzero_explicit(c->inbox, ENT_SEED_BYTES);
		c->inbox_full = false;
		return true;
	}
	while (ent_pool_seeds(&ent_pool) && (o = ent_consumer_owed(c, now))) {
		o->inbox_full = ent_pool_take_seed(&ent_pool, o->inbox);
		o->served_ms = now;
	}
	if (!ent_pool_seeds(&ent_pool) || !ent_pool_take_seed(&ent_pool, seed))
		return false;
	c->served_ms = now;
	return true;
}

/* Takes a pool seed if the reseed policy asks for one; c->lock held. */
static void ent_consumer_maybe_reseed(struct ent_consumer *c)
{
	u8 seed[ENT_SEED_BYTES];
	u64 now = ent_now_ms();
	bool got;

	if (!ent_gen_wants_seed(&c->gen, now))
		return;
	spin_lock(&ent_lock);
	got = ent_consumer_take_fair(c, seed, now);
	spin_unlock(&ent_lock);
	wake_up(&ent_pull_wq);		/* seeds may have gone to inboxes */
	if (!got)
		return;
	ent_gen_reseed(&c->gen, seed, ENT_SEED_BITS, now);
	memzero_explicit(seed, sizeof(seed));
}

/* Returns 0, or -EAGAIN while the generator has never been seeded. */
int ent_consumer_read(struct ent_consumer *c, u8 *buf, size_t len,
		      u32 *credited)
{
	int err;

	mutex_lock(&c->lock);
	ent_consumer_maybe_reseed(c);
	err = ent_gen_read(&c->gen, buf, len, credited);
	if (!err) {
		c->reads++;
		c->credited_bits += *credited;
		spin_lock(&ent_lock);
		ent_consumer_note(c, ent_now_ms());
		spin_unlock(&ent_lock);
	}
	mutex_unlock(&c->lock);
	return err;
}
EXPORT_SYMBOL_GPL(ent_consumer_read);

static bool ent_consumer_seeded(struct ent_consumer *c)
{
	bool seeded;

	mutex_lock(&c->lock);
	ent_consumer_maybe_reseed(c);
	seeded = c->gen.seeded;
	mutex_unlock(&c->lock);
	return seeded;
}

/* Sleeps until the consumer holds a seed; -ERESTARTSYS on a signal. */
int ent_consumer_wait_seeded(struct ent_consumer *c)
{
	int err;

	while (!ent_consumer_seeded(c)) {
		err = wait_event_interruptible(ent_seed_wq,
					       READ_ONCE(ent_pool.seed_count));
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(ent_consumer_wait_seeded);

/* ENT_HEALTH_* flags: any source latched failed, or no seed ever made. */
unsigned int ent_consumer_health(void)
{
	struct ent_source *src;
	unsigned int flags = 0;

	spin_lock(&ent_lock);
	list_for_each_entry(src, &ent_sources, node)
		if (src->health.state == ENT_HEALTH_FAILED ||
		    src->health.state == ENT_HEALTH_DISABLED)
			flags |= ENT_HEALTH_DEGRADED;
	if (!ent_pool.seeds_made)
		flags |= ENT_HEALTH_UNSEEDED;
	spin_unlock(&ent_lock);
	return flags;
}
EXPORT_SYMBOL_GPL(ent_consumer_health);
