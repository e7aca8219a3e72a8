// SPDX-License-Identifier: GPL-2.0
/*
 * ent-jitter: CPU timing jitter for boards without a hardware RNG
 * (Allwinner A10/A20), through the kernel's own jitterentropy_rng and the
 * crypto RNG API: no home-made jitter collector. Its output has passed
 * jent's own SP 800-90B health tests and conditioning; it is credited in
 * full, as crypto/drbg.c credits it when seeding, and tested again here.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <crypto/rng.h>
#include <ent/source.h>
#include "ent_source_param.h"

#define JITTER_BATCH 32		/* jent is slow: keep each pull short */

ENT_SOURCE_PARAMS("jitterentropy");

static struct ent_source *ent_jitter_src;
static struct crypto_rng *ent_jitter_rng;

static int ent_jitter_read(struct ent_source *src, u8 *buf, size_t len,
			   unsigned int *quality)
{
	int err;

	len = min_t(size_t, len, JITTER_BATCH);
	err = crypto_rng_get_bytes(ent_jitter_rng, buf, len);
	return err ? err : (int)len;
}

static int __init ent_jitter_init(void)
{
	struct ent_source_info info = {
		.name = "jitter",
		.h = 8,
		.quality = 1024,
		.read = ent_jitter_read,
	};
	int err;

	if (!enable)
		return ent_source_disabled();
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;

	ent_jitter_rng = crypto_alloc_rng("jitterentropy_rng", 0, 0);
	if (IS_ERR(ent_jitter_rng)) {
		pr_err("jitterentropy_rng is unavailable (%ld): it needs the jitterentropy_rng and sha3_generic modules\n",
		       PTR_ERR(ent_jitter_rng));
		return PTR_ERR(ent_jitter_rng);
	}
	ent_jitter_src = ent_source_register(&info);
	if (IS_ERR(ent_jitter_src)) {
		crypto_free_rng(ent_jitter_rng);
		return PTR_ERR(ent_jitter_src);
	}
	return 0;
}

static void __exit ent_jitter_exit(void)
{
	if (IS_ERR_OR_NULL(ent_jitter_src))
		return;
	ent_source_unregister(ent_jitter_src);
	crypto_free_rng(ent_jitter_rng);
}

module_init(ent_jitter_init);
module_exit(ent_jitter_exit);
MODULE_DESCRIPTION("Entropy source: kernel jitterentropy_rng");
MODULE_LICENSE("GPL");
MODULE_SOFTDEP("pre: jitterentropy_rng");
