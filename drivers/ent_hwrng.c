// SPDX-License-Identifier: GPL-2.0
/*
 * ent-hwrng: the raw output of the board's current hw_random device
 * (virtio-rng, bcm2835-rng, sun8i-ce, TPM, arm_smccc_trng, ...), read from
 * /dev/hwrng like rngd does. Each batch is credited at the device's own
 * declared quality (rng_quality in sysfs, re-read every batch because the
 * current device can change), never above the quality= cap.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <ent/source.h>
#include "ent_source_param.h"

#define HWRNG_DEV "/dev/hwrng"
#define HWRNG_SYSFS "/sys/class/misc/hw_random/"

ENT_SOURCE_PARAMS("board hw_random");

static struct ent_source *ent_hwrng_src;
static struct file *ent_hwrng_file;

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

static int ent_hwrng_quality(unsigned int *quality)
{
	char buf[16];
	int err = ent_hwrng_attr("rng_quality", buf, sizeof(buf));

	if (err)
		return err;
	return kstrtouint(buf, 10, quality);
}

static int ent_hwrng_read(struct ent_source *src, u8 *buf, size_t len,
			  unsigned int *quality)
{
	unsigned int declared;
	loff_t pos = 0;

	/* No declared quality, no credit: the bytes are still tested. */
	if (ent_hwrng_quality(&declared))
		declared = 0;
	*quality = min(*quality, declared);
	return kernel_read(ent_hwrng_file, buf, len, &pos);
}

static int __init ent_hwrng_init(void)
{
	struct ent_source_info info = {
		.name = "hwrng",
		.h = 8,
		.read = ent_hwrng_read,
	};
	char current_rng[64];
	unsigned int declared;
	int q;

	if (!enable) {
		pr_info("disabled by parameter\n");
		return 0;
	}
	q = ent_source_quality(quality, 1024, info.name);
	if (q < 0)
		return q;
	info.quality = q;

	if (ent_hwrng_attr("rng_current", current_rng, sizeof(current_rng)) ||
	    !strcmp(current_rng, "none") || ent_hwrng_quality(&declared)) {
		pr_err("no hw_random device is registered (load the board's RNG driver first)\n");
		return -ENODEV;
	}
	ent_hwrng_file = filp_open(HWRNG_DEV, O_RDONLY, 0);
	if (IS_ERR(ent_hwrng_file)) {
		pr_err("cannot open " HWRNG_DEV ": %ld\n",
		       PTR_ERR(ent_hwrng_file));
		return PTR_ERR(ent_hwrng_file);
	}
	pr_info("reading %s, declared quality %u/1024, cap %u/1024\n",
		current_rng, declared, info.quality);

	ent_hwrng_src = ent_source_register(&info);
	if (IS_ERR(ent_hwrng_src)) {
		filp_close(ent_hwrng_file, NULL);
		return PTR_ERR(ent_hwrng_src);
	}
	return 0;
}

static void __exit ent_hwrng_exit(void)
{
	if (IS_ERR_OR_NULL(ent_hwrng_src))
		return;
	ent_source_unregister(ent_hwrng_src);
	filp_close(ent_hwrng_file, NULL);
}

module_init(ent_hwrng_init);
module_exit(ent_hwrng_exit);
MODULE_DESCRIPTION("Entropy source: the board's hw_random device");
MODULE_LICENSE("GPL");
