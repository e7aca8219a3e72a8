// SPDX-License-Identifier: GPL-2.0
/*
 * ent-core: gathers raw entropy from registered sources, health-tests it
 * (SP 800-90B), conditions it into 256-bit seeds and keys one ChaCha20
 * generator per consumer. See Documentation/entropy.rst.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "ent_internal.h"

DEFINE_SPINLOCK(ent_lock);
struct ent_pool ent_pool;
struct ent_fair ent_fair;
LIST_HEAD(ent_sources);
LIST_HEAD(ent_consumers);
/* Held across list changes and every pull-thread read(). */
DEFINE_MUTEX(ent_sources_mutex);
DECLARE_WAIT_QUEUE_HEAD(ent_seed_wq);
DECLARE_WAIT_QUEUE_HEAD(ent_pull_wq);
struct ent_health_policy ent_policy;

static unsigned int retry_secs = 60;
static unsigned int max_failures = 3;

static int ent_param_set_bounded(const char *val, const struct kernel_param *kp,
				 unsigned int max)
{
	unsigned int v;
	int err = kstrtouint(val, 0, &v);

	if (err || v > max) {
		pr_err("%s=%s is invalid: expected an integer 0..%u\n",
		       kp->name, val, max);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = v;
	return 0;
}

static int ent_param_set_retry(const char *val, const struct kernel_param *kp)
{
	return ent_param_set_bounded(val, kp, 86400);
}

static int ent_param_set_failures(const char *val,
				  const struct kernel_param *kp)
{
	return ent_param_set_bounded(val, kp, 1000);
}

static const struct kernel_param_ops ent_retry_ops = {
	.set = ent_param_set_retry,
	.get = param_get_uint,
};

static const struct kernel_param_ops ent_failures_ops = {
	.set = ent_param_set_failures,
	.get = param_get_uint,
};

module_param_cb(retry_secs, &ent_retry_ops, &retry_secs, 0444);
MODULE_PARM_DESC(retry_secs,
		 "Seconds before a failed source re-runs its start-up test; 0: never (default 60)");
module_param_cb(max_failures, &ent_failures_ops, &max_failures, 0444);
MODULE_PARM_DESC(max_failures,
		 "Health-test failures after which a source stays disabled until reset; 0: no limit (default 3)");

static int __init ent_init(void)
{
	int err;

	ent_policy.retry_ms = (u64)retry_secs * 1000;
	ent_policy.max_failures = max_failures;
	ent_pool_init(&ent_pool);

	err = ent_debugfs_init();
	if (err)
		goto err_pool;
	err = ent_pull_start();
	if (err)
		goto err_debugfs;
	err = ent_chrdev_init();
	if (err)
		goto err_pull;
	pr_info("loaded (retry %us, max %u failures)\n", retry_secs,
		max_failures);
	return 0;

err_pull:
	ent_pull_stop();
err_debugfs:
	ent_debugfs_exit();
err_pool:
	ent_pool_destroy(&ent_pool);
	return err;
}

/* Sources and consumers hold references on this module: both lists are empty. */
static void __exit ent_exit(void)
{
	ent_chrdev_exit();
	ent_pull_stop();
	ent_debugfs_exit();
	ent_pool_destroy(&ent_pool);
}

module_init(ent_init);
module_exit(ent_exit);
MODULE_DESCRIPTION("Entropy core: health-tested sources, conditioning, per-consumer generators");
MODULE_LICENSE("GPL");
