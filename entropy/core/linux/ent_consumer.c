// SPDX-License-Identifier: GPL-2.0
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "ent_internal.h"

static atomic64_t ent_next_consumer_id = ATOMIC64_INIT(0);

/**
 * ent_consumer_create() - a new consumer with a generator of its own
 * @name: shown in debugfs ent/consumers (copied, at most 31 characters)
 *
 * Context: process context; may sleep.
 * Return: the consumer, or NULL when out of memory.
 */
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
	ent_fair_join(&ent_fair, &c->fair, c->id);
	spin_unlock(&ent_lock);
	return c;
}
EXPORT_SYMBOL_GPL(ent_consumer_create);

/**
 * ent_consumer_destroy() - forget a consumer and wipe its generator
 * @c: a consumer from ent_consumer_create(), not in use by any reader
 *
 * A seed set aside for it is wiped, never given to another.
 * Context: process context; may sleep.
 */
void ent_consumer_destroy(struct ent_consumer *c)
{
	spin_lock(&ent_lock);
	list_del(&c->node);
	ent_fair_leave(&ent_fair, &c->fair);
	spin_unlock(&ent_lock);
	ent_gen_destroy(&c->gen);
	kfree_sensitive(c);
}
EXPORT_SYMBOL_GPL(ent_consumer_destroy);

/* Tells the fair hand-out that c reads, and when it wants a seed. */
static void ent_consumer_note(struct ent_consumer *c, u64 now)
{
	lockdep_assert_held(&c->lock);
	lockdep_assert_held(&ent_lock);
	ent_fair_note(&c->fair, ent_gen_seed_due(&c->gen), now);
}

/* The generator's counters, copied where readers look (ent_lock). */
static void ent_consumer_publish(struct ent_consumer *c)
{
	lockdep_assert_held(&c->lock);
	lockdep_assert_held(&ent_lock);
	c->stats.bytes_out = c->gen.bytes_out;
	c->stats.reseeds = c->gen.reseeds;
}

/* Takes a seed (ent_fair.h) if the reseed policy asks for one. */
static void ent_consumer_maybe_reseed(struct ent_consumer *c)
{
	u8 seed[ENT_SEED_BYTES];
	u64 now = ent_now_ms();
	bool got;

	lockdep_assert_held(&c->lock);
	if (!ent_gen_wants_seed(&c->gen, now))
		return;
	spin_lock(&ent_lock);
	ent_consumer_note(c, now);
	got = ent_fair_take(&ent_fair, &c->fair, &ent_pool, seed, now);
	spin_unlock(&ent_lock);
	wake_up(&ent_pull_wq);		/* seeds may have gone to inboxes */
	if (!got)
		return;
	ent_gen_reseed(&c->gen, seed, ENT_SEED_BITS, now);
	memzero_explicit(seed, sizeof(seed));
	spin_lock(&ent_lock);
	ent_consumer_publish(c);
	spin_unlock(&ent_lock);
}

/**
 * ent_consumer_read() - bytes from the consumer's generator
 * @c: the consumer
 * @buf: where the bytes go
 * @len: how many
 * @credited: set to the fresh credited bits that went into the generator
 *	since the consumer's previous read, at most 8 * @len; each is
 *	reported once
 *
 * Takes a seed first when the generator's reseed policy asks for one and
 * the fair hand-out (ent_fair.h) gives one.
 * Context: process context; may sleep (the consumer's mutex).
 * Return: 0, or -EAGAIN while the generator has never been seeded.
 */
int ent_consumer_read(struct ent_consumer *c, u8 *buf, size_t len,
		      u32 *credited)
{
	int err;

	mutex_lock(&c->lock);
	ent_consumer_maybe_reseed(c);
	err = ent_gen_read(&c->gen, buf, len, credited);
	if (!err) {
		spin_lock(&ent_lock);
		c->stats.reads++;
		c->stats.credited_bits += *credited;
		ent_consumer_publish(c);
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

/**
 * ent_consumer_wait_seeded() - sleep until the consumer holds a seed
 * @c: the consumer
 *
 * Context: process context; sleeps.
 * Return: 0, or -ERESTARTSYS when a signal came first.
 */
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

/**
 * ent_consumer_get_stats() - a consumer's generator counters
 * @c: the consumer
 * @st: filled with its output bytes, reads, reseeds and credited bits,
 *	as of its latest read or reseed
 *
 * Context: process context; takes ent_lock, never the consumer's mutex.
 */
void ent_consumer_get_stats(struct ent_consumer *c,
			    struct ent_consumer_stats *st)
{
	spin_lock(&ent_lock);
	*st = c->stats;
	spin_unlock(&ent_lock);
}
EXPORT_SYMBOL_GPL(ent_consumer_get_stats);

/**
 * ent_consumer_health() - the state of the sources behind every consumer
 *
 * Return: ENT_HEALTH_DEGRADED when a source has failed its health tests
 * and not passed a fresh start-up test since, ENT_HEALTH_UNSEEDED while no
 * seed was ever made.
 */
unsigned int ent_consumer_health(void)
{
	struct ent_source *src;
	unsigned int flags = 0;

	spin_lock(&ent_lock);
	list_for_each_entry(src, &ent_sources, node)
		if (ent_health_degraded(&src->health))
			flags |= ENT_HEALTH_DEGRADED;
	if (!ent_pool.seeds_made)
		flags |= ENT_HEALTH_UNSEEDED;
	spin_unlock(&ent_lock);
	return flags;
}
EXPORT_SYMBOL_GPL(ent_consumer_health);
