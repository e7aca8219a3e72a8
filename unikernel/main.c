// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unikernel's life: from Xen's start_info to a shutdown whose
 * reason says how it went (poweroff when all went well, crash else).
 */
#include "uk.h"
#include "hypercall.h"
#include "inet.h"

start_info_t *uk_start_info;

/*
 * A machine frame of the builder's initial mapping as a pointer: the
 * image is linked at virtual 0, so a frame's virtual address is its
 * pseudo-physical one, which Xen's machine-to-phys table gives.
 */
void *uk_mfn_to_virt(xen_pfn_t mfn)
{
	const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;

	return (void *)(m2p[mfn] << UK_PAGE_SHIFT);
}

void uk_exit(int code)
{
	struct sched_shutdown sd = {
		.reason = code ? SHUTDOWN_crash : SHUTDOWN_poweroff,
	};

	uk_printf("xenrng-uk: exit %d\n", code);
	uk_console_flush();
	for (;;)
		uk_sched_op(SCHEDOP_shutdown, &sd);
}

/*
 * Two keys written in one transaction and read back, and a watch, which
 * xenstored fires once when it is set, then removed: 0, or -1 after
 * saying what failed.
 */
static int uk_self_test_xenstore(void)
{
	u64 end = uk_now_ns() + 10ULL * 1000 * 1000 * 1000;
	char a[4], b[4];
	u32 tx;
	int err;

	err = uk_xs_transaction_start(&tx);
	if (!err)
		err = uk_xs_write_tx(tx, "data/xenrng-uk-tx/a", "1") ?:
		      uk_xs_write_tx(tx, "data/xenrng-uk-tx/b", "2");
	if (!err)
		err = uk_xs_transaction_end(tx, true);
	if (!err)
		err = uk_xs_read("data/xenrng-uk-tx/a", a, sizeof(a)) ?:
		      uk_xs_read("data/xenrng-uk-tx/b", b, sizeof(b));
	if (err || a[0] != '1' || b[0] != '2') {
		uk_printf("xenrng-uk: xenstore transaction: %d\n", err);
		return -1;
	}
	err = uk_xs_watch("data/xenrng-uk", "self-test");
	while (!err && !uk_xs_watch_fired("self-test")) {
		if (uk_now_ns() > end)
			err = -EAGAIN;
		else
			uk_evtchn_wait(0, 10 * 1000 * 1000);
	}
	if (!err)
		err = uk_xs_unwatch("data/xenrng-uk", "self-test");
	if (err) {
		uk_printf("xenrng-uk: xenstore watch: %d\n", err);
		return -1;
	}
	uk_printf("xenrng-uk: xenstore: transaction %u committed, watch fired\n", tx);
	return 0;
}

/*
 * The services the device libraries' port is made of, each tried once
 * against dom0: xenstore (this domain's own keys), a grant made and
 * ended, an event channel allocated and closed. Returns what failed.
 */
static const char *uk_self_test(void)
{
	char name[64], domid[16];
	evtchn_port_t port;
	void *page;
	u32 gref;

	if (uk_xs_read("name", name, sizeof(name)) ||
	    uk_xs_read("domid", domid, sizeof(domid)))
		return "xenstore read";
	uk_printf("xenrng-uk: xenstore: name '%s', domid %s\n", name, domid);
	if (uk_xs_write("data/xenrng-uk", "up"))
		return "xenstore write";
	if (uk_self_test_xenstore())
		return "xenstore transaction or watch";
	page = uk_page_alloc();
	if (!page || uk_grant(0, page, &gref))
		return "grant";
	if (!uk_ungrant(gref))
		return "ungrant";
	if (uk_evtchn_alloc(0, &port))
		return "event channel";
	uk_evtchn_close(port);
	uk_printf("xenrng-uk: grant %u made and ended, event channel %u made and closed\n",
		  gref, port);
	return NULL;
}

/*
 * The command line's space-separated word that is key or starts with
 * "key=": its value (after the '='; "" for a bare word) and the value's
 * length, or NULL when there is none.
 */
static const char *uk_cmdline_get(const char *key, size_t *len)
{
	const char *p = (const char *)uk_start_info->cmd_line;
	size_t n = plat_strnlen(key, 64);

	while (*p) {
		while (*p == ' ')
			p++;
		if (!memcmp(p, key, n) && (p[n] == ' ' || p[n] == '=' || !p[n])) {
			const char *v = p + n + (p[n] == '=');

			for (*len = 0; v[*len] && v[*len] != ' '; (*len)++)
				;
			return v;
		}
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

static bool uk_cmdline_has(const char *word)
{
	size_t len;

	return !!uk_cmdline_get(word, &len);
}

/* Seeded through the vrng device, or exit 4 saying why not. */
static void uk_seed_and_say(u64 boot_ns)
{
	static const u8 nonce[12];
	struct uk_seed_report rep;
	const char *why = NULL;
	u8 key[32], out[64];
	char hex[33];
	unsigned int i;
	u32 drawn;
	int err;

	if (!uk_chacha20_selftest()) {
		uk_printf("xenrng-uk: ChaCha20 fails RFC 8439's test vector\n");
		uk_exit(4);
	}
	err = uk_seed(key, &rep, &why);
	if (err) {
		uk_printf("xenrng-uk: not seeded: %s (%d)\n", why, err);
		uk_exit(4);
	}
	uk_printf("xenrng-uk: seeded in %lu ms: %u credited bits in %u answers (%u bytes)\n",
		  (unsigned long)((uk_now_ns() - boot_ns) / 1000000),
		  rep.credited_bits, rep.answers, rep.bytes);
	uk_chacha20_block(key, 1, nonce, out);
	for (i = 0; i < 16; i++)
		uk_snprintf(hex + 2 * i, 3, "%02x", out[i]);
	uk_printf("xenrng-uk: first output %s\n", hex);
	/* "hold": draw on for 20 s, as a long-lived unikernel reseeds */
	if (uk_cmdline_has("hold")) {
		drawn = uk_seed_hold(key, &rep, 20);
		uk_printf("xenrng-uk: held the device: %u answers more, %u credited bits in all\n",
			  drawn, rep.credited_bits);
	} else {
		uk_vrng_close();
	}
	plat_memzero(key, sizeof(key));
	plat_memzero(out, sizeof(out));
}

/*
 * "ip=a.b.c.d": on the network with that address until the toolstack
 * asks the domain to go, or exit 5 saying why not.
 */
static void uk_net_run(u64 boot_ns)
{
	const char *why = NULL, *arg;
	char reason[16];
	size_t len;
	u8 ip[4];
	int err;

	arg = uk_cmdline_get("ip", &len);
	if (uk_inet_parse_ip(arg, len, ip)) {
		uk_printf("xenrng-uk: ip= takes an IPv4 address a.b.c.d\n");
		uk_exit(5);
	}
	err = uk_net_up(ip, &why);
	if (err) {
		uk_printf("xenrng-uk: no network: %s (%d)\n", why, err);
		uk_exit(5);
	}
	uk_printf("xenrng-uk: network up in %lu ms: %u.%u.%u.%u\n",
		  (unsigned long)((uk_now_ns() - boot_ns) / 1000000),
		  ip[0], ip[1], ip[2], ip[3]);
	uk_net_serve(reason, sizeof(reason));
	uk_printf("xenrng-uk: asked to %s\n", reason);
	uk_net_down();
}

void uk_main(start_info_t *si);
void uk_main(start_info_t *si)
{
	const char *failed;
	u64 t0;

	uk_start_info = si;
	uk_console_init();
	uk_printf("xenrng-uk: booted on %s: %lu pages, command line '%s'\n",
		  si->magic, si->nr_pages, (const char *)si->cmd_line);
	if (uk_events_init() || uk_gnttab_init()) {
		uk_printf("xenrng-uk: cannot map the shared info page or the grant table\n");
		uk_exit(2);
	}
	uk_xenstore_init();
	t0 = uk_now_ns();
	failed = uk_self_test();
	if (failed) {
		uk_printf("xenrng-uk: self-test failed: %s\n", failed);
		uk_exit(3);
	}
	uk_printf("xenrng-uk: self-test passed in %lu us\n",
		  (unsigned long)((uk_now_ns() - t0) / 1000));
	if (uk_cmdline_has("vrng"))
		uk_seed_and_say(t0);
	if (uk_cmdline_has("ip"))
		uk_net_run(t0);
	uk_exit(0);
}
