// SPDX-License-Identifier: GPL-2.0
/*
 * ent-hwrng: the board's hw_random device (virtio-rng, bcm2835-rng,
 * sun8i-ce, TPM, arm_smccc_trng, ...).
 *
 * The hwrng core has no in-kernel read API and /dev/hwrng has no
 * read_iter, so kernel_read() cannot read it (fs/read_write.c refuses).
 * The bytes therefore travel through user space, moved by the real rngd:
 *	rngd -r /dev/hwrng -o /dev/ent_hwrng
 * while the credit stays decided here: every batch is credited at most
 * the current device's declared quality (rng_quality in sysfs, read by
 * the kernel at each batch because the current device can change) and
 * never above quality=, whatever rngd claims.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <ent/source.h>
#include "ent_source_param.h"

#define HWRNG_SYSFS "/sys/class/misc/hw_random/"

ENT_SOURCE_PARAMS("board hw_random");

static struct ent_feed_dev *ent_hwrng_dev;

/* Reads a small sysfs attribute of the hwrng core into buf. */
static int ent_hwrng_attr(const char *name, char *buf, size_t len)
{
	char path[64];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	snprintf(path, sizeof(path), HWRNG_SYSFS "%s", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len - 1, &pos);
	filp_close(f, NULL);
	if (n < 0)
		return n;
	buf[n] = '\0';
	strim(buf);
	return 0;
}

/* No device, or none that declares a quality: no credit. */
static unsigned int ent_hwrng_declared(void)
{
	unsigned int quality;
	char buf[16];

	if (ent_hwrng_attr("rng_quality", buf, sizeof(buf)) ||
	    kstrtouint(buf, 10, &quality))
		return 0;
	return min(quality, 1024U);
}

static int __init ent_hwrng_init(void)
{
	struct ent_source_info info = {
		.name = "hwrng",
		.h = 8,
		.quality = 1024,
	};
	char current_rng[64];
	int err;

	if (!enable)
		return ent_source_disabled();
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;

	if (ent_hwrng_attr("rng_current", current_rng, sizeof(current_rng)) ||
	    !strcmp(current_rng, "none")) {
		pr_err("no hw_random device is registered (load the board's RNG driver first)\n");
		return -ENODEV;
	}
	pr_info("board RNG %s declares quality %u/1024, cap %u/1024; feed it with: rngd -r /dev/hwrng -o /dev/ent_hwrng\n",
		current_rng, ent_hwrng_declared(), info.quality);

	ent_hwrng_dev = ent_feed_dev_create(&info, "ent_hwrng", ent_hwrng_declared,
					    THIS_MODULE);
	return PTR_ERR_OR_ZERO(ent_hwrng_dev);
}

static void __exit ent_hwrng_exit(void)
{
	if (!IS_ERR_OR_NULL(ent_hwrng_dev))
		ent_feed_dev_destroy(ent_hwrng_dev);
}

module_init(ent_hwrng_init);
module_exit(ent_hwrng_exit);
MODULE_DESCRIPTION("Entropy source: the board's hw_random device, fed by rngd");
MODULE_LICENSE("GPL");
