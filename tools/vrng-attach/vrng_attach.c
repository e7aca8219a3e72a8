// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-attach: gives a domain the Xen paravirtual entropy device (vrng)
 * by writing its xenstore nodes, which xl does not know how to do.
 *
 *   vrng-attach attach DOMID [--untrusted] [--rate BYTES_PER_SEC]
 *   vrng-attach detach DOMID
 *   vrng-attach list
 *   vrng-attach watch [--untrusted] [--rate BYTES_PER_SEC]
 *
 * watch attaches every guest domain that appears (hosts where xl creates
 * guests) and removes the backend directories of domains that are gone.
 *
 * Runs in the backend's domain (dom0), as root, with xen-vrngback loaded.
 * Key layout: Documentation/vrng-protocol.rst.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xenstore.h>
#include <xen/io/xenbus.h>
#include "attach_args.h"
#include "tool_args.h"
#include "vrng_bucket.h"
#include "vrng_proto.h"

#define BACKEND_DRIVER "/sys/bus/xen-backend/drivers/vrng"
/* The backend's per-guest counters: Documentation/vrng-linux.rst. */
#define BACKEND_STATS "/sys/bus/xen-backend/devices/vrng-%u-0/stats"

static const char *prog = "vrng-attach";

static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void usage(FILE *to)
{
	fprintf(to,
		"usage: %s attach DOMID [--untrusted] [--rate BYTES_PER_SEC]\n"
		"       %s detach DOMID\n"
		"       %s list\n"
		"       %s watch [--untrusted] [--rate BYTES_PER_SEC]\n",
		prog, prog, prog, prog);
}

static bool put(struct xs_handle *xs, xs_transaction_t t, const char *dir,
		const char *key, const char *fmt, ...)
{
	char path[256], val[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_write(xs, t, path, val, strlen(val));
}

static char *get(struct xs_handle *xs, const char *dir, const char *key)
{
	char path[256];
	unsigned int len;

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_read(xs, XBT_NULL, path, &len);
}

static int attach(struct xs_handle *xs, unsigned int domid,
		  const struct attach_args *o)
{
	char be[128], fe[128], *old;
	struct xs_permissions fe_perms[2] = {
		{ .id = domid, .perms = XS_PERM_NONE },	/* guest owns it */
		{ .id = 0, .perms = XS_PERM_READ },
	};
	struct xs_permissions be_perms[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = domid, .perms = XS_PERM_READ },
	};
	struct stat st;
	int tries;

	if (!xs_is_domain_introduced(xs, domid))
		return fail("domain %u does not exist", domid);
	if (stat(BACKEND_DRIVER, &st))
		return fail("the vrng backend is not loaded here (modprobe xen-vrngback)");
	snprintf(be, sizeof(be), "/local/domain/0/backend/vrng/%u/0", domid);
	snprintf(fe, sizeof(fe), "/local/domain/%u/device/vrng/0", domid);
	old = get(xs, be, "frontend");
	if (old) {
		free(old);
		return fail("domain %u already has a vrng device", domid);
	}

	for (tries = 0; tries < 5; tries++) {
		xs_transaction_t t = xs_transaction_start(xs);
		bool ok;

		if (t == XBT_NULL)
			return fail("xenstore transaction: %s", strerror(errno));
		ok = xs_mkdir(xs, t, fe) &&
		     xs_set_permissions(xs, t, fe, fe_perms, 2) &&
		     put(xs, t, fe, "backend", "%s", be) &&
		     put(xs, t, fe, "backend-id", "0") &&
		     put(xs, t, fe, "trusted", "%d", o->trusted) &&
		     put(xs, t, fe, "state", "%d", XenbusStateInitialising) &&
		     xs_mkdir(xs, t, be) &&
		     xs_set_permissions(xs, t, be, be_perms, 2) &&
		     put(xs, t, be, "frontend", "%s", fe) &&
		     put(xs, t, be, "frontend-id", "%u", domid) &&
		     put(xs, t, be, "online", "1") &&
		     (!o->have_rate ||
		      put(xs, t, be, "rate-bytes-per-sec", "%lu", o->rate)) &&
		     put(xs, t, be, "state", "%d", XenbusStateInitialising);
		if (!ok) {
			int err = errno;

			xs_transaction_end(xs, t, true);
			if (err == EACCES || err == EPERM)
				return fail("not permitted to write xenstore (run as root in dom0)");
			return fail("writing xenstore: %s", strerror(err));
		}
		if (xs_transaction_end(xs, t, false))
			break;
		if (errno != EAGAIN)
			return fail("xenstore transaction: %s", strerror(errno));
	}
	printf("domain %u: vrng attached (trusted=%d)\n", domid, o->trusted);
	fflush(stdout);
	return 0;
}

/* The frontend's XenbusState, or 0 when it has none (no key, no domain). */
static int frontend_state(struct xs_handle *xs, const char *fe)
{
	char *s = get(xs, fe, "state");
	unsigned long v = 0;

	if (s && plat_parse_uint(s, XenbusStateReconfigured, &v))
		v = 0;
	free(s);
	return (int)v;
}

/*
 * Removal with a live frontend, as xl does for its devices: online=0 and
 * the backend Closing tell the frontend the device goes away; it closes,
 * the backend driver sees Closed and lets go; then the directories go.
 * A frontend that does not close in DETACH_WAIT_MS is removed anyway.
 */
#define DETACH_WAIT_MS 10000

static bool close_frontend(struct xs_handle *xs, const char *be, const char *fe)
{
	int state = frontend_state(xs, fe), waited;

	if (state != XenbusStateInitialised && state != XenbusStateConnected)
		return true;	/* nothing shared: nothing to hand back */
	if (!put(xs, XBT_NULL, be, "online", "0") ||
	    !put(xs, XBT_NULL, be, "state", "%d", XenbusStateClosing))
		return false;
	for (waited = 0; waited < DETACH_WAIT_MS; waited += 50) {
		state = frontend_state(xs, fe);
		if (!state || state == XenbusStateClosed)
			return true;
		poll(NULL, 0, 50);
	}
	return false;
}

static int detach(struct xs_handle *xs, unsigned int domid)
{
	char be[128], fe[128], be0[136], fe0[136], *old;
	const char *how;
	xs_transaction_t t;

	snprintf(be, sizeof(be), "/local/domain/0/backend/vrng/%u", domid);
	snprintf(fe, sizeof(fe), "/local/domain/%u/device/vrng", domid);
	snprintf(be0, sizeof(be0), "%s/0", be);
	snprintf(fe0, sizeof(fe0), "%s/0", fe);
	old = get(xs, be0, "frontend");
	if (!old)
		return fail("domain %u has no vrng device", domid);
	free(old);
	how = close_frontend(xs, be0, fe0) ? "" :
	      " (the frontend did not close in time; removed anyway)";
	/* EAGAIN: the two ends wrote their keys meanwhile; try again */
	for (;;) {
		t = xs_transaction_start(xs);
		if (t == XBT_NULL)
			return fail("xenstore transaction: %s", strerror(errno));
		/* The frontend's directory goes with its domain if that is gone. */
		xs_rm(xs, t, fe);
		if (!xs_rm(xs, t, be)) {
			int err = errno;

			xs_transaction_end(xs, t, true);
			return fail("removing the device: %s", strerror(err));
		}
		if (xs_transaction_end(xs, t, false))
			break;
		if (errno != EAGAIN)
			return fail("removing the device: %s", strerror(errno));
	}
	printf("domain %u: vrng detached%s\n", domid, how);
	return 0;
}

/* The backend's counters for this guest, from its sysfs stats/ files. */
static void print_stats(unsigned int domid)
{
	static const char *const keys[] = {
		"requests", "bytes", "credited_bits", "throttled", "retries",
		"errors", "malformed", "credit_lost_bits", "rate", "burst",
		"generator_bytes",
		"generator_reseeds", "broken",
	};
	char path[128], val[64];
	unsigned int k;
	FILE *f;

	printf("   ");
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		snprintf(path, sizeof(path), BACKEND_STATS "/%s", domid,
			 keys[k]);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(val, sizeof(val), f)) {
			val[strcspn(val, "\n")] = '\0';
			printf(" %s: %s", keys[k], val);
		}
		fclose(f);
	}
	printf("\n");
}

/*
 * What a guest wrote, fit to print: bytes outside printable ASCII as
 * \xNN, at most 32 shown. Returns buf.
 */
static const char *escaped(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (; s && *s && o + 5 < len && o < 32; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

static int list(struct xs_handle *xs)
{
	unsigned int n, i;
	char **doms = xs_directory(xs, XBT_NULL, "/local/domain/0/backend/vrng", &n);

	if (!doms) {
		printf("no domain has a vrng device\n");
		return 0;
	}
	printf("domid  backend-state  frontend-state\n");
	for (i = 0; i < n; i++) {
		char dir[128], safe[64], *bs, *fe, *fs = NULL;

		snprintf(dir, sizeof(dir), "/local/domain/0/backend/vrng/%s/0", doms[i]);
		bs = get(xs, dir, "state");
		fe = get(xs, dir, "frontend");
		if (fe)
			fs = get(xs, fe, "state");
		/* the frontend's state is the guest's to write */
		printf("%-6s %-14s %s\n", doms[i], bs ? bs : "?",
		       fs ? escaped(fs, safe, sizeof(safe)) : "?");
		print_stats((unsigned int)strtoul(doms[i], NULL, 10));
		free(bs);
		free(fe);
		free(fs);
	}
	free(doms);
	return 0;
}

/* Attaches every running guest that has no device yet. */
static void attach_new(struct xs_handle *xs, const struct attach_args *o)
{
	unsigned int n, i;
	char **doms = xs_directory(xs, XBT_NULL, "/local/domain", &n);

	for (i = 0; doms && i < n; i++) {
		unsigned long id;
		char be[96], *old;

		if (plat_parse_uint(doms[i], ATTACH_DOMID_MAX, &id) || !id)
			continue;
		snprintf(be, sizeof(be), "/local/domain/0/backend/vrng/%lu/0", id);
		old = get(xs, be, "frontend");
		if (old)
			free(old);
		else if (xs_is_domain_introduced(xs, (unsigned int)id))
			attach(xs, (unsigned int)id, o);
	}
	free(doms);
}

/* Removes the backend directories of domains that no longer exist. */
static void remove_gone(struct xs_handle *xs)
{
	unsigned int n, i;
	char **doms = xs_directory(xs, XBT_NULL, "/local/domain/0/backend/vrng", &n);

	for (i = 0; doms && i < n; i++) {
		unsigned long id;
		char be[96];

		if (plat_parse_uint(doms[i], ATTACH_DOMID_MAX, &id) ||
		    xs_is_domain_introduced(xs, (unsigned int)id))
			continue;
		snprintf(be, sizeof(be), "/local/domain/0/backend/vrng/%lu", id);
		if (xs_rm(xs, XBT_NULL, be)) {
			printf("domain %lu: gone, vrng device removed\n", id);
			fflush(stdout);
		}
	}
	free(doms);
}

static int watch(struct xs_handle *xs, const struct attach_args *o)
{
	struct stat st;

	if (stat(BACKEND_DRIVER, &st))
		return fail("the vrng backend is not loaded here (modprobe xen-vrngback)");
	if (!xs_watch(xs, "@introduceDomain", "new") ||
	    !xs_watch(xs, "@releaseDomain", "gone"))
		return fail("cannot watch xenstore: %s", strerror(errno));
	printf("watching for domains\n");
	fflush(stdout);
	for (;;) {
		unsigned int n;
		char **ev = xs_read_watch(xs, &n);	/* blocks */

		if (!ev)
			return fail("xenstore watch ended: %s", strerror(errno));
		if (!strcmp(ev[XS_WATCH_TOKEN], "new"))
			attach_new(xs, o);
		else
			remove_gone(xs);
		free(ev);
	}
}

int main(int argc, char **argv)
{
	struct attach_args a;
	struct xs_handle *xs;
	char why[160];
	int ret;

	if (tool_args_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (attach_args_parse(&a, argc, argv, why, sizeof(why))) {
		if (why[0])
			fprintf(stderr, "%s: %s\n", prog, why);
		else
			usage(stderr);
		return 2;
	}
	xs = xs_open(0);
	if (!xs)
		return fail("cannot open xenstore: %s (is xenstored running, and are you root in dom0?)",
			    strerror(errno));
	switch (a.cmd) {
	case ATTACH_LIST:
		ret = list(xs);
		break;
	case ATTACH_WATCH:
		ret = watch(xs, &a);
		break;
	case ATTACH_ATTACH:
		ret = attach(xs, a.domid, &a);
		break;
	default:
		ret = detach(xs, a.domid);
		break;
	}
	xs_close(xs);
	return ret;
}
