// SPDX-License-Identifier: GPL-2.0
/*
 * xen-vrngfront: the guest's end of the vrng device
 * (include/xen/interface/io/vrngif.h). The ring logic is
 * entropy/vrng/portable/vrng_ring.c and the credit account vrng_credit.c;
 * this file is xenbus, grants, the event channel and two ways out:
 *  - a kernel thread of ours feeds the kernel's RNG with
 *    add_hwgenerator_randomness(), crediting exactly the bits the backend
 *    reported for those bytes (scaled by quality=, nothing when untrusted);
 *  - a hwrng ("xen-vrng", quality 0: the hwrng core credits nothing) for
 *    /dev/hwrng readers such as rngd, served from a cache refilled by
 *    VRNGFRONT_PAGES requests at once (one round trip to dom0 for all).
 * After a restore the guest's CRNG must diverge from its twins' at once;
 * see vrngfront_resumed() for how, and why through user space.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/hw_random.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include "vrng_credit.h"
#include "vrng_ring.h"
#include "vrng_states.h"
#include "vrng_xs.h"

#define VRNGFRONT_TIMEOUT (5 * HZ)	/* a silent backend, not a slow one */
#define VRNGFRONT_RETRY_MS 10		/* after RETRY (unseeded): vrngif.h */
#define VRNGFRONT_FILL_TRIES 50		/* x RETRY_MS: the feeder waits */
#define VRNGFRONT_READ_TRIES 100	/* x RETRY_MS: one hwrng read call */
/* vrngif.h's rules on them, checked by every build: [V19], [V20] */
static_assert(VRNGFRONT_RETRY_MS >= 10, "vrngif.h: wait 10 ms after RETRY");
static_assert(VRNGFRONT_TIMEOUT > HZ, "vrngif.h: an answer may take a second");
#define VRNGFRONT_FIRST_BITS 256	/* "seeded" for the boot-time figure */
#define VRNGFRONT_PAGES 8		/* data pages: requests per round trip */
#define VRNGFRONT_CACHE (VRNGFRONT_PAGES * VRNGIF_PAGE_SIZE)

static ushort quality = VRNG_QUALITY_FULL;
module_param(quality, ushort, 0444);
MODULE_PARM_DESC(quality,
		 "bits credited to the kernel's RNG per 1024 bits the backend vouches for, 1..1024 (default 1024)");

struct vrngfront_stats {
	u64 connects;
	u64 requests;
	u64 bytes;
	u64 retries;
	u64 errors;
	u64 timeouts;
	u64 resumes;
	u64 pages_kept;		/* left granted to a backend that may write */
	u64 wait_ns;		/* waiting for answers (a throttled guest's) */
	s64 first_credit_ms;	/* probe to 256 bits passed on; -1: not yet */
};

struct vrngfront_info {
	struct xenbus_device *dev;
	struct mutex io;		/* one request at a time; guards below */
	spinlock_t lock;		/* ring, connected, rsp: IRQ vs reader */
	struct vrng_front ring;
	void *sring;
	grant_ref_t ring_ref;
	struct page *data[VRNGFRONT_PAGES];	/* granted to the backend */
	grant_ref_t data_ref[VRNGFRONT_PAGES];
	int irq;
	bool connected;
	bool resumed;			/* reseed once reconnected */
	int want_id[VRNGFRONT_PAGES];	/* requests waited for, or -1 */
	unsigned int waiting;		/* answers still due */
	struct vrngif_response rsp[VRNGFRONT_PAGES];
	struct completion done;
	unsigned int max_len;
	bool trusted;
	struct vrng_credit credit;
	u8 *cache;			/* /dev/hwrng readers' bytes */
	unsigned int cache_pos, cache_len;
	struct vrngfront_stats stats;
	ktime_t probed;
	struct hwrng hwrng;
	bool hwrng_registered;		/* hwrng_work's, then remove's */
	struct work_struct hwrng_work;
	struct task_struct *feeder;	/* feeds the kernel's RNG */
	wait_queue_head_t feeder_wq;	/* woken on connect */
	u8 *feed;			/* the feeder's page */
	struct work_struct broken_work;
	struct work_struct reseed_work;
	struct dentry *dbg;
};

static struct dentry *vrngfront_dbg_root;

static void vrngfront_done(void *ctx, const struct vrngif_response *rsp)
{
	struct vrngfront_info *fe = ctx;
	unsigned int k;

	lockdep_assert_held(&fe->lock);
	/* Answers to requests we stopped waiting for are dropped. */
	for (k = 0; k < VRNGFRONT_PAGES; k++) {
		if (fe->want_id[k] != rsp->id)
			continue;
		fe->rsp[k] = *rsp;
		fe->want_id[k] = -1;
		if (!--fe->waiting)
			complete(&fe->done);
		return;
	}
}

static irqreturn_t vrngfront_interrupt(int irq, void *dev_id)
{
	struct vrngfront_info *fe = dev_id;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&fe->lock, flags);
	if (fe->connected) {
		n = vrng_front_collect(&fe->ring, vrngfront_done, fe);
		if (n < 0) {
			fe->connected = false;
			complete(&fe->done);
			schedule_work(&fe->broken_work);
		}
	}
	spin_unlock_irqrestore(&fe->lock, flags);
	xen_irq_lateeoi(irq, n > 0 ? 0 : XEN_EOI_FLAG_SPURIOUS);
	return IRQ_HANDLED;
}

static void vrngfront_forget(struct vrngfront_info *fe)
{
	unsigned int k;

	lockdep_assert_held(&fe->lock);
	for (k = 0; k < VRNGFRONT_PAGES; k++)
		fe->want_id[k] = -1;
	fe->waiting = 0;
}

/*
 * Sends nr requests, request k for len bytes into data page k, and waits
 * for all their answers, copied into rsp[]. 0, or -ENODEV
 * (not connected), -ETIMEDOUT, -EINTR, -EBUSY (ring full of abandoned
 * requests).
 */
static int vrngfront_exchange(struct vrngfront_info *fe, unsigned int nr,
			      unsigned int len, struct vrngif_response *rsp)
{
	bool notify, any = false;
	unsigned int k;
	u64 waited;
	long left;
	int id = 0;

	lockdep_assert_held(&fe->io);
	spin_lock_irq(&fe->lock);
	if (!fe->connected) {
		spin_unlock_irq(&fe->lock);
		return -ENODEV;
	}
	reinit_completion(&fe->done);
	for (k = 0; k < nr; k++) {
		id = vrng_front_submit(&fe->ring, fe->data_ref[k], 0, len,
				       &notify);
		if (id < 0)
			break;
		fe->want_id[k] = id;
		fe->waiting++;
		any |= notify;
	}
	if (id < 0) {
		vrngfront_forget(fe);	/* answers to those sent are dropped */
		spin_unlock_irq(&fe->lock);
		return id == -EPROTO ? -ENODEV : id;
	}
	spin_unlock_irq(&fe->lock);
	if (any)
		notify_remote_via_irq(fe->irq);
	fe->stats.requests += nr;

	waited = ktime_get_ns();
	left = wait_for_completion_interruptible_timeout(&fe->done,
							 VRNGFRONT_TIMEOUT);
	fe->stats.wait_ns += ktime_get_ns() - waited;
	spin_lock_irq(&fe->lock);
	if (fe->waiting) {	/* not all answered: stop waiting for them */
		vrngfront_forget(fe);
		spin_unlock_irq(&fe->lock);
		if (left)
			return left < 0 ? -EINTR : -ENODEV;
		fe->stats.timeouts++;
		dev_warn_ratelimited(&fe->dev->dev,
				     "backend did not answer within %d s\n",
				     VRNGFRONT_TIMEOUT / HZ);
		return -ETIMEDOUT;
	}
	memcpy(rsp, fe->rsp, nr * sizeof(*rsp));
	spin_unlock_irq(&fe->lock);
	return 0;
}

/*
 * Fetches up to nr * len bytes with nr requests, copying each answer's
 * bytes out of its data page once, into out, in order; retries while the
 * backend says RETRY (not seeded yet) for at most tries
 * rounds. Returns the byte count (0: nothing yet), or -errno.
 */
static int vrngfront_fetch(struct vrngfront_info *fe, unsigned int nr,
			   unsigned int len, u8 *out, unsigned int tries)
{
	struct vrngif_response rsp[VRNGFRONT_PAGES];
	unsigned int k, got;
	int err;

	len = min(len, fe->max_len);
	for (;;) {
		err = vrngfront_exchange(fe, nr, len, rsp);
		if (err)
			return err;
		for (got = 0, k = 0; k < nr; k++) {
			void *page = page_address(fe->data[k]);

			vrng_credit_add(&fe->credit, &rsp[k], fe->trusted);
			if (rsp[k].status == VRNGIF_RSP_OKAY) {
				memcpy(out + got, page, rsp[k].len);
				memzero_explicit(page, rsp[k].len);
				got += rsp[k].len;
			} else if (rsp[k].status == VRNGIF_RSP_ERROR) {
				fe->stats.errors++;
				err = -EIO;
			} else {
				fe->stats.retries++;
			}
		}
		fe->stats.bytes += got;
		if (got)
			return got;
		if (err) {
			dev_warn_ratelimited(&fe->dev->dev,
					     "backend could not fill the data pages\n");
			return err;
		}
		if (!--tries)
			return 0;
		if (msleep_interruptible(VRNGFRONT_RETRY_MS))
			return -EINTR;
	}
}

/* The boot-time figure: probe to the first 256 bits passed on. */
static void vrngfront_note_first_credit(struct vrngfront_info *fe)
{
	lockdep_assert_held(&fe->io);
	if (fe->stats.first_credit_ms >= 0 ||
	    fe->credit.passed < VRNGFRONT_FIRST_BITS)
		return;
	fe->stats.first_credit_ms =
		ktime_ms_delta(ktime_get_boottime(), fe->probed);
	dev_info(&fe->dev->dev,
		 "first %u credited bits passed to the kernel %lld ms after probe\n",
		 VRNGFRONT_FIRST_BITS, fe->stats.first_credit_ms);
}

/*
 * The feeder: a page of fresh bytes at a time into the kernel's RNG,
 * credited with the bits the backend reported for them. Once the CRNG is
 * ready add_hwgenerator_randomness() sleeps for the reseed interval, so
 * this asks dom0 for a page a minute in steady state. Bytes that no
 * reported credit covers (untrusted backend, degraded sources) are mixed
 * in with no credit, which also sleeps the interval: no busy loop.
 */
static int vrngfront_feeder(void *arg)
{
	struct vrngfront_info *fe = arg;
	u32 bits;
	int got;

	while (!kthread_should_stop()) {
		if (wait_event_interruptible(fe->feeder_wq,
					     READ_ONCE(fe->connected) ||
					     kthread_should_stop()))
			continue;
		if (kthread_should_stop())
			break;
		mutex_lock(&fe->io);
		got = vrngfront_fetch(fe, 1, VRNGIF_PAGE_SIZE, fe->feed,
				      VRNGFRONT_FILL_TRIES);
		bits = got > 0 ? vrng_credit_take_bits(&fe->credit, got,
						       quality) : 0;
		vrngfront_note_first_credit(fe);
		mutex_unlock(&fe->io);
		if (got <= 0) {
			/* not connected, unseeded or broken: retry later */
			schedule_timeout_interruptible(msecs_to_jiffies(100));
			continue;
		}
		add_hwgenerator_randomness(fe->feed, got, bits);
		memzero_explicit(fe->feed, got);
	}
	return 0;
}

/* /dev/hwrng readers: served from the cache, refilled a page at a time. */
static int vrngfront_read_cached(struct vrngfront_info *fe, u8 *buf, size_t max,
				 bool wait)
{
	size_t n;
	int got;

	lockdep_assert_held(&fe->io);
	if (fe->cache_pos == fe->cache_len) {
		/*
		 * A waiting reader retries RETRY answers for about a second,
		 * then returns 0: the hwrng core calls again, dropping its
		 * reading_mutex and checking signals in between, so a backend
		 * answering RETRY forever blocks neither removal nor a kill.
		 */
		got = vrngfront_fetch(fe, VRNGFRONT_PAGES, fe->max_len,
				      fe->cache, wait ? VRNGFRONT_READ_TRIES : 1);
		if (got <= 0)
			return got;
		fe->cache_pos = 0;
		fe->cache_len = got;
	}
	n = min_t(size_t, max, fe->cache_len - fe->cache_pos);
	memcpy(buf, fe->cache + fe->cache_pos, n);
	memzero_explicit(fe->cache + fe->cache_pos, n);
	fe->cache_pos += n;
	return n;
}

static int vrngfront_read(struct hwrng *rng, void *buf, size_t max, bool wait)
{
	struct vrngfront_info *fe = container_of(rng, struct vrngfront_info,
						 hwrng);
	int ret;

	if (mutex_lock_interruptible(&fe->io))
		return -EINTR;
	ret = vrngfront_read_cached(fe, buf, max, wait);
	mutex_unlock(&fe->io);
	return ret;
}

/*
 * After restore or migration the CRNG must diverge from its twins' at
 * once. The fresh page mixed in here, and the feeder's credit, reach the
 * CRNG only at its next scheduled reseed (up to a minute later). The
 * kernel's call that forces one, add_vmfork_randomness(), is exported
 * only when VMGENID is a module, and Debian builds it in; the one other
 * way, the RNDRESEEDCRNG ioctl, is user space's to call. So the device
 * tells user space: a KOBJ_CHANGE uevent with VRNG_EVENT=resumed, on
 * which tools/vrng-reseed (run by the udev rule shipped beside it) asks
 * for the reseed. Documentation/vrng-linux.rst, "After a restore".
 */
static void vrngfront_resumed(struct work_struct *work)
{
	struct vrngfront_info *fe = container_of(work, struct vrngfront_info,
						 reseed_work);
	char event[] = "VRNG_EVENT=resumed";
	char *envp[2] = { event, NULL };
	int got, err;

	mutex_lock(&fe->io);
	/* the cache's bytes are dropped: they predate the restore */
	got = vrngfront_fetch(fe, 1, fe->max_len, fe->cache,
			      VRNGFRONT_FILL_TRIES);
	if (got > 0)
		add_device_randomness(fe->cache, got);
	memzero_explicit(fe->cache, VRNGFRONT_CACHE);
	fe->cache_pos = 0;
	fe->cache_len = 0;
	mutex_unlock(&fe->io);
	wake_up_process(fe->feeder);	/* credit now, not after its sleep */
	if (got <= 0) {
		dev_warn(&fe->dev->dev, "no fresh bytes after restore (%d)\n",
			 got);
		return;
	}
	err = kobject_uevent_env(&fe->dev->dev.kobj, KOBJ_CHANGE, envp);
	dev_info(&fe->dev->dev,
		 "after restore: %d fresh bytes mixed in; reseed asked of user space (uevent %d)\n",
		 got, err);
}

/* Reads what the backend and the toolstack offer; refuses the malformed. */
static int vrngfront_read_config(struct vrngfront_info *fe)
{
	struct xenbus_device *dev = fe->dev;
	unsigned long version, max_len, credit = 0, trusted = 1;
	int err;

	if (vrng_xs_read_uint(dev->otherend, "version", ~0UL, &version) ||
	    version < VRNGIF_VERSION ||
	    vrng_xs_read_uint(dev->otherend, "max-request-bytes",
			      VRNGIF_MAX_REQUEST_BYTES, &max_len) ||
	    !max_len) {
		xenbus_dev_error(dev, -EINVAL,
				 "backend keys version, max-request-bytes missing or malformed");
		return -EINVAL;
	}
	err = vrng_xs_read_uint(dev->otherend, "feature-credit", 1, &credit);
	if (err && err != -ENOENT)
		dev_warn(&dev->dev, "backend's feature-credit is malformed: no credit taken\n");
	err = vrng_xs_read_uint(dev->nodename, "trusted", 1, &trusted);
	if (err == -ENOENT) {
		trusted = 1;
	} else if (err) {
		dev_warn(&dev->dev, "trusted key is malformed: treated as \"0\"\n");
		trusted = 0;
	}
	fe->max_len = max_len;
	fe->trusted = credit == 1 && trusted == 1;
	return 0;
}

/*
 * Tears down the ring, the event channel and the data page grants.
 * peer_done: the backend can no longer use them (it left Connected, or
 * its domain's grants are void after a restore). Otherwise a request left
 * in the ring may still be answered by a grant copy into its data page,
 * and a revoked reference may by then name another driver's page: those
 * pages stay granted and allocated for good, counted (pages_kept).
 */
static void vrngfront_free_rings(struct vrngfront_info *fe, bool peer_done)
{
	unsigned int k, kept = 0;

	if (fe->irq > 0)
		unbind_from_irqhandler(fe->irq, fe);	/* closes the port */
	fe->irq = 0;
	for (k = 0; k < VRNGFRONT_PAGES; k++) {
		if (!fe->data[k])
			continue;
		if (peer_done)
			gnttab_end_foreign_access(fe->data_ref[k], fe->data[k]);
		else
			kept++;
		fe->data[k] = NULL;
	}
	if (kept) {
		fe->stats.pages_kept += kept;
		dev_warn(&fe->dev->dev,
			 "backend may still write: %u data pages left granted to it\n",
			 kept);
	}
	if (fe->sring)
		xenbus_teardown_ring(&fe->sring, 1, &fe->ring_ref);
}

/* Stops readers (they see -ENODEV) and frees the shared resources. */
static void vrngfront_disconnect(struct vrngfront_info *fe, bool peer_done)
{
	spin_lock_irq(&fe->lock);
	fe->connected = false;
	complete(&fe->done);
	spin_unlock_irq(&fe->lock);
	mutex_lock(&fe->io);
	vrngfront_free_rings(fe, peer_done);
	vrng_credit_forget(&fe->credit);
	fe->cache_pos = 0;
	fe->cache_len = 0;
	memzero_explicit(fe->cache, VRNGFRONT_CACHE);
	mutex_unlock(&fe->io);
}

static void vrngfront_broken(struct work_struct *work)
{
	struct vrngfront_info *fe = container_of(work, struct vrngfront_info,
					    broken_work);

	dev_err_ratelimited(&fe->dev->dev,
			    "backend broke the vrng protocol (%s): closed until it restarts\n",
			    vrng_bad_name(fe->ring.broken));
	vrngfront_disconnect(fe, false);	/* it may write on: keep its pages */
	xenbus_switch_state(fe->dev, XenbusStateClosed);
}

static int vrngfront_write_keys(struct vrngfront_info *fe, evtchn_port_t port)
{
	struct xenbus_transaction xbt;
	const char *dir = fe->dev->nodename;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	err = xenbus_printf(xbt, dir, "ring-ref", "%u", fe->ring_ref) ?:
	      xenbus_printf(xbt, dir, "event-channel", "%u", port) ?:
	      xenbus_printf(xbt, dir, "version", "%d", VRNGIF_VERSION);
	if (err) {
		xenbus_transaction_end(xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

/* Data pages the backend may write (grant copy): zeroed, granted. */
static int vrngfront_grant_pages(struct vrngfront_info *fe)
{
	unsigned int k;
	int ref;

	for (k = 0; k < VRNGFRONT_PAGES; k++) {
		fe->data[k] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!fe->data[k])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(fe->dev->otherend_id,
						  xen_page_to_gfn(fe->data[k]),
						  0);
		if (ref < 0) {
			__free_page(fe->data[k]);
			fe->data[k] = NULL;
			return ref;
		}
		fe->data_ref[k] = ref;
	}
	return 0;
}

/* Backend is in InitWait: share a ring, data pages, an event channel. */
static int vrngfront_setup(struct vrngfront_info *fe)
{
	struct xenbus_device *dev = fe->dev;
	evtchn_port_t port;
	int err;

	err = vrngfront_read_config(fe);
	if (err)
		return err;
	mutex_lock(&fe->io);
	err = xenbus_setup_ring(dev, GFP_KERNEL, &fe->sring, 1, &fe->ring_ref);
	if (err)
		goto out;
	vrng_front_init(&fe->ring, fe->sring);
	err = vrngfront_grant_pages(fe);
	if (err)
		goto fail;
	err = xenbus_alloc_evtchn(dev, &port);
	if (err)
		goto fail;
	err = bind_evtchn_to_irqhandler_lateeoi(port, vrngfront_interrupt, 0,
						"vrngfront", fe);
	if (err < 0) {
		xenbus_free_evtchn(dev, port);
		goto fail;
	}
	fe->irq = err;
	err = vrngfront_write_keys(fe, port);
	if (err)
		goto fail;
	mutex_unlock(&fe->io);
	return xenbus_switch_state(dev, XenbusStateInitialised);

fail:
	xenbus_dev_error(dev, err, "setting up the vrng ring");
	vrngfront_free_rings(fe, true);		/* not offered: never used */
out:
	mutex_unlock(&fe->io);
	return err;
}

static void vrngfront_connected(struct vrngfront_info *fe)
{
	struct xenbus_device *dev = fe->dev;

	spin_lock_irq(&fe->lock);
	fe->connected = true;
	vrngfront_forget(fe);
	spin_unlock_irq(&fe->lock);
	fe->stats.connects++;
	xenbus_switch_state(dev, XenbusStateConnected);
	dev_info(&dev->dev, "connected to domain %d (%s, quality %u)\n",
		 dev->otherend_id, fe->trusted ? "trusted" : "untrusted: no credit",
		 quality);
	wake_up(&fe->feeder_wq);
	if (fe->resumed) {
		fe->resumed = false;
		schedule_work(&fe->reseed_work);
	}
	schedule_work(&fe->hwrng_work);	/* registers once */
}

/*
 * Not from xenwatch: hwrng_register() may read the device at once
 * (add_early_randomness), and a slow or silent backend must not hold up
 * every other xenbus device's watches.
 */
static void vrngfront_register_hwrng(struct work_struct *work)
{
	struct vrngfront_info *fe = container_of(work, struct vrngfront_info,
						 hwrng_work);
	int err;

	if (fe->hwrng_registered)
		return;
	err = hwrng_register(&fe->hwrng);
	if (err)
		dev_err(&fe->dev->dev, "hwrng_register: %d\n", err);
	fe->hwrng_registered = !err;
}

/* The backend's online key; absent or malformed reads as "1". */
static bool vrngfront_backend_online(struct xenbus_device *dev)
{
	unsigned long online;

	return vrng_xs_read_uint(dev->otherend, "online", 1, &online) ||
	       online;
}

/*
 * vrngif.h's state table, frontend half (entropy/vrng/portable/
 * vrng_states.c), stepped again after each of our own writes. A set-up
 * that fails gives up: Closed, at rest until the backend restarts.
 */
static void vrngfront_backend_changed(struct xenbus_device *dev,
				      enum xenbus_state backend_state)
{
	struct vrngfront_info *fe = dev_get_drvdata(&dev->dev);
	bool online = vrngfront_backend_online(dev);
	enum vrng_xb next;
	int steps;

	for (steps = 0; steps < 4; steps++) {
		switch (vrng_front_step(vrng_xb_from(dev->state),
					vrng_xb_from(backend_state), online,
					&next)) {
		case VRNG_FRONT_NOTHING:
			return;
		case VRNG_FRONT_SETUP:
			if (vrngfront_setup(fe)) {
				xenbus_switch_state(dev, XenbusStateClosed);
				return;
			}
			break;
		case VRNG_FRONT_CONNECT:
			vrngfront_connected(fe);
			break;
		case VRNG_FRONT_TEARDOWN:
			vrngfront_disconnect(fe, true);
			if (next == VRNG_XB_CLOSED) {
				dev_info(&dev->dev, "backend gone or refusing: closed\n");
				xenbus_frontend_closed(dev);
			} else {
				dev_info(&dev->dev, "backend went away: waiting for it\n");
				xenbus_switch_state(dev, (enum xenbus_state)next);
			}
			break;
		}
	}
}

static int vrngfront_stats_show(struct seq_file *m, void *v)
{
	struct vrngfront_info *fe = m->private;
	const struct vrngfront_stats *s = &fe->stats;

	mutex_lock(&fe->io);
	seq_printf(m, "state: %s\ntrusted: %d\nquality: %u\nbroken: %s\n",
		   xenbus_strstate(fe->dev->state), fe->trusted, quality,
		   fe->ring.broken == VRNG_OK ? "no" :
		   vrng_bad_name(fe->ring.broken));
	seq_printf(m, "connects: %llu\nrequests: %llu\nbytes: %llu\nretries: %llu\nerrors: %llu\ntimeouts: %llu\nresumes: %llu\npages_kept: %llu\nwait_ms: %llu\n",
		   s->connects, s->requests, s->bytes, s->retries, s->errors,
		   s->timeouts, s->resumes, s->pages_kept,
		   div_u64(s->wait_ns, NSEC_PER_MSEC));
	seq_printf(m, "credit_reported_bits: %llu\ncredit_dropped_bits: %llu\ncredit_passed_bits: %llu\ncredit_balance_bits: %u\nfirst_credit_ms: %lld\n",
		   fe->credit.reported, fe->credit.dropped, fe->credit.passed,
		   fe->credit.balance, s->first_credit_ms);
	seq_printf(m, "degraded_answers: %llu\n", fe->credit.degraded);
	mutex_unlock(&fe->io);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vrngfront_stats);

static void vrngfront_free(struct vrngfront_info *fe)
{
	kfree_sensitive(fe->feed);
	kfree_sensitive(fe->cache);
	kfree(fe);
}

static int vrngfront_probe(struct xenbus_device *dev,
			   const struct xenbus_device_id *id)
{
	struct vrngfront_info *fe = kzalloc(sizeof(*fe), GFP_KERNEL);
	int err;

	if (!fe)
		return -ENOMEM;
	fe->cache = kzalloc(VRNGFRONT_CACHE, GFP_KERNEL);
	fe->feed = kzalloc(VRNGIF_PAGE_SIZE, GFP_KERNEL);
	if (!fe->cache || !fe->feed) {
		vrngfront_free(fe);
		return -ENOMEM;
	}
	fe->dev = dev;
	fe->probed = ktime_get_boottime();
	fe->stats.first_credit_ms = -1;
	mutex_init(&fe->io);
	spin_lock_init(&fe->lock);
	init_completion(&fe->done);
	init_waitqueue_head(&fe->feeder_wq);
	INIT_WORK(&fe->broken_work, vrngfront_broken);
	INIT_WORK(&fe->reseed_work, vrngfront_resumed);
	INIT_WORK(&fe->hwrng_work, vrngfront_register_hwrng);
	fe->hwrng.name = "xen-vrng";
	fe->hwrng.read = vrngfront_read;
	/*
	 * Credit is the feeder's alone: on Debian's 6.1 a quality of 0 makes
	 * the hwrng core credit nothing (newer kernels read 0 as "default":
	 * there, set default_quality=0 or rng_quality).
	 */
	fe->hwrng.quality = 0;
	fe->feeder = kthread_create(vrngfront_feeder, fe, "vrngfront-%d",
				    dev->otherend_id);
	if (IS_ERR(fe->feeder)) {
		err = PTR_ERR(fe->feeder);
		vrngfront_free(fe);
		return err;
	}
	dev_set_drvdata(&dev->dev, fe);
	fe->dbg = debugfs_create_file(dev_name(&dev->dev), 0400,
				      vrngfront_dbg_root, fe,
				      &vrngfront_stats_fops);
	wake_up_process(fe->feeder);
	return 0;
}

/*
 * Before the driver lets its data pages go: a connected backend is asked
 * to stop (Closing) and given five seconds to leave Connected. False: it
 * did not, and may still write into them.
 */
static bool vrngfront_backend_let_go(struct xenbus_device *dev)
{
	int tries;

	if (xenbus_read_driver_state(dev->otherend) != XenbusStateConnected)
		return true;
	xenbus_switch_state(dev, XenbusStateClosing);
	for (tries = 0; tries < 50; tries++) {
		msleep(100);
		if (xenbus_read_driver_state(dev->otherend) !=
		    XenbusStateConnected)
			return true;
	}
	return false;
}

static void vrngfront_remove(struct xenbus_device *dev)
{
	struct vrngfront_info *fe = dev_get_drvdata(&dev->dev);

	debugfs_remove(fe->dbg);
	cancel_work_sync(&fe->hwrng_work);
	if (fe->hwrng_registered)
		hwrng_unregister(&fe->hwrng);	/* no /dev/hwrng reader left */
	/* the feeder's fetch ends */
	vrngfront_disconnect(fe, vrngfront_backend_let_go(dev));
	kthread_stop(fe->feeder);
	cancel_work_sync(&fe->broken_work);
	cancel_work_sync(&fe->reseed_work);
	dev_set_drvdata(&dev->dev, NULL);
	vrngfront_free(fe);
}

/* After save/restore or migration: old grants and ports are gone. */
static int vrngfront_resume(struct xenbus_device *dev)
{
	struct vrngfront_info *fe = dev_get_drvdata(&dev->dev);

	vrngfront_disconnect(fe, true);	/* a restored domain's grants are void */
	fe->stats.resumes++;
	fe->resumed = true;
	return 0;
}

static const struct xenbus_device_id vrngfront_ids[] = {
	{ "vrng" },
	{ "" }
};

static struct xenbus_driver vrngfront_driver = {
	.ids = vrngfront_ids,
	.probe = vrngfront_probe,
	.remove = vrngfront_remove,
	.resume = vrngfront_resume,
	.otherend_changed = vrngfront_backend_changed,
	.not_essential = true,
};

static int __init vrngfront_module_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;
	if (!quality || quality > VRNG_QUALITY_FULL) {
		pr_err("quality=%u is out of range 1..%u\n", quality,
		       VRNG_QUALITY_FULL);
		return -EINVAL;
	}
	vrngfront_dbg_root = debugfs_create_dir("vrngfront", NULL);
	err = xenbus_register_frontend(&vrngfront_driver);
	if (err)
		debugfs_remove(vrngfront_dbg_root);
	return err;
}

static void __exit vrngfront_module_exit(void)
{
	xenbus_unregister_driver(&vrngfront_driver);
	debugfs_remove(vrngfront_dbg_root);
}

module_init(vrngfront_module_init);
module_exit(vrngfront_module_exit);
MODULE_DESCRIPTION("Xen paravirtual entropy device frontend (vrng)");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen:vrng");
