// SPDX-License-Identifier: GPL-2.0
/*
 * Source registration and the one path every raw byte takes: tap, health
 * tests, then conditioning and credit.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ent_internal.h"

/**
 * ent_source_priv() - the private pointer the source registered with
 * @src: the source
 *
 * Return: ent_source_info.priv as given to ent_source_register().
 */
void *ent_source_priv(const struct ent_source *src)
{
	return src->priv;
}
EXPORT_SYMBOL_GPL(ent_source_priv);

/**
 * ent_source_register() - add a raw entropy source to the core
 * @info: its name (unique, shorter than ENT_SOURCE_NAME_MAX), its
 *	min-entropy per 8-bit sample H (sets the health tests' cutoffs), its
 *	maximum quality (credited bits per 1024, at most H * 128: no more
 *	than H vouches for) and, for a source the core pulls, its read
 *	callback
 *
 * The source starts with its SP 800-90B start-up test: credited nothing
 * until it passes.
 * Context: process context; may sleep.
 * Return: the source, or an ERR_PTR: -EINVAL (bad info), -EEXIST (name
 * taken), -ENOMEM.
 */
struct ent_source *ent_source_register(const struct ent_source_info *info)
{
	struct ent_source *src, *other;
	int err;

	if (!info->name || !info->name[0] ||
	    strlen(info->name) >= ENT_SOURCE_NAME_MAX ||
	    info->quality > ENT_QUALITY_FULL)
		return ERR_PTR(-EINVAL);
	if (info->quality > ent_health_max_quality(info->h)) {
		pr_err("source %s: quality %u/1024 is above what H=%u bits/sample vouches for (%u)\n",
		       info->name, info->quality, info->h,
		       ent_health_max_quality(info->h));
		return ERR_PTR(-EINVAL);
	}

	src = kzalloc(sizeof(*src), GFP_KERNEL);
	if (!src)
		return ERR_PTR(-ENOMEM);
	kref_init(&src->ref);
	init_waitqueue_head(&src->tap_wq);
	strscpy(src->name, info->name, sizeof(src->name));
	src->read = info->read;
	src->priv = info->priv;
	src->quality = info->quality;
	err = ent_health_init(&src->health, info->h, &ent_policy);
	if (err)
		goto err_free;
	src->logged_state = src->health.state;
	err = kfifo_alloc(&src->tap, ENT_TAP_BYTES, GFP_KERNEL);
	if (err)
		goto err_free;

	mutex_lock(&ent_sources_mutex);
	list_for_each_entry(other, &ent_sources, node) {
		if (!strcmp(other->name, src->name)) {
			mutex_unlock(&ent_sources_mutex);
			err = -EEXIST;
			goto err_fifo;
		}
	}
	ent_debugfs_add_source(src);
	spin_lock(&ent_lock);
	list_add_tail(&src->node, &ent_sources);
	spin_unlock(&ent_lock);
	mutex_unlock(&ent_sources_mutex);

	pr_info("source %s registered (H=%u bits/sample, quality %u/1024)\n",
		src->name, info->h, src->quality);
	wake_up(&ent_pull_wq);
	return src;

err_fifo:
	kfifo_free(&src->tap);
err_free:
	kfree(src);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(ent_source_register);

void ent_source_release(struct kref *ref)
{
	struct ent_source *src = container_of(ref, struct ent_source, ref);

	kfifo_free(&src->tap);
	kfree(src);
}

/**
 * ent_source_unregister() - remove a source
 * @src: from ent_source_register()
 *
 * Waits for the pull thread to finish any read() of this source; an open
 * tap keeps the memory until it is closed.
 * Context: process context; may sleep.
 */
void ent_source_unregister(struct ent_source *src)
{
	mutex_lock(&ent_sources_mutex);
	spin_lock(&ent_lock);
	list_del(&src->node);
	spin_unlock(&ent_lock);
	/*
	 * debugfs_remove() waits for its files' readers to return: a reader
	 * blocked in the tap for samples that will never come would hang
	 * this, and every pull behind ent_sources_mutex. Send it EOF first.
	 */
	WRITE_ONCE(src->gone, true);
	wake_up_interruptible_all(&src->tap_wq);
	ent_debugfs_remove_source(src);
	mutex_unlock(&ent_sources_mutex);
	pr_info("source %s unregistered\n", src->name);
	kref_put(&src->ref, ent_source_release);
}
EXPORT_SYMBOL_GPL(ent_source_unregister);

static void ent_source_log_state(struct ent_source *src,
				 enum ent_health_state state,
				 enum ent_health_test test)
{
	switch (state) {
	case ENT_HEALTH_FAILED:
		pr_warn_ratelimited("source %s failed its %s test: no longer credited\n",
				    src->name, ent_health_test_name(test));
		break;
	case ENT_HEALTH_DISABLED:
		pr_warn_ratelimited("source %s failed %s test; failure limit reached, disabled until reset\n",
				    src->name, ent_health_test_name(test));
		break;
	case ENT_HEALTH_OK:
		pr_info_ratelimited("source %s passed its start-up test: credited from now on\n",
				    src->name);
		break;
	case ENT_HEALTH_STARTUP:
		pr_info_ratelimited("source %s re-runs its start-up test\n",
				    src->name);
		break;
	}
}

/* Has the state changed since it was last logged? */
static bool ent_source_state_changed(struct ent_source *src)
{
	bool changed = src->health.state != src->logged_state;

	lockdep_assert_held(&ent_lock);
	src->logged_state = src->health.state;
	return changed;
}

/* Health-tests len raw bytes; credit is the lower of quality and the cap. */
static u64 ent_source_mix(struct ent_source *src, const u8 *buf, size_t len,
			  unsigned int quality)
{
	size_t ok;

	lockdep_assert_held(&ent_lock);
	ok = ent_health_feed(&src->health, buf, len, ent_now_ms());
	if (!ok)
		return 0;
	return ent_pool_add(&ent_pool, buf + len - ok, ok,
			    min(quality, src->quality));
}

/* A test's fault: the samples rewritten before the tests see them. */
static u64 ent_source_mix_fault(struct ent_source *src, const u8 *buf,
				size_t len, unsigned int quality)
{
	u8 chunk[64];
	u64 units = 0;

	while (len) {
		size_t n = min(len, sizeof(chunk));

		ent_fault_apply(src->inject, chunk, buf, n, &src->inject_phase);
		units += ent_source_mix(src, chunk, n, quality);
		buf += n;
		len -= n;
	}
	memzero_explicit(chunk, sizeof(chunk));
	return units;
}

/**
 * ent_source_feed() - push raw samples into the core
 * @src: the source they came from
 * @buf: the raw samples, one per byte
 * @len: how many
 * @quality: the credit these samples may get, per 1024 bits; the core
 *	takes the lower of this and the source's own quality
 *
 * Every byte is health-tested; only those that pass while the source is
 * healthy are credited, and none once it has failed.
 * Context: any context that may take a spinlock; does not sleep.
 * Return: the whole bits credited.
 */
u32 ent_source_feed(struct ent_source *src, const u8 *buf, size_t len,
		    unsigned int quality)
{
	enum ent_health_state state;
	enum ent_health_test test;
	u64 seeds, units = 0;
	bool changed;

	spin_lock(&ent_lock);
	seeds = ent_pool.seeds_made;
	if (src->tap_open) {
		kfifo_in(&src->tap, buf, len);
		wake_up(&src->tap_wq);
	}
	src->raw_bytes += len;
	if (src->inject != ENT_FAULT_NONE) {
		units = ent_source_mix_fault(src, buf, len, quality);
		if (!src->inject_caught_after &&
		    src->health.failed_at_sample > src->inject_at_sample)
			src->inject_caught_after = src->health.failed_at_sample -
						   src->inject_at_sample;
	} else {
		units = ent_source_mix(src, buf, len, quality);
	}
	src->credited_units += units;
	state = src->health.state;
	test = src->health.last_failure;
	changed = ent_source_state_changed(src);
	if (ent_pool.seeds_made != seeds)
		wake_up(&ent_seed_wq);
	spin_unlock(&ent_lock);

	if (changed)
		ent_source_log_state(src, state, test);
	return (u32)(units / ENT_UNITS_PER_BIT);
}
EXPORT_SYMBOL_GPL(ent_source_feed);

/**
 * ent_source_fail() - latch a source as failed from outside the tests
 * @src: the source, which saw output of a known failure shape
 *
 * Credit stops at once; the source re-enters only through a fresh
 * start-up test (module parameters retry_secs, max_failures).
 * Context: any context that may take a spinlock; does not sleep.
 */
void ent_source_fail(struct ent_source *src)
{
	enum ent_health_state state;
	bool changed;

	spin_lock(&ent_lock);
	ent_health_fail(&src->health, ENT_TEST_SHAPE, ent_now_ms());
	state = src->health.state;
	changed = ent_source_state_changed(src);
	spin_unlock(&ent_lock);
	if (changed)
		ent_source_log_state(src, state, ENT_TEST_SHAPE);
}
EXPORT_SYMBOL_GPL(ent_source_fail);

/**
 * ent_available_bits() - credited bits waiting in the core
 *
 * Return: the ready seeds' bits plus the partly filled pool's.
 */
u32 ent_available_bits(void)
{
	u32 bits;

	spin_lock(&ent_lock);
	bits = ent_pool_seeds(&ent_pool) * ENT_SEED_BITS +
	       (u32)(ent_pool.units / ENT_UNITS_PER_BIT);
	spin_unlock(&ent_lock);
	return bits;
}
EXPORT_SYMBOL_GPL(ent_available_bits);

unsigned int ent_taps_open;

/**
 * ent_wants_input() - whether the core wants samples now
 *
 * Return: true while the seed queue has room or a source's tap is open.
 */
bool ent_wants_input(void)
{
	bool wants;

	spin_lock(&ent_lock);
	wants = !ent_pool_full(&ent_pool) || ent_taps_open;
	spin_unlock(&ent_lock);
	return wants;
}
EXPORT_SYMBOL_GPL(ent_wants_input);

/*
 * This source's samples are wanted: the pool has room, or someone reads
 * its tap (an assessment wants samples whatever the consumers take; the
 * credit the full pool cannot take is counted as wasted).
 */
bool ent_source_wants_input(struct ent_source *src)
{
	bool wants;

	spin_lock(&ent_lock);
	wants = !ent_pool_full(&ent_pool) || src->tap_open;
	spin_unlock(&ent_lock);
	return wants;
}
