// SPDX-License-Identifier: GPL-2.0
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "ent_internal.h"

static atomic64_t ent_next_consumer_id = ATOMIC64_INIT(0);

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

void ent_consumer_get_stats(struct ent_consumer *c,
			    struct ent_consumer_stats *st)
{
	mutex_lock(&c->lock);
	st->bytes_out = c->gen.bytes_out;
	st->reads = c->reads;
	st->reseeds = c->gen.reseeds;
	st->credited_bits = c->credited_bits;
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_GPL(ent_consumer_get_stats);

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
