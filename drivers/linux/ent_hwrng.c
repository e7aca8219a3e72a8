// SPDX-License-Identifier: GPL-2.0
/*
 * ent-hwrng: the board's hw_random device (virtio-rng, bcm2835-rng,
 * sun8i-ce, TPM, arm_smccc_trng, ...).
 *
 * The hwrng core has no in-kernel read API and /dev/hwrng has no
 * read_iter, so kernel_read() cannot read it (fs/read_write.c refuses).
 * The bytes therefore travel through user space, moved by the real rngd:
 *	rngd --no-drng=1 --no-tpm=1 -r /dev/hwrng -o /dev/ent_hwrng
 * (rngd's own RDRAND and TPM sources off: their bytes would be credited
 * as the board's) while the credit stays decided here: every batch is
 * credited at most quality=, whatever rngd claims. The hwrng core
 * exports nothing that tells a module the current device's quality, so
 * the operator states it at load time, normally the device's own
 * declaration:
 *	modprobe ent-hwrng quality=$(cat /sys/class/misc/hw_random/rng_quality)
 * Loaded without quality=, the source mixes and never credits.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <ent/source.h>
#include "ent_source_param.h"

ENT_SOURCE_PARAMS("board hw_random");

static struct ent_pushdev *ent_hwrng_dev;

static int __init ent_hwrng_init(void)
{
	struct ent_source_info info = {
		.name = "hwrng",
		.h = 8,
		.quality = 1024,
	};
	int err;

	if (!enable)
		return ent_source_disabled();
	if (quality == -1) {
		pr_info("no quality= given: the board RNG's bytes are mixed, never credited; load with quality=<rng_quality of the device>\n");
		quality = 0;
	}
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;
	pr_info("credit cap %u/1024; feed it with: rngd --no-drng=1 --no-tpm=1 -r /dev/hwrng -o /dev/ent_hwrng\n",
		info.quality);

	ent_hwrng_dev = ent_pushdev_create(&info, "ent_hwrng", THIS_MODULE);
	return PTR_ERR_OR_ZERO(ent_hwrng_dev);
}

static void __exit ent_hwrng_exit(void)
{
	if (!IS_ERR_OR_NULL(ent_hwrng_dev))
		ent_pushdev_destroy(ent_hwrng_dev);
}

module_init(ent_hwrng_init);
module_exit(ent_hwrng_exit);
MODULE_DESCRIPTION("Entropy source: the board's hw_random device, fed by rngd");
MODULE_LICENSE("GPL");
