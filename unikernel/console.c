// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The PV console: the output half of the ring Xen's builder gave the
 * domain (start_info's console page and port), drained by xenconsoled
 * in dom0 into its log. Dom0 moves out_cons; a value that says more is
 * queued than the ring holds turns the console off rather than letting
 * the index arithmetic run away.
 */
#include "uk.h"
#include "hypercall.h"
#include <xen/io/console.h>

static struct xencons_interface *uk_cons;
static evtchn_port_t uk_cons_port;

void uk_console_init(void)
{
	uk_cons = uk_mfn_to_virt(uk_start_info->console.domU.mfn);
	uk_cons_port = uk_start_info->console.domU.evtchn;
}

static void uk_console_kick(void)
{
	struct evtchn_send send = { .port = uk_cons_port };

	uk_event_channel_op(EVTCHNOP_send, &send);
}

void uk_console_write(const char *s, size_t len)
{
	while (uk_cons && len) {
		XENCONS_RING_IDX cons = uk_cons->out_cons;
		XENCONS_RING_IDX prod = uk_cons->out_prod;
		size_t room;

		xen_mb();	/* the indices before the bytes */
		if (prod - cons > sizeof(uk_cons->out)) {
			uk_cons = NULL;
			return;
		}
		room = sizeof(uk_cons->out) - (prod - cons);
		if (!room) {
			/* full: let xenconsoled run, then look again */
			uk_console_kick();
			uk_sched_op(SCHEDOP_yield, NULL);
			continue;
		}
		for (; room && len; room--, len--)
			uk_cons->out[MASK_XENCONS_IDX(prod++, uk_cons->out)] = *s++;
		xen_wmb();	/* the bytes before the index */
		uk_cons->out_prod = prod;
		uk_console_kick();
	}
}

/*
 * Waits (a bounded number of yields: a few seconds under emulation) for
 * xenconsoled to take what is queued: the domain may be gone next.
 */
void uk_console_flush(void)
{
	unsigned long spins;

	for (spins = 0; uk_cons && spins < 1000000; spins++) {
		if (__atomic_load_n(&uk_cons->out_cons, __ATOMIC_ACQUIRE) ==
		    uk_cons->out_prod)
			return;
		uk_console_kick();
		uk_sched_op(SCHEDOP_yield, NULL);
	}
}
