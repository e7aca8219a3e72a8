/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What every file of the unikernel shares: the project's platform shim
 * (freestanding: its types, barriers and errno values, as the device
 * libraries see them), Xen's public interface, and the few services the
 * kernel's parts give each other.
 */
#ifndef UK_H
#define UK_H

#include <stdarg.h>
#include "platform/platform.h"
#include "platform/xen_port.h"
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>

#define UK_PAGE_SIZE 4096UL
#define UK_PAGE_SHIFT 12

#define __uk_noreturn __attribute__((__noreturn__))
#define __uk_printf(f, a) __attribute__((__format__(printf, f, a)))

/* main.c */
extern start_info_t *uk_start_info;
void *uk_mfn_to_virt(xen_pfn_t mfn);
/* Ends the domain: SHUTDOWN_poweroff for code 0, SHUTDOWN_crash else. */
void __uk_noreturn uk_exit(int code);

/* mm.c: pages from a pool of the image, frames of pages, foreign frames */
void *uk_page_alloc(void);
xen_pfn_t uk_virt_to_mfn(const void *va);
int uk_map_frame(void *va, xen_pfn_t mfn);

/* events.c: event channels polled with events masked; the time */
int uk_events_init(void);
int uk_evtchn_alloc(domid_t remote, evtchn_port_t *port);
void uk_evtchn_notify(evtchn_port_t port);
void uk_evtchn_close(evtchn_port_t port);
bool uk_evtchn_test_and_clear(evtchn_port_t port);
bool uk_evtchn_wait(evtchn_port_t port, u64 timeout_ns);
void uk_evtchn_wait_either(evtchn_port_t a, evtchn_port_t b, u64 timeout_ns);
u64 uk_now_ns(void);

/* gnttab.c */
int uk_gnttab_init(void);
int uk_grant(domid_t domid, const void *va, u32 *gref);
bool uk_ungrant(u32 gref);

/* xenstore.c: paths absolute or relative to the domain's home */
void uk_xenstore_init(void);
evtchn_port_t uk_xs_evtchn(void);
int uk_xs_read(const char *path, char *buf, size_t len);
int uk_xs_write(const char *path, const char *value);
int uk_xs_write_tx(u32 tx, const char *path, const char *value);
int uk_xs_transaction_start(u32 *tx);
int uk_xs_transaction_end(u32 tx, bool commit);
int uk_xs_watch(const char *path, const char *token);
int uk_xs_unwatch(const char *path, const char *token);
bool uk_xs_watch_fired(const char *token);

/* port.c: the device libraries' porting interface */
extern const struct plat_xen_port uk_port;

/* chacha20.c */
void uk_chacha20_block(const u8 key[32], u32 counter, const u8 nonce[12],
		       u8 out[64]);
bool uk_chacha20_selftest(void);

/* seed.c: the vrng device */
struct uk_seed_report {
	bool trusted;
	u32 bytes, credited_bits, answers;
};

int uk_seed(u8 key[32], struct uk_seed_report *rep, const char **why);
u32 uk_seed_hold(u8 key[32], struct uk_seed_report *rep, unsigned int seconds);
void uk_vrng_close(void);

/* net.c: the vif, answering ARP, ping and UDP echo (inet.h) */
int uk_net_up(const u8 ip[4], const char **why);
void uk_net_serve(char *reason, size_t len);
void uk_net_down(void);

/* console.c */
void uk_console_init(void);
void uk_console_write(const char *s, size_t len);
void uk_console_flush(void);

/* print.c: %s %c %d %u %x with an optional l and width, %p, %% */
int uk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int __uk_printf(3, 4) uk_snprintf(char *buf, size_t size, const char *fmt, ...);
void __uk_printf(1, 2) uk_printf(const char *fmt, ...);

#endif
