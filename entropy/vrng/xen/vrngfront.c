// SPDX-License-Identifier: GPL-2.0
/*
 * xen-vrngfront: the guest's end of the vrng device (include/xen-io/
 * vrngif.h), registered as a hwrng. The ring logic is entropy/vrng/
 * vrng_ring.c and the credit account vrng_credit.c; this file is xenbus,
 * grants, the event channel and the hwrng.
 *
 * Two kinds of reader, told apart because the hwrng core's fill thread is
 * the only kernel thread that reads a hwrng:
 *  - the fill thread credits what it reads at our quality, so it is given
 *    only fresh bytes covered by credit the backend reported;
 *  - /dev/hwrng readers (rngd, rngtest) are served from a page-sized cache
 *    and carry no credit of ours.
 * Debian's 6.1 resets rng->quality on every fill loop, so quality stays
 * what it was at registration and credit is metered in bytes instead.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/hw_random.h>
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
#include "../vrng_credit.h"
#include "../vrng_ring.h"
#include "vrng_xs.h"

#define VRNGFRONT_TIMEOUT (5 * HZ)	/* a silent backend, not a slow one */
#define VRNGFRONT_RETRY_MS 10		/* after RETRY (rate limit) */
#define VRNGFRONT_FILL_TRIES 50		/* x RETRY_MS: fill thread waits */
#define VRNGFRONT_FIRST_BITS 256	/* "seeded" for the boot-time figure */

static ushort quality = VRNG_QUALITY_FULL;
module_param(quality, ushort, 0444);
MODULE_PARM_DESC(quality,
		 "hwrng quality, 1..1024: entropy credited per 1024 bits the backend vouches for (default 1024)");

struct vrngfront_stats {
	u64 connects;
	u64 requests;
	u64 bytes;
	u64 retries;
	u64 errors;
	u64 timeouts;
	u64 resumes;
	s64 first_credit_ms;	/* probe to 256 bits passed on; -1: not yet */
};

struct vrngfront {
	struct xenbus_device *dev;
	struct mutex io;		/* one request at a time; guards below */
	spinlock_t lock;		/* ring, connected, rsp: IRQ vs reader */
	struct vrng_front ring;
	void *sring;
	grant_ref_t ring_ref;
	struct page *data;		/* granted to the backend, write */
	grant_ref_t data_ref;
	int irq;
	bool connected;
	bool resumed;			/* reseed once reconnected */
	int want_id;			/* the request being waited for */
	struct vrngif_response rsp;
	struct completion done;
	unsigned int max_len;
	bool trusted;
	struct vrng_credit credit;
	u8 *cache;			/* /dev/hwrng readers' bytes */
	unsigned int cache_pos, cache_len;
	struct vrngfront_stats stats;
	ktime_t probed;
	struct hwrng hwrng;
	bool hwrng_registered;
	struct work_struct broken_work;
	struct work_struct reseed_work;
	struct dentry *dbg;
};

static struct dentry *vrngfront_dbg_root;

static void vrngfront_done(void *ctx, const struct vrngif_response *rsp)
{
	struct vrngfront *fe = ctx;

	/* Answers to requests we stopped waiting for are dropped. */
	if (rsp->id != fe->want_id)
		return;
	fe->rsp = *rsp;
	fe->want_id = -1;
	complete(&fe->done);
}

static irqreturn_t vrngfront_interrupt(int irq, void *dev_id)
{
	struct vrngfront *fe = dev_id;
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

static void vrngfront_broken(struct work_struct *work)
{
	struct vrngfront *fe = container_of(work, struct vrngfront,
					    broken_work);

	dev_err_ratelimited(&fe->dev->dev,
			    "backend broke the vrng protocol (%s): closing\n",
			    vrng_bad_name(fe->ring.broken));
	xenbus_switch_state(fe->dev, XenbusStateClosing);
}

/*
 * Sends one request for len bytes into the data page and waits for its
 * answer, copied into *rsp. fe->io held. 0, or -ENODEV (not connected),
 * -ETIMEDOUT, -EINTR, -EBUSY (ring full of abandoned requests).
 */
static int vrngfront_request(struct vrngfront *fe, unsigned int len,
			     struct vrngif_response *rsp)
{
	bool notify;
	long left;
	int id;

	spin_lock_irq(&fe->lock);
	if (!fe->connected) {
		spin_unlock_irq(&fe->lock);
		return -ENODEV;
	}
	reinit_completion(&fe->done);
	id = vrng_front_submit(&fe->ring, fe->data_ref, 0, len, &notify);
	fe->want_id = id;
	spin_unlock_irq(&fe->lock);
	if (id < 0)
		return id == -EPROTO ? -ENODEV : id;
	if (notify)
		notify_remote_via_irq(fe->irq);
	fe->stats.requests++;

	left = wait_for_completion_interruptible_timeout(&fe->done,
							 VRNGFRONT_TIMEOUT);
	spin_lock_irq(&fe->lock);
	if (fe->want_id == id) {	/* no answer: stop waiting for one */
		fe->want_id = -1;
		spin_unlock_irq(&fe->lock);
		if (left)
			return left < 0 ? -EINTR : -ENODEV;
		fe->stats.timeouts++;
		dev_warn_ratelimited(&fe->dev->dev,
				     "backend did not answer within %d s\n",
				     VRNGFRONT_TIMEOUT / HZ);
		return -ETIMEDOUT;
	}
	*rsp = fe->rsp;
	spin_unlock_irq(&fe->lock);
	return 0;
}

/*
 * Fetches up to len bytes into the data page, retrying while the backend
 * says RETRY (rate limit, not seeded yet) for at most tries rounds.
 * Returns the byte count (0: nothing yet), or -errno.
 */
static int vrngfront_fetch(struct vrngfront *fe, unsigned int len,
			   unsigned int tries)
{
	struct vrngif_response rsp;
	int err;

	for (;;) {
		err = vrngfront_request(fe, min(len, fe->max_len), &rsp);
		if (err)
			return err;
		vrng_credit_add(&fe->credit, &rsp, fe->trusted);
		if (rsp.status == VRNGIF_RSP_OKAY) {
			fe->stats.bytes += rsp.len;
			return rsp.len;
		}
		if (rsp.status == VRNGIF_RSP_ERROR) {
			fe->stats.errors++;
			dev_warn_ratelimited(&fe->dev->dev,
					     "backend could not fill the data page\n");
			return -EIO;
		}
		fe->stats.retries++;
		if (!--tries)
			return 0;
		if (msleep_interruptible(VRNGFRONT_RETRY_MS))
			return -EINTR;
	}
}

/*
 * The fill thread: fresh bytes, as many as reported credit covers. It
 * waits half a second at most; on 0 the hwrng core sleeps and returns.
 */
static int vrngfront_read_credited(struct vrngfront *fe, u8 *buf,
				   size_t max, bool wait)
{
	unsigned int tries = wait ? VRNGFRONT_FILL_TRIES : 1;
	size_t n = 0;
	int got = 0;

	while (!n && tries--) {
		got = vrngfront_fetch(fe, max, 1);
		if (got < 0)
			return got == -ENODEV ? 0 : got;
		n = vrng_credit_take(&fe->credit, got, quality);
		if (!n && tries && msleep_interruptible(VRNGFRONT_RETRY_MS))
			break;
	}
	if (!n)
		return 0;
	memcpy(buf, page_address(fe->data), n);
	memzero_explicit(page_address(fe->data), got);
	if (fe->stats.first_credit_ms < 0 &&
	    fe->credit.passed >= VRNGFRONT_FIRST_BITS) {
		fe->stats.first_credit_ms =
			ktime_ms_delta(ktime_get_boottime(), fe->probed);
		dev_info(&fe->dev->dev,
			 "first %u credited bits passed to the kernel %lld ms after probe\n",
			 VRNGFRONT_FIRST_BITS, fe->stats.first_credit_ms);
	}
	return n;
}

/* /dev/hwrng readers: served from the cache, refilled a page at a time. */
static int vrngfront_read_cached(struct vrngfront *fe, u8 *buf, size_t max,
				 bool wait)
{
	size_t n;
	int got;

	if (fe->cache_pos == fe->cache_len) {
		/* waiting readers retry until a signal: rate limits block */
		got = vrngfront_fetch(fe, fe->max_len, wait ? UINT_MAX : 1);
		if (got <= 0)
			return got;
		memcpy(fe->cache, page_address(fe->data), got);
		memzero_explicit(page_address(fe->data), got);
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
	struct vrngfront *fe = container_of(rng, struct vrngfront, hwrng);
	int ret;

	if (mutex_lock_interruptible(&fe->io))
		return -EINTR;
	if (current->flags & PF_KTHREAD)
		ret = vrngfront_read_credited(fe, buf, max, wait);
	else
		ret = vrngfront_read_cached(fe, buf, max, wait);
	mutex_unlock(&fe->io);
	return ret;
}

/*
 * After restore or migration the CRNG must diverge from its twin's at
 * once: mix fresh bytes in and force a reseed. add_vmfork_randomness()
 * does both but is exported only when VMGENID is a module; the reseed is
 * reached through /dev/urandom's RNDRESEEDCRNG (a kworker may use it).
 */
static void vrngfront_reseed(struct work_struct *work)
{
	struct vrngfront *fe = container_of(work, struct vrngfront,
					    reseed_work);
	struct file *f;
	long err;
	int got;

	mutex_lock(&fe->io);
	got = vrngfront_fetch(fe, fe->max_len, VRNGFRONT_FILL_TRIES);
	if (got > 0) {
		add_device_randomness(page_address(fe->data), got);
		memzero_explicit(page_address(fe->data), got);
	}
	mutex_unlock(&fe->io);
	if (got <= 0) {
		dev_warn(&fe->dev->dev, "no fresh bytes after restore (%d)\n",
			 got);
		return;
	}
	f = filp_open("/dev/urandom", O_RDONLY, 0);
	err = IS_ERR(f) ? PTR_ERR(f) :
	      f->f_op->unlocked_ioctl(f, RNDRESEEDCRNG, 0);
	if (!IS_ERR(f))
		filp_close(f, NULL);
	dev_info(&fe->dev->dev,
		 "after restore: %d fresh bytes mixed in, CRNG reseed %s (%ld)\n",
		 got, err ? "failed" : "forced", err);
}

/* Reads what the backend and the toolstack offer; refuses the malformed. */
static int vrngfront_read_config(struct vrngfront *fe)
{
	struct xenbus_device *dev = fe->dev;
	unsigned long version, max_len, credit = 0, trusted = 1;
	int err;

	if (vrng_xs_read_uint(dev->otherend, "version", ~0UL, &version) ||
	    version < VRNGIF_VERSION ||
	    vrng_xs_read_uint(dev->otherend, "max-request-bytes",
			      VRNGIF_MAX_REQUEST_BYTES, &max_len) ||
	    !max_len) {
		xenbus_dev_fatal(dev, -EINVAL,
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

/* Tears down the ring, the event channel and the data page grant. */
static void vrngfront_free_rings(struct vrngfront *fe)
{
	if (fe->irq > 0)
		unbind_from_irqhandler(fe->irq, fe);	/* closes the port */
	fe->irq = 0;
	if (fe->data) {
		/* the page is freed once the backend no longer holds it */
		gnttab_end_foreign_access(fe->data_ref, fe->data);
		fe->data = NULL;
	}
	if (fe->sring)
		xenbus_teardown_ring(&fe->sring, 1, &fe->ring_ref);
}

/* Stops readers (they see -ENODEV) and frees the shared resources. */
static void vrngfront_disconnect(struct vrngfront *fe)
{
	spin_lock_irq(&fe->lock);
	fe->connected = false;
	complete(&fe->done);
	spin_unlock_irq(&fe->lock);
	mutex_lock(&fe->io);
	vrngfront_free_rings(fe);
	fe->cache_pos = 0;
	fe->cache_len = 0;
	memzero_explicit(fe->cache, VRNGIF_PAGE_SIZE);
	mutex_unlock(&fe->io);
}

static int vrngfront_write_keys(struct vrngfront *fe, evtchn_port_t port)
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

/* Backend is in InitWait: share a ring, a data page, an event channel. */
static int vrngfront_setup(struct vrngfront *fe)
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
	fe->data = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!fe->data) {
		err = -ENOMEM;
		goto fail;
	}
	err = gnttab_grant_foreign_access(dev->otherend_id,
					  xen_page_to_gfn(fe->data), 0);
	if (err < 0) {
		__free_page(fe->data);
		fe->data = NULL;
		goto fail;
	}
	fe->data_ref = err;
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
	vrngfront_free_rings(fe);
out:
	mutex_unlock(&fe->io);
	return err;
}

static void vrngfront_connected(struct vrngfront *fe)
{
	struct xenbus_device *dev = fe->dev;
	int err;

	spin_lock_irq(&fe->lock);
	fe->connected = true;
	fe->want_id = -1;
	spin_unlock_irq(&fe->lock);
	fe->stats.connects++;
	xenbus_switch_state(dev, XenbusStateConnected);
	dev_info(&dev->dev, "connected to domain %d (%s, quality %u)\n",
		 dev->otherend_id, fe->trusted ? "trusted" : "untrusted: no credit",
		 quality);
	if (fe->resumed) {
		fe->resumed = false;
		schedule_work(&fe->reseed_work);
	}
	if (fe->hwrng_registered)
		return;
	err = hwrng_register(&fe->hwrng);
	if (err)
		dev_err(&dev->dev, "hwrng_register: %d\n", err);
	fe->hwrng_registered = !err;
}

static void vrngfront_backend_changed(struct xenbus_device *dev,
				      enum xenbus_state backend_state)
{
	struct vrngfront *fe = dev_get_drvdata(&dev->dev);
	unsigned long online;

	switch (backend_state) {
	case XenbusStateInitWait:
		/*
		 * The watch may report InitWait more than once: set up only
		 * from Initialising, or the backend may map a ring already
		 * replaced. A restarting backend passes through Closed first.
		 */
		if (dev->state != XenbusStateInitialising)
			break;
		if (vrngfront_setup(fe))
			xenbus_switch_state(dev, XenbusStateClosing);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised)
			vrngfront_connected(fe);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (dev->state == XenbusStateInitialising ||
		    dev->state == XenbusStateClosed)
			break;
		vrngfront_disconnect(fe);
		if (vrng_xs_read_uint(dev->otherend, "online", 1, &online) ||
		    online) {
			/* Initialising: ready for the backend's return */
			dev_info(&dev->dev, "backend went away: waiting for it\n");
			xenbus_switch_state(dev, XenbusStateInitialising);
		} else {
			dev_info(&dev->dev, "device removed by the toolstack\n");
			xenbus_frontend_closed(dev);
		}
		break;
	case XenbusStateUnknown:
		/* the backend's directory is gone: nothing to return to */
		vrngfront_disconnect(fe);
		xenbus_frontend_closed(dev);
		break;
	default:
		break;
	}
}

static int vrngfront_stats_show(struct seq_file *m, void *v)
{
	struct vrngfront *fe = m->private;
	const struct vrngfront_stats *s = &fe->stats;

	mutex_lock(&fe->io);
	seq_printf(m, "state: %s\ntrusted: %d\nquality: %u\n",
		   xenbus_strstate(fe->dev->state), fe->trusted, quality);
	seq_printf(m, "connects: %llu\nrequests: %llu\nbytes: %llu\nretries: %llu\nerrors: %llu\ntimeouts: %llu\nresumes: %llu\n",
		   s->connects, s->requests, s->bytes, s->retries, s->errors,
		   s->timeouts, s->resumes);
	seq_printf(m, "credit_reported_bits: %llu\ncredit_dropped_bits: %llu\ncredit_passed_bits: %llu\ncredit_balance_bits: %u\nfirst_credit_ms: %lld\n",
		   fe->credit.reported, fe->credit.dropped, fe->credit.passed,
		   fe->credit.balance, s->first_credit_ms);
	mutex_unlock(&fe->io);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vrngfront_stats);

static int vrngfront_probe(struct xenbus_device *dev,
			   const struct xenbus_device_id *id)
{
	struct vrngfront *fe = kzalloc(sizeof(*fe), GFP_KERNEL);

	if (!fe)
		return -ENOMEM;
	fe->cache = kzalloc(VRNGIF_PAGE_SIZE, GFP_KERNEL);
	if (!fe->cache) {
		kfree(fe);
		return -ENOMEM;
	}
	fe->dev = dev;
	fe->probed = ktime_get_boottime();
	fe->stats.first_credit_ms = -1;
	mutex_init(&fe->io);
	spin_lock_init(&fe->lock);
	init_completion(&fe->done);
	INIT_WORK(&fe->broken_work, vrngfront_broken);
	INIT_WORK(&fe->reseed_work, vrngfront_reseed);
	fe->hwrng.name = "xen-vrng";
	fe->hwrng.read = vrngfront_read;
	fe->hwrng.quality = quality;
	dev_set_drvdata(&dev->dev, fe);
	fe->dbg = debugfs_create_file(dev_name(&dev->dev), 0400,
				      vrngfront_dbg_root, fe,
				      &vrngfront_stats_fops);
	return 0;
}

static void vrngfront_remove(struct xenbus_device *dev)
{
	struct vrngfront *fe = dev_get_drvdata(&dev->dev);

	debugfs_remove(fe->dbg);
	if (fe->hwrng_registered)
		hwrng_unregister(&fe->hwrng);	/* stops the fill thread */
	vrngfront_disconnect(fe);
	cancel_work_sync(&fe->broken_work);
	cancel_work_sync(&fe->reseed_work);
	kfree_sensitive(fe->cache);
	kfree(fe);
	dev_set_drvdata(&dev->dev, NULL);
}

/* After save/restore or migration: old grants and ports are gone. */
static int vrngfront_resume(struct xenbus_device *dev)
{
	struct vrngfront *fe = dev_get_drvdata(&dev->dev);

	vrngfront_disconnect(fe);
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

static int __init vrngfront_init(void)
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

static void __exit vrngfront_exit(void)
{
	xenbus_unregister_driver(&vrngfront_driver);
	debugfs_remove(vrngfront_dbg_root);
}

module_init(vrngfront_init);
module_exit(vrngfront_exit);
MODULE_DESCRIPTION("Xen paravirtual entropy device frontend (vrng)");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen:vrng");
