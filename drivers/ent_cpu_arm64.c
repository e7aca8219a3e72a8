// SPDX-License-Identifier: GPL-2.0
/*
 * ent-cpu (arm64): the FEAT_RNG RNDRRS instruction.
 *
 * RNDRRS returns the output of a DRBG that is reseeded from the CPU's
 * true random number source before every read. The kernel itself says it
 * "is not backed by an entropy source but by a DRBG" and uses it for seeds
 * only as a last resort, and the architecture does not state how much
 * entropy a reseed carries. We credit half a bit per bit, a margin for
 * that unknown; lower it with quality=. RNDR (reseeded at an
 * implementation-defined rate) is not used: nothing bounds its credit.
 * The SMCCC TRNG, where firmware has it, reaches the core through the
 * kernel's arm_smccc_trng hwrng driver and ent-hwrng.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <asm/archrandom.h>
#include <asm/cpufeature.h>
#include <ent/source.h>
#include "ent_cpu_words.h"
#include "ent_source_param.h"

#define RNDRRS_ATTEMPTS 10

ENT_SOURCE_PARAMS("CPU RNDRRS");

static struct ent_source *ent_cpu_src;
static struct ent_cpu_words ent_cpu_words;

static bool ent_cpu_rndrrs(unsigned long *v)
{
	return __arm64_rndrrs(v);
}

static int ent_cpu_read(struct ent_source *src, u8 *buf, size_t len,
			unsigned int *quality)
{
	int n = ent_cpu_words_fill(&ent_cpu_words, buf, len);

	if (n == ENT_CPU_BAD_SHAPE) {
		pr_warn_ratelimited("RNDRRS returned a known-bad word (all zeros, all ones or repeated)\n");
		ent_source_fail(src);
	}
	return n;
}

static int __init ent_cpu_init(void)
{
	struct ent_source_info info = {
		.name = "cpu-rndrrs",
		.h = 8,
		.quality = 512,
		.read = ent_cpu_read,
	};
	int err;

	if (!enable)
		return ent_source_disabled();
	if (!cpus_have_const_cap(ARM64_HAS_RNG)) {
		pr_err("this CPU has no FEAT_RNG (RNDR/RNDRRS)\n");
		return -ENODEV;
	}
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;
	ent_cpu_words.insn = ent_cpu_rndrrs;
	ent_cpu_words.attempts = RNDRRS_ATTEMPTS;

	ent_cpu_src = ent_source_register(&info);
	return PTR_ERR_OR_ZERO(ent_cpu_src);
}

static void __exit ent_cpu_exit(void)
{
	if (!IS_ERR_OR_NULL(ent_cpu_src))
		ent_source_unregister(ent_cpu_src);
}

module_init(ent_cpu_init);
module_exit(ent_cpu_exit);
MODULE_DESCRIPTION("Entropy source: arm64 RNDRRS");
MODULE_LICENSE("GPL");
