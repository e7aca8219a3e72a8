/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test backends' event storm (vrng_hostile_back.c, xnf_hostile_back.c): a
 * kthread's body that notifies the frontend as fast as it can for a
 * while, counting, then idles until it is stopped.
 */
#ifndef HOSTILE_STORM_H
#define HOSTILE_STORM_H

#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <xen/events.h>

static inline void hostile_storm_run(int irq, unsigned int seconds, u64 *sent)
{
	unsigned long end = jiffies + seconds * HZ;
	int i;

	while (!kthread_should_stop() && time_before(jiffies, end)) {
		for (i = 0; i < 1000; i++)
			notify_remote_via_irq(irq);
		*sent += i;
		cond_resched();
	}
	/* kthread_stop() wants a thread that is still there */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
}

#endif
