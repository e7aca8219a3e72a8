// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The network: the project's netfront library (libxnfront) on the vif
 * that xl gave the domain, answering what inet.c answers until the
 * toolstack asks the domain to go (control/shutdown).
 *
 * One loop does it all: a received frame's answer is queued at once,
 * queued answers go to netback in one batch (one event) when the RX ring
 * is empty or the batch is full, and with nothing to do the kernel
 * sleeps on the device's event channel and the xenstore watches on the
 * toolstack's control/shutdown and the backend's state.
 */
#include "uk.h"
#include "inet.h"
#include "libxnfront.h"

#define UK_NET_TX_PAGES 16		/* 32 TX buffers of 2 KiB */
#define UK_NET_RX_PAGES 64		/* a page per posted RX buffer */
#define UK_NET_BATCH 32			/* answers queued before a flush */
#define UK_NET_CONNECT_NS (60ULL * 1000 * 1000 * 1000)
#define UK_NET_CHECK_NS (100ULL * 1000 * 1000)
#define UK_NET_SEND_NS (1000ULL * 1000 * 1000)
#define UK_NET_CLOSE_NS (5ULL * 1000 * 1000 * 1000)
#define UK_NET_TICK_NS (10ULL * 1000 * 1000)
#define UK_NET_IDLE_NS (1000ULL * 1000 * 1000)

static struct xnfront uk_nf;
static struct uk_inet uk_in;
static void *uk_tx_pages[UK_NET_TX_PAGES], *uk_rx_pages[UK_NET_RX_PAGES];
static u8 uk_rx_frame[UK_INET_FRAME_MAX], uk_tx_frame[UK_INET_FRAME_MAX];
static u64 uk_net_dropped;

/*
 * Connects the device "device/vif/0" and takes ip as the address: 0, or
 * -errno with *why set.
 */
int uk_net_up(const u8 ip[4], const char **why)
{
	struct xnfront_pages pages = {
		.tx_ring = uk_page_alloc(), .rx_ring = uk_page_alloc(),
		.tx = uk_tx_pages, .n_tx = UK_NET_TX_PAGES,
		.rx = uk_rx_pages, .n_rx = UK_NET_RX_PAGES,
	};
	u64 end = uk_now_ns() + UK_NET_CONNECT_NS;
	char state[PLAT_XS_PATH_MAX];
	unsigned int i;
	int err;

	for (i = 0; i < UK_NET_TX_PAGES; i++)
		uk_tx_pages[i] = uk_page_alloc();
	for (i = 0; i < UK_NET_RX_PAGES; i++)
		uk_rx_pages[i] = uk_page_alloc();
	if (!pages.rx_ring || !uk_tx_pages[UK_NET_TX_PAGES - 1] ||
	    !uk_rx_pages[UK_NET_RX_PAGES - 1]) {
		*why = "no pages for the rings and buffers";
		return -ENOMEM;
	}
	err = xnfront_init(&uk_nf, &uk_port, NULL, "device/vif/0", &pages);
	if (err) {
		*why = err == -ENOENT ? "no vif (xl's vif= gives one)" : uk_nf.error;
		return err;
	}
	while (!uk_nf.connected) {
		err = xnfront_step(&uk_nf);
		if (err || uk_now_ns() > end) {
			*why = err ? uk_nf.error : "the backend never connected";
			return err ? err : -ENOTCONN;
		}
		uk_evtchn_wait(0, UK_NET_TICK_NS);
	}
	memcpy(uk_in.mac, uk_nf.mac, sizeof(uk_in.mac));
	memcpy(uk_in.ip, ip, sizeof(uk_in.ip));
	/* what wakes the loop besides the vif's event (both fire at once) */
	if (!plat_xs_path(state, uk_nf.backend, "state") ||
	    uk_xs_watch(state, "vif-backend") ||
	    uk_xs_watch("control/shutdown", "shutdown")) {
		*why = "cannot watch the backend's state and control/shutdown";
		return -EIO;
	}
	return 0;
}

/* An answer handed to the library; retried while the TX ring is full. */
static void uk_net_send(size_t len)
{
	u64 end = uk_now_ns() + UK_NET_SEND_NS;
	int err;

	while ((err = xnfront_send(&uk_nf, uk_tx_frame, len)) == -EAGAIN) {
		xnfront_flush(&uk_nf);
		if (xnfront_poll(&uk_nf) > 0)
			continue;
		if (uk_now_ns() > end)
			break;
		uk_evtchn_wait(uk_nf.evtchn, UK_NET_TICK_NS);
	}
	if (err)
		uk_net_dropped++;
}

/*
 * The toolstack's request, if any, acknowledged as Linux does (the key
 * emptied): true for poweroff, halt and reboot, into reason. A suspend
 * (xl save) is not supported: it is left unanswered, said once.
 */
static bool uk_net_shutdown_asked(char *reason, size_t len)
{
	static bool said_suspend;

	if (uk_xs_read("control/shutdown", reason, len) || !reason[0])
		return false;
	if (!memcmp(reason, "suspend", 8)) {
		if (!said_suspend)
			uk_printf("xenrng-uk: cannot suspend (xl save): running on\n");
		said_suspend = true;
		return false;
	}
	uk_xs_write("control/shutdown", "");
	return true;
}

/*
 * Answers until the toolstack asks the domain to go; its reason. The
 * vif's event, and the xenstore watches on control/shutdown and the
 * backend's state, wake it; a second without either is a tick.
 */
void uk_net_serve(char *reason, size_t len)
{
	u64 next_check = 0, now;
	unsigned int queued = 0;
	size_t answer;
	int n;

	for (;;) {
		/* cleared before the rings are read: a later event stays */
		if (uk_nf.connected)
			uk_evtchn_test_and_clear(uk_nf.evtchn);
		n = xnfront_recv(&uk_nf, uk_rx_frame, sizeof(uk_rx_frame));
		if (n > 0) {
			answer = uk_inet_answer(&uk_in, uk_rx_frame, (size_t)n,
						uk_tx_frame, sizeof(uk_tx_frame));
			if (answer) {
				uk_net_send(answer);
				queued++;
			}
		}
		if (queued && (n <= 0 || queued >= UK_NET_BATCH)) {
			xnfront_flush(&uk_nf);
			queued = 0;
		}
		if (n == 0 || (n < 0 && n != -EAGAIN && n != -EMSGSIZE)) {
			xnfront_poll(&uk_nf);
			uk_evtchn_wait_either(uk_nf.connected ? uk_nf.evtchn : 0,
					      uk_xs_evtchn(), UK_NET_IDLE_NS);
		}
		/* the watches: at once when idle, every 100 ms under load */
		now = uk_now_ns();
		if (n > 0 && now < next_check)
			continue;
		next_check = now + UK_NET_CHECK_NS;
		if (uk_xs_watch_fired("vif-backend") && xnfront_step(&uk_nf))
			uk_printf("xenrng-uk: vif: %s\n", uk_nf.error ? uk_nf.error : "state");
		if (uk_xs_watch_fired("shutdown") && uk_net_shutdown_asked(reason, len))
			return;
	}
}

/* What it did (the tests read these lines), then the device closed. */
#define UK_NET_SAY_TRAFFIC \
	"xenrng-uk: net: received %lu, sent %lu, answered %lu arp %lu ping %lu echo %lu sockperf\n"
#define UK_NET_SAY_TROUBLE \
	"xenrng-uk: net: ignored %lu, malformed %lu, dropped %lu, rx errors %lu, tx errors %lu, events sent %lu, grants %lu\n"

void uk_net_down(void)
{
	const struct xnfront_stats *s = &uk_nf.stats;
	const struct uk_inet_stats *a = &uk_in.stats;
	u64 end = uk_now_ns() + UK_NET_CLOSE_NS;
	int err;

	uk_printf(UK_NET_SAY_TRAFFIC,
		  (unsigned long)s->rx_frames, (unsigned long)s->tx_frames,
		  (unsigned long)a->arp, (unsigned long)a->ping,
		  (unsigned long)a->echo, (unsigned long)a->sockperf);
	uk_printf(UK_NET_SAY_TROUBLE,
		  (unsigned long)a->ignored, (unsigned long)a->malformed,
		  (unsigned long)uk_net_dropped,
		  (unsigned long)(s->rx_errors + s->rx_too_big),
		  (unsigned long)s->tx_errors, (unsigned long)s->events_sent,
		  (unsigned long)s->grants);
	/* Closing first: netback unmaps the rings and says so; then Closed */
	while ((err = xnfront_close(&uk_nf)) == -EBUSY && uk_now_ns() < end)
		uk_evtchn_wait(0, UK_NET_TICK_NS);
	if (err)
		uk_printf("xenrng-uk: vif not closed: %s (%d)\n",
			  uk_nf.error ? uk_nf.error : "xenstore", err);
}
