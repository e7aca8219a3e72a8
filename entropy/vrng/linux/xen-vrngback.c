// SPDX-License-Identifier: GPL-2.0
/*
 * xen-vrngback: serves the vrng device
 * (include/xen/interface/io/vrngif.h) to each attached guest from a
 * generator of its own in ent-core, at a rate of its own (token bucket:
 * module parameters rate and burst, or the toolstack's rate-bytes-per-sec
 * key in the backend directory). The ring logic is
 * entropy/vrng/portable/vrng_ring.c; this file is xenbus, the event
 * channel (lateeoi), grant copy and, per guest:
 *   stats/  in the device's sysfs directory, one counter a file, the
 *           stable interface for tools (Documentation/vrng-linux.rst)
 *   debugfs vrngback/dom<N>/stray: write 1 to give the guest's next
 *           answer an id it never used (tests that its frontend refuses
 *           a hostile backend); stats there repeat the sysfs ones
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <ent/consumer.h>
#include "vrng_bucket.h"
#include "vrng_ring.h"
#include "vrng_xb_back.h"
#include "vrng_xs.h"

#define VRNGBACK_BUDGET 64	/* requests per event before yielding */
#define VRNGBACK_IDLE_EVENTS 8	/* events in a row with no work, then EOI late */

static unsigned long rate = 1024 * 1024;
module_param(rate, ulong, 0644);
MODULE_PARM_DESC(rate,
		 "default bytes per second per guest, 0: unlimited (default 1 MiB/s); the backend key rate-bytes-per-sec overrides it per guest");
static unsigned long burst = 64 * 1024;
module_param(burst, ulong, 0644);
MODULE_PARM_DESC(burst, "bytes a guest may take at once after idling (default 64 KiB)");

struct vrngback {
	struct xenbus_device *dev;
	struct ent_consumer *consumer;
	struct vrng_back ring;
	struct vrng_bucket bucket;
	void *sring;
	int irq;
	u8 *bounce;
	struct work_struct work;
	/*
	 * The counters (ring, bucket, late_eois): 64-bit, so a reader on a
	 * 32-bit dom0 takes it rather than see one half-written.
	 */
	struct mutex stats_lock;
	struct timer_list hold_timer;	/* serves a held request on time */
	unsigned int hold_len;		/* its length */
	bool stopping;			/* disconnecting: arm no timer */
	struct delayed_work late_eoi;	/* an event storm's EOI, held back */
	unsigned int idle_events;	/* events in a row that had no work */
	u64 late_eois;
	struct dentry *dbg;		/* vrngback/dom<N>/ */
	bool send_stray;		/* test hook, set through debugfs */
};

static struct dentry *vrngback_dbg_root;

static u16 vrngback_health(void)
{
	unsigned int h = ent_consumer_health();

	return (h & ENT_HEALTH_DEGRADED ? VRNGIF_HEALTH_DEGRADED : 0) |
	       (h & ENT_HEALTH_UNSEEDED ? VRNGIF_HEALTH_UNSEEDED : 0);
}

static int vrngback_produce(void *ctx, u8 *buf, unsigned int len,
			    u32 *credited, u16 *health)
{
	struct vrngback *be = ctx;
	size_t n = vrng_bucket_take(&be->bucket, len, ktime_get_ns());

	*health = vrngback_health();
	if (!n) {
		be->hold_len = len;	/* held: the timer calls again */
		return -EBUSY;
	}
	return ent_consumer_read(be->consumer, buf, n, credited) ?
	       -EAGAIN : (int)n;
}

static int vrngback_copy(void *ctx, u32 gref, u16 offset, const u8 *buf,
			 unsigned int len)
{
	struct vrngback *be = ctx;
	struct gnttab_copy op = {
		.source.u.gmfn = virt_to_gfn(buf),
		.source.domid = DOMID_SELF,
		.source.offset = offset_in_page(buf),
		.dest.u.ref = gref,
		.dest.domid = be->dev->otherend_id,
		.dest.offset = offset,
		.len = len,
		.flags = GNTCOPY_dest_gref,
	};

	gnttab_batch_copy(&op, 1);
	return op.status == GNTST_okay ? 0 : -EIO;
}

static const struct vrng_back_ops vrngback_ops = {
	.produce = vrngback_produce,
	.copy_to_guest = vrngback_copy,
};

/*
 * Events with no work in a row are a storm (XSA-332): past a few, the EOI
 * waits, twice as long each time, up to a second, and the event channel
 * stays masked meanwhile. The kernel's own back-off for spurious events
 * does not hold: 6.1's lateeoi worker sends the EOI it delayed as a
 * normal one, which restarts the back-off (~500 events a second kept).
 * An honest frontend notifies only for requests it pushed, so at most
 * one event in a row finds them already served.
 */
static void vrngback_eoi(struct vrngback *be, int irq, bool worked)
{
	unsigned int over;

	lockdep_assert_held(&be->stats_lock);
	if (worked) {
		be->idle_events = 0;
		xen_irq_lateeoi(irq, 0);
		return;
	}
	if (++be->idle_events <= VRNGBACK_IDLE_EVENTS) {
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return;
	}
	over = min(be->idle_events - VRNGBACK_IDLE_EVENTS, 16U);
	be->late_eois++;
	schedule_delayed_work(&be->late_eoi, min(1UL << over, (unsigned long)HZ));
}

static void vrngback_late_eoi(struct work_struct *work)
{
	struct vrngback *be = container_of(to_delayed_work(work),
					   struct vrngback, late_eoi);

	xen_irq_lateeoi(READ_ONCE(be->irq), XEN_EOI_FLAG_SPURIOUS);
}

/* Serves a budget of requests per event; the event stays masked until EOI. */
static void vrngback_serve(struct vrngback *be)
{
	int irq = READ_ONCE(be->irq);
	bool notify, more;
	u64 malformed;
	int n;

	lockdep_assert_held(&be->stats_lock);
	if (READ_ONCE(be->send_stray)) {
		WRITE_ONCE(be->send_stray, false);
		be->ring.stray_next = true;
		dev_info(&be->dev->dev,
			 "test hook: domain %d's next answer goes to no request\n",
			 be->dev->otherend_id);
	}
	malformed = be->ring.malformed;
	n = vrng_back_process(&be->ring, VRNGBACK_BUDGET, &notify, &more);
	if (notify)
		notify_remote_via_irq(irq);
	if (be->ring.malformed != malformed)
		dev_warn_ratelimited(&be->dev->dev,
				     "domain %d sent a malformed request (%s): answered ERROR\n",
				     be->dev->otherend_id,
				     vrng_bad_name(be->ring.last_malformed));
	if (n < 0) {
		dev_warn_ratelimited(&be->dev->dev,
				     "domain %d broke the vrng protocol (%s): disconnecting\n",
				     be->dev->otherend_id,
				     vrng_bad_name(be->ring.broken));
		xenbus_switch_state(be->dev, XenbusStateClosing);
	} else if (more) {
		schedule_work(&be->work);
		return;		/* EOI after the rest */
	} else if (be->ring.held && !READ_ONCE(be->stopping)) {
		/* the guest's rate: its request waits, no answer, no poll */
		mod_timer(&be->hold_timer, jiffies + 1 +
			  nsecs_to_jiffies(vrng_bucket_wait_ns(&be->bucket,
							       be->hold_len,
							       ktime_get_ns())));
	}
	/* a held request is work the event asked for, not a spurious one */
	vrngback_eoi(be, irq, n > 0 || be->ring.held);
}

static void vrngback_work(struct work_struct *work)
{
	struct vrngback *be = container_of(work, struct vrngback, work);

	mutex_lock(&be->stats_lock);
	vrngback_serve(be);
	mutex_unlock(&be->stats_lock);
}

static void vrngback_hold_expired(struct timer_list *t)
{
	struct vrngback *be = from_timer(be, t, hold_timer);

	schedule_work(&be->work);
}

static irqreturn_t vrngback_interrupt(int irq, void *dev_id)
{
	struct vrngback *be = dev_id;

	/*
	 * Xen sets the port pending when it is bound, so this may run before
	 * the bind call has returned the irq to vrngback_connect(): the work
	 * must not EOI or notify an irq it does not know yet (a lost EOI
	 * silences the guest for good).
	 */
	WRITE_ONCE(be->irq, irq);
	schedule_work(&be->work);
	return IRQ_HANDLED;
}

/*
 * The toolstack's rate-bytes-per-sec (backend directory, dom0's to write)
 * overrides the module's default; the value in force is written back.
 */
static int vrngback_setup_rate(struct vrngback *be)
{
	struct xenbus_device *dev = be->dev;
	unsigned long r = rate;
	int err;

	err = vrng_xs_read_uint(dev->nodename, "rate-bytes-per-sec",
				VRNG_BUCKET_MAX_RATE, &r);
	if (err && err != -ENOENT) {
		xenbus_dev_fatal(dev, err,
				 "rate-bytes-per-sec is not a number of bytes up to %llu",
				 VRNG_BUCKET_MAX_RATE);
		return err;
	}
	err = vrng_bucket_init(&be->bucket, r, r ? max(burst, 1UL) : 0,
			       ktime_get_ns());
	if (err) {
		xenbus_dev_fatal(dev, err, "rate %lu or burst %lu out of range",
				 r, burst);
		return err;
	}
	return xenbus_printf(XBT_NIL, dev->nodename, "rate-bytes-per-sec",
			     "%lu", r);
}

static int vrngback_connect(struct vrngback *be)
{
	struct xenbus_device *dev = be->dev;
	const char *fe = dev->otherend;
	unsigned long ring_ref, evtchn, version;
	grant_ref_t gref;
	int err;

	if (vrng_xs_read_uint(fe, "ring-ref", UINT_MAX, &ring_ref) ||
	    vrng_xs_read_uint(fe, "event-channel", UINT_MAX, &evtchn) ||
	    vrng_xs_read_uint(fe, "version", VRNGIF_VERSION, &version) ||
	    version < 1) {
		xenbus_dev_fatal(dev, -EINVAL,
				 "frontend keys ring-ref, event-channel, version missing or malformed");
		return -EINVAL;
	}
	gref = ring_ref;
	err = xenbus_map_ring_valloc(dev, &gref, 1, &be->sring);
	if (err)
		return err;
	mutex_lock(&be->stats_lock);	/* the counters start again */
	err = vrngback_setup_rate(be);
	if (!err)
		vrng_back_init(&be->ring, be->sring, &vrngback_ops, be,
			       be->bounce, VRNGIF_MAX_REQUEST_BYTES);
	mutex_unlock(&be->stats_lock);
	if (err) {
		xenbus_unmap_ring_vfree(dev, be->sring);
		be->sring = NULL;
		return err;
	}
	WRITE_ONCE(be->stopping, false);	/* before the first event */
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(dev, evtchn,
							    vrngback_interrupt,
							    0, "vrngback", be);
	if (err < 0) {
		xenbus_unmap_ring_vfree(dev, be->sring);
		be->sring = NULL;
		return err;
	}
	be->irq = err;
	xenbus_switch_state(dev, XenbusStateConnected);
	dev_info_ratelimited(&dev->dev, "serving domain %d\n",
			     dev->otherend_id);
	return 0;
}

static void vrngback_disconnect(struct vrngback *be)
{
	/*
	 * The irq outlives the work: a running or requeued work item may
	 * still notify or EOI it, and an unbound irq number may already
	 * name another binding. Quiesce the handler, then the work, then
	 * unbind.
	 */
	WRITE_ONCE(be->stopping, true);
	if (be->irq)
		disable_irq(be->irq);
	del_timer_sync(&be->hold_timer);
	cancel_work_sync(&be->work);	/* which arms no timer now */
	cancel_delayed_work_sync(&be->late_eoi);	/* the work schedules it */
	be->idle_events = 0;
	if (be->irq) {
		unbind_from_irqhandler(be->irq, be);
		be->irq = 0;
	}
	if (be->sring) {
		xenbus_unmap_ring_vfree(be->dev, be->sring);
		be->sring = NULL;
		/* the counts outlive the device in the log (a guest may cycle) */
		dev_info_ratelimited(&be->dev->dev,
				     "domain %d disconnected: %llu requests, %llu bytes, %llu credited bits\n",
				     be->dev->otherend_id, be->ring.requests,
				     be->ring.bytes, be->ring.credited);
	}
}

static int vrngback_connect_dev(struct xenbus_device *dev)
{
	return vrngback_connect(dev_get_drvdata(&dev->dev));
}

static void vrngback_disconnect_dev(struct xenbus_device *dev)
{
	vrngback_disconnect(dev_get_drvdata(&dev->dev));
}

static const struct vrng_xb_back_ops vrngback_xb_ops = {
	.connect = vrngback_connect_dev,
	.disconnect = vrngback_disconnect_dev,
};

static void vrngback_frontend_changed(struct xenbus_device *dev,
				      enum xenbus_state frontend_state)
{
	vrng_xb_back_changed(dev, frontend_state, &vrngback_xb_ops);
}

static int vrngback_stats_show(struct seq_file *m, void *v)
{
	struct vrngback *be = m->private;
	const struct vrng_back *r = &be->ring;

	mutex_lock(&be->stats_lock);
	seq_printf(m, "domain: %d\nstate: %s\nbroken: %s\n",
		   be->dev->otherend_id, xenbus_strstate(be->dev->state),
		   r->broken == VRNG_OK ? "no" : vrng_bad_name(r->broken));
	seq_printf(m, "requests: %llu\nbytes: %llu\ncredited_bits: %llu\nthrottled: %llu\nretries: %llu\nerrors: %llu\nmalformed: %llu\ncredit_lost_bits: %llu\nrate: %llu\nburst: %llu\nlate_eois: %llu\n",
		   r->requests, r->bytes, r->credited, be->bucket.throttled,
		   r->retries, r->errors, r->malformed, r->credit_lost,
		   be->bucket.rate, be->bucket.burst, be->late_eois);
	mutex_unlock(&be->stats_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vrngback_stats);

/*
 * stats/ in sysfs: created after probe and removed before remove, so
 * drvdata is set while a file can be read.
 */
#define VRNGBACK_STAT(name, expr)					\
static ssize_t name##_show(struct device *d, struct device_attribute *a, \
			   char *buf)					\
{									\
	struct vrngback *be = dev_get_drvdata(d);			\
	unsigned long long v;						\
									\
	mutex_lock(&be->stats_lock);					\
	v = (expr);							\
	mutex_unlock(&be->stats_lock);					\
	return sysfs_emit(buf, "%llu\n", v);				\
}									\
static DEVICE_ATTR_RO(name)

/* The guest's generator in ent-core, read under its consumer's lock. */
#define VRNGBACK_GEN_STAT(name, field)					\
static ssize_t name##_show(struct device *d, struct device_attribute *a, \
			   char *buf)					\
{									\
	struct vrngback *be = dev_get_drvdata(d);			\
	struct ent_consumer_stats gen;					\
									\
	ent_consumer_get_stats(be->consumer, &gen);			\
	return sysfs_emit(buf, "%llu\n", gen.field);			\
}									\
static DEVICE_ATTR_RO(name)

VRNGBACK_STAT(requests, be->ring.requests);
VRNGBACK_STAT(bytes, be->ring.bytes);
VRNGBACK_STAT(credited_bits, be->ring.credited);
VRNGBACK_STAT(throttled, be->bucket.throttled);
VRNGBACK_STAT(retries, be->ring.retries);
VRNGBACK_STAT(errors, be->ring.errors);
VRNGBACK_STAT(malformed, be->ring.malformed);
VRNGBACK_STAT(credit_lost_bits, be->ring.credit_lost);
VRNGBACK_STAT(rate, be->bucket.rate);
VRNGBACK_STAT(burst, be->bucket.burst);
VRNGBACK_STAT(late_eois, be->late_eois);
VRNGBACK_GEN_STAT(generator_bytes, bytes_out);
VRNGBACK_GEN_STAT(generator_reseeds, reseeds);

static ssize_t broken_show(struct device *d, struct device_attribute *a,
			   char *buf)
{
	struct vrngback *be = dev_get_drvdata(d);
	enum vrng_bad why = READ_ONCE(be->ring.broken);

	return sysfs_emit(buf, "%s\n", why == VRNG_OK ? "no" : vrng_bad_name(why));
}
static DEVICE_ATTR_RO(broken);

static struct attribute *vrngback_stats_attrs[] = {
	&dev_attr_requests.attr,
	&dev_attr_bytes.attr,
	&dev_attr_credited_bits.attr,
	&dev_attr_throttled.attr,
	&dev_attr_retries.attr,
	&dev_attr_errors.attr,
	&dev_attr_malformed.attr,
	&dev_attr_credit_lost_bits.attr,
	&dev_attr_rate.attr,
	&dev_attr_burst.attr,
	&dev_attr_late_eois.attr,
	&dev_attr_generator_bytes.attr,
	&dev_attr_generator_reseeds.attr,
	&dev_attr_broken.attr,
	NULL
};

static const struct attribute_group vrngback_stats_group = {
	.name = "stats",
	.attrs = vrngback_stats_attrs,
};

static const struct attribute_group *vrngback_groups[] = {
	&vrngback_stats_group,
	NULL
};

static int vrngback_probe(struct xenbus_device *dev,
			  const struct xenbus_device_id *id)
{
	struct vrngback *be = kzalloc(sizeof(*be), GFP_KERNEL);
	char name[32];
	int err = -ENOMEM;

	if (!be)
		return -ENOMEM;
	be->dev = dev;
	INIT_WORK(&be->work, vrngback_work);
	mutex_init(&be->stats_lock);
	INIT_DELAYED_WORK(&be->late_eoi, vrngback_late_eoi);
	timer_setup(&be->hold_timer, vrngback_hold_expired, 0);
	be->bounce = (u8 *)__get_free_page(GFP_KERNEL);
	snprintf(name, sizeof(name), "vrng:dom%d", dev->otherend_id);
	be->consumer = ent_consumer_create(name);
	if (!be->bounce || !be->consumer)
		goto err_free;
	dev_set_drvdata(&dev->dev, be);
	snprintf(name, sizeof(name), "dom%d", dev->otherend_id);
	be->dbg = debugfs_create_dir(name, vrngback_dbg_root);
	debugfs_create_file("stats", 0400, be->dbg, be, &vrngback_stats_fops);
	debugfs_create_bool("stray", 0200, be->dbg, &be->send_stray);

	err = xenbus_printf(XBT_NIL, dev->nodename, "version", "%d",
			    VRNGIF_VERSION) ?:
	      xenbus_printf(XBT_NIL, dev->nodename, "max-request-bytes", "%d",
			    VRNGIF_MAX_REQUEST_BYTES) ?:
	      xenbus_printf(XBT_NIL, dev->nodename, "feature-credit", "1") ?:
	      xenbus_switch_state(dev, XenbusStateInitWait);
	if (err)
		goto err_drvdata;
	return 0;

err_drvdata:
	debugfs_remove(be->dbg);
	dev_set_drvdata(&dev->dev, NULL);
err_free:
	if (be->consumer)
		ent_consumer_destroy(be->consumer);
	free_page((unsigned long)be->bounce);
	kfree(be);
	return err;
}

static void vrngback_remove(struct xenbus_device *dev)
{
	struct vrngback *be = dev_get_drvdata(&dev->dev);

	if (!be)
		return;
	debugfs_remove(be->dbg);
	vrngback_disconnect(be);
	ent_consumer_destroy(be->consumer);
	free_page((unsigned long)be->bounce);
	kfree(be);
	dev_set_drvdata(&dev->dev, NULL);
	/*
	 * With allow_rebind, xenbus leaves the state as it was: say Closed,
	 * so that a live frontend sees a clean disconnect and waits for a
	 * reloaded backend's InitWait.
	 */
	xenbus_switch_state(dev, XenbusStateClosed);
}

static const struct xenbus_device_id vrngback_ids[] = {
	{ "vrng" },
	{ "" }
};

static struct xenbus_driver vrngback_driver = {
	.ids = vrngback_ids,
	.probe = vrngback_probe,
	.remove = vrngback_remove,
	.otherend_changed = vrngback_frontend_changed,
	.allow_rebind = true,
	.driver.dev_groups = vrngback_groups,
};

static int __init vrngback_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;
	if (rate > VRNG_BUCKET_MAX_RATE || burst > VRNG_BUCKET_MAX_RATE) {
		pr_err("rate=%lu or burst=%lu is above %llu bytes\n", rate,
		       burst, VRNG_BUCKET_MAX_RATE);
		return -EINVAL;
	}
	vrngback_dbg_root = debugfs_create_dir("vrngback", NULL);
	err = xenbus_register_backend(&vrngback_driver);
	if (err)
		debugfs_remove(vrngback_dbg_root);
	return err;
}

static void __exit vrngback_exit(void)
{
	xenbus_unregister_driver(&vrngback_driver);
	debugfs_remove(vrngback_dbg_root);
}

module_init(vrngback_init);
module_exit(vrngback_exit);
MODULE_DESCRIPTION("Xen paravirtual entropy device backend (vrng)");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen-backend:vrng");
