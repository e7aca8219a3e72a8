// SPDX-License-Identifier: GPL-2.0
/*
 * ent-cpu (x86): RDSEED, or RDRAND where RDSEED is missing.
 *
 * RDSEED returns conditioned output of the CPU's SP 800-90B entropy source
 * (an ENRNG in SP 800-90C terms): credited in full, as random.c does.
 * RDRAND returns the output of a CTR_DRBG that Intel documents reseeds at
 * least once per 1022 128-bit outputs, so 131072 output bits hold at least
 * 128 fresh bits: credited 1 bit per 1024. Both are health-tested as 8-bit
 * samples with H = 8: the tests look for broken output, not for the DRBG.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/string.h>
#include <asm/archrandom.h>
#include <asm/cpufeature.h>
#include <ent/source.h>
#include "ent_cpu_words.h"
#include "ent_source_param.h"

#define RDSEED_ATTEMPTS 100	/* RDSEED underflows under contention */

ENT_SOURCE_PARAMS("CPU RDSEED/RDRAND");
static char *insn = "auto";
module_param(insn, charp, 0444);
MODULE_PARM_DESC(insn, "auto (RDSEED, else RDRAND), rdseed or rdrand");

static struct ent_source *ent_cpu_src;
static struct ent_cpu_words ent_cpu_words;

static bool ent_cpu_rdseed(unsigned long *v)
{
	return rdseed_long(v);
}

static bool ent_cpu_rdrand(unsigned long *v)
{
	return rdrand_long(v);	/* retries RDRAND_RETRY_LOOPS itself */
}

static int ent_cpu_read(struct ent_source *src, u8 *buf, size_t len,
			unsigned int *quality)
{
	int n = ent_cpu_words_fill(&ent_cpu_words, buf, len);

	if (n == ENT_CPU_BAD_SHAPE) {
		pr_warn_ratelimited("%s returned a known-bad word (all zeros, all ones or repeated)\n",
				    insn);
		ent_source_fail(src);
	}
	return n;
}

static int __init ent_cpu_init(void)
{
	bool has_seed = boot_cpu_has(X86_FEATURE_RDSEED);
	bool has_rand = boot_cpu_has(X86_FEATURE_RDRAND);
	struct ent_source_info info = { .h = 8, .read = ent_cpu_read };
	int err;

	if (!enable)
		return ent_source_disabled();
	if (!strcmp(insn, "auto")) {
		insn = has_seed ? "rdseed" : "rdrand";
	} else if (strcmp(insn, "rdseed") && strcmp(insn, "rdrand")) {
		pr_err("insn=%s is invalid: expected auto, rdseed or rdrand\n",
		       insn);
		return -EINVAL;
	}
	if (!strcmp(insn, "rdseed")) {
		if (!has_seed) {
			pr_err("this CPU has no RDSEED\n");
			return -ENODEV;
		}
		info.name = "cpu-rdseed";
		info.quality = 1024;
		ent_cpu_words.insn = ent_cpu_rdseed;
		ent_cpu_words.attempts = RDSEED_ATTEMPTS;
	} else {
		if (!has_rand) {
			pr_err("this CPU has neither RDSEED nor RDRAND\n");
			return -ENODEV;
		}
		info.name = "cpu-rdrand";
		info.quality = 1;
		ent_cpu_words.insn = ent_cpu_rdrand;
		ent_cpu_words.attempts = 1;
	}
	err = ent_source_apply_quality(&info, quality);
	if (err)
		return err;

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
MODULE_DESCRIPTION("Entropy source: x86 RDSEED/RDRAND");
MODULE_LICENSE("GPL");
