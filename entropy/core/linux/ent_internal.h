/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ENT_INTERNAL_H
#define ENT_INTERNAL_H

#include <linux/jiffies.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <ent/consumer.h>
#include <ent/source.h>
#include "ent_fair.h"
#include "ent_fault.h"
#include "ent_gen.h"
#include "ent_health.h"
#include "ent_pool.h"

#define ENT_TAP_BYTES 65536

/* Freed on the last kref_put: an open tap outlives unregistering. */
struct ent_source {
	struct list_head node;
	struct kref ref;
	char name[ENT_SOURCE_NAME_MAX];
	int (*read)(struct ent_source *src, u8 *buf, size_t len,
		    unsigned int *quality);
	void *priv;
	unsigned int quality;
	/* Below: under ent_lock. */
	struct ent_health health;
	enum ent_health_state logged_state;
	u64 raw_bytes;
	u64 credited_units;
	enum ent_fault inject;		/* test switch: a fault in the samples */
	u64 inject_at_sample;		/* health.samples when it was set */
	u64 inject_caught_after;	/* samples to its first failure; 0: not yet */
	u32 inject_phase;		/* the biased pattern's position */
	bool tap_open;
	DECLARE_KFIFO_PTR(tap, u8);
	wait_queue_head_t tap_wq;
	bool gone;			/* unregistered: tap readers get EOF */
	struct dentry *dbg;
};

struct ent_consumer {
	struct list_head node;
	char name[32];
	struct mutex lock;		/* serialises the generator */
	struct ent_gen gen;
	u64 id;
	/*
	 * Under ent_lock: the counters as readers see them, copied from
	 * the generator under both locks (64-bit, so a 32-bit reader
	 * unlocked could see one half-written).
	 */
	struct ent_consumer_stats stats;
	struct ent_fair_member fair;	/* under ent_lock */
};

/*
 * ent_lock guards the pool, the fair hand-out, every source's health and
 * stats, and both lists.
 */
extern spinlock_t ent_lock;
extern struct ent_pool ent_pool;
extern struct ent_fair ent_fair;
extern struct list_head ent_sources;
extern struct list_head ent_consumers;
extern struct mutex ent_sources_mutex;
extern wait_queue_head_t ent_seed_wq;
extern wait_queue_head_t ent_pull_wq;
extern struct ent_health_policy ent_policy;
extern unsigned int ent_taps_open;	/* under ent_lock */

bool ent_source_wants_input(struct ent_source *src);

static inline u64 ent_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

void ent_source_release(struct kref *ref);

int ent_pull_start(void);
void ent_pull_stop(void);

int ent_debugfs_init(void);
void ent_debugfs_exit(void);
void ent_debugfs_add_source(struct ent_source *src);
void ent_debugfs_remove_source(struct ent_source *src);

int ent_chrdev_init(void);
void ent_chrdev_exit(void);

#endif
