// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Event channels without upcalls: the vCPU keeps events masked for its
 * whole life, so nothing ever interrupts the kernel; it waits for a port
 * with SCHEDOP_poll and reads and clears pending bits in the shared info
 * page itself. The same page gives the time: Xen's system time, extended
 * by the TSC since Xen last wrote it.
 */
#include "uk.h"
#include "hypercall.h"

static u8 uk_shared_page[UK_PAGE_SIZE] __attribute__((__aligned__(4096)));
static shared_info_t *uk_shared;

int uk_events_init(void)
{
	int err = uk_map_frame(uk_shared_page,
			       uk_start_info->shared_info >> UK_PAGE_SHIFT);

	if (err)
		return err;
	uk_shared = (shared_info_t *)uk_shared_page;
	uk_shared->vcpu_info[0].evtchn_upcall_mask = 1;
	return 0;
}

int uk_evtchn_alloc(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = {
		.dom = DOMID_SELF,
		.remote_dom = remote,
	};
	int err = (int)uk_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	if (!err)
		*port = op.port;
	return err;
}

void uk_evtchn_notify(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	uk_event_channel_op(EVTCHNOP_send, &op);
}

void uk_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	uk_event_channel_op(EVTCHNOP_close, &op);
}

/* Clears port's pending bit: true if it was set. */
bool uk_evtchn_test_and_clear(evtchn_port_t port)
{
	xen_ulong_t bit = (xen_ulong_t)1 << (port % (sizeof(xen_ulong_t) * 8));
	xen_ulong_t *word = &uk_shared->evtchn_pending[port / (sizeof(xen_ulong_t) * 8)];

	return __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST) & bit;
}

static u64 uk_rdtsc(void)
{
	u32 lo, hi;

	asm volatile ("rdtsc" : "=a" (lo), "=d" (hi));
	return ((u64)hi << 32) | lo;
}

/* Xen's system time in nanoseconds since the host booted. */
u64 uk_now_ns(void)
{
	const struct vcpu_time_info *t = &uk_shared->vcpu_info[0].time;
	u32 version, mul;
	u64 delta, base;
	int shift;

	do {
		version = __atomic_load_n(&t->version, __ATOMIC_ACQUIRE);
		delta = uk_rdtsc() - t->tsc_timestamp;
		base = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		xen_rmb();
	} while ((version & 1) || version != __atomic_load_n(&t->version, __ATOMIC_ACQUIRE));
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return base + (u64)(((__uint128_t)delta * mul) >> 32);
}

/*
 * Sleeps until port's event (it is then cleared and true returned) or
 * until timeout_ns have passed (false). Port 0 is never bound by the
 * kernel: with it, a plain sleep.
 */
bool uk_evtchn_wait(evtchn_port_t port, u64 timeout_ns)
{
	struct sched_poll poll = {
		.nr_ports = 1,
		.timeout = uk_now_ns() + timeout_ns,
	};

	if (port && uk_evtchn_test_and_clear(port))
		return true;
	set_xen_guest_handle(poll.ports, &port);
	uk_sched_op(SCHEDOP_poll, &poll);
	return port && uk_evtchn_test_and_clear(port);
}

/*
 * Sleeps until a or b has an event pending or timeout_ns have passed;
 * the pending bits are left for their owners to clear (the xenstore
 * client and the device's loop each look at their own).
 */
void uk_evtchn_wait_either(evtchn_port_t a, evtchn_port_t b, u64 timeout_ns)
{
	evtchn_port_t ports[2] = { a, b };
	struct sched_poll poll = {
		.nr_ports = 2,
		.timeout = uk_now_ns() + timeout_ns,
	};

	set_xen_guest_handle(poll.ports, ports);
	uk_sched_op(SCHEDOP_poll, &poll);
}
