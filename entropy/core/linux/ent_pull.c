// SPDX-License-Identifier: GPL-2.0
/*
 * The pull thread asks every source with a read() callback for raw bytes,
 * a round at a time, while the pool's seed queue has room (a tapped source
 * also when it has none), and sleeps otherwise.
 */
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "ent_internal.h"

#define ENT_PULL_BYTES 256

static struct task_struct *ent_pull_task;

static bool ent_pull_source(struct ent_source *src, u8 *buf)
{
	unsigned int quality = src->quality;
	int n;

	if (!src->read ||
	    READ_ONCE(src->health.state) == ENT_HEALTH_DISABLED)
		return false;
	n = src->read(src, buf, ENT_PULL_BYTES, &quality);
	if (n <= 0)
		return false;
	ent_source_feed(src, buf, min(n, ENT_PULL_BYTES), quality);
	return true;
}

static int ent_pull_thread(void *arg)
{
	u8 *buf = arg;

	while (!kthread_should_stop()) {
		struct ent_source *src;
		bool progress = false, round;

		wait_event_interruptible(ent_pull_wq, ent_wants_input() ||
					 kthread_should_stop());
		/*
		 * A round asks every source once, even when the first fill
		 * the pool: each keeps being health-tested whatever its
		 * place in the list (the surplus counts as wasted credit).
		 */
		round = ent_wants_input();
		mutex_lock(&ent_sources_mutex);
		list_for_each_entry(src, &ent_sources, node) {
			if (kthread_should_stop())
				break;
			if (round || ent_source_wants_input(src))
				progress |= ent_pull_source(src, buf);
		}
		/*
		 * The next round starts with the next source: the first to
		 * fill the pool is credited, so each gets to be first.
		 */
		spin_lock(&ent_lock);
		list_rotate_left(&ent_sources);
		spin_unlock(&ent_lock);
		mutex_unlock(&ent_sources_mutex);
		/* No source gave anything: do not spin on them. */
		if (!progress)
			schedule_timeout_interruptible(HZ / 10);
		cond_resched();
	}
	kfree_sensitive(buf);
	return 0;
}

int ent_pull_start(void)
{
	u8 *buf = kmalloc(ENT_PULL_BYTES, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	ent_pull_task = kthread_run(ent_pull_thread, buf, "ent_pull");
	if (IS_ERR(ent_pull_task)) {
		kfree(buf);
		return PTR_ERR(ent_pull_task);
	}
	return 0;
}

void ent_pull_stop(void)
{
	kthread_stop(ent_pull_task);
}
