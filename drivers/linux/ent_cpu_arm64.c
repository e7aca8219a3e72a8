// SPDX-License-Identifier: GPL-2.0
/*
 * ent-cpu on arm64: the FEAT_RNG RNDRRS instruction.
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
#include <linux/err.h>
#include <asm/archrandom.h>
#include <asm/cpufeature.h>
#include "ent_cpu.h"

#define RNDRRS_ATTEMPTS 10

static bool ent_cpu_rndrrs(unsigned long *v)
{
	return __arm64_rndrrs(v);
}

const char *ent_cpu_arch_probe(struct ent_source_info *info,
			       struct ent_cpu_words *w)
{
	if (!cpus_have_const_cap(ARM64_HAS_RNG)) {
		pr_err("this CPU has no FEAT_RNG (RNDR/RNDRRS)\n");
		return ERR_PTR(-ENODEV);
	}
	info->name = "cpu-rndrrs";
	info->quality = 512;
	w->insn = ent_cpu_rndrrs;
	w->attempts = RNDRRS_ATTEMPTS;
	return "RNDRRS";
}
