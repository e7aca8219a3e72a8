// SPDX-License-Identifier: GPL-2.0
/*
 * ent-cpu on x86: RDSEED, or RDRAND where RDSEED is missing.
 *
 * RDSEED returns conditioned output of the CPU's SP 800-90B entropy source
 * (an ENRNG in SP 800-90C terms): credited in full, as random.c does.
 * RDRAND returns the output of a CTR_DRBG that Intel documents reseeds at
 * least once per 1022 128-bit outputs, so 131072 output bits hold at least
 * 128 fresh bits: credited 1 bit per 1024. Both are health-tested as 8-bit
 * samples with H = 8: the tests look for broken output, not for the DRBG.
 */
#include <linux/err.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <asm/archrandom.h>
#include <asm/cpufeature.h>
#include "ent_cpu.h"

#define RDSEED_ATTEMPTS 100	/* RDSEED underflows under contention */

static char *insn = "auto";
module_param(insn, charp, 0444);
MODULE_PARM_DESC(insn, "auto (RDSEED, else RDRAND), rdseed or rdrand");

static bool ent_cpu_rdseed(unsigned long *v)
{
	return rdseed_long(v);
}

static bool ent_cpu_rdrand(unsigned long *v)
{
	return rdrand_long(v);	/* retries RDRAND_RETRY_LOOPS itself */
}

const char *ent_cpu_arch_probe(struct ent_source_info *info,
			       struct ent_cpu_words *w)
{
	bool has_seed = boot_cpu_has(X86_FEATURE_RDSEED);
	bool has_rand = boot_cpu_has(X86_FEATURE_RDRAND);

	if (!strcmp(insn, "auto")) {
		insn = has_seed ? "rdseed" : "rdrand";
	} else if (strcmp(insn, "rdseed") && strcmp(insn, "rdrand")) {
		pr_err("insn=%s is invalid: expected auto, rdseed or rdrand\n",
		       insn);
		return ERR_PTR(-EINVAL);
	}
	if (!strcmp(insn, "rdseed")) {
		if (!has_seed) {
			pr_err("this CPU has no RDSEED\n");
			return ERR_PTR(-ENODEV);
		}
		info->name = "cpu-rdseed";
		info->quality = 1024;
		w->insn = ent_cpu_rdseed;
		w->attempts = RDSEED_ATTEMPTS;
		return "RDSEED";
	}
	if (!has_rand) {
		pr_err("this CPU has neither RDSEED nor RDRAND\n");
		return ERR_PTR(-ENODEV);
	}
	info->name = "cpu-rdrand";
	info->quality = 1;
	w->insn = ent_cpu_rdrand;
	w->attempts = 1;
	return "RDRAND";
}
