// SPDX-License-Identifier: GPL-2.0
/*
 * ent-cpu: the CPU's random-number instruction as a source, pulled by the
 * core. Which instruction, and its credit, is the architecture's choice
 * (ent_cpu_arch_probe); every word passes ent_cpu_words' shape checks,
 * and a known-bad word latches the source as failed.
 */
#include <linux/err.h>
#include <linux/module.h>
#include "ent_cpu.h"
#include "ent_source_param.h"

ENT_SOURCE_PARAMS("CPU instruction");

static struct ent_source *ent_cpu_src;
static struct ent_cpu_words ent_cpu_words;
static const char *ent_cpu_insn;

static int ent_cpu_read(struct ent_source *src, u8 *buf, size_t len,
			unsigned int *quality)
{
	int n = ent_cpu_words_fill(&ent_cpu_words, buf, len);

	if (n == ENT_CPU_BAD_SHAPE) {
		pr_warn_ratelimited("%s returned a known-bad word (all zeros, all ones or repeated)\n",
				    ent_cpu_insn);
		ent_source_fail(src);
	}
	return n;
}

static int __init ent_cpu_init(void)
{
	struct ent_source_info info = { .h = 8, .read = ent_cpu_read };
	int err;

	if (!enable)
		return ent_source_disabled();
	ent_cpu_insn = ent_cpu_arch_probe(&info, &ent_cpu_words);
	if (IS_ERR(ent_cpu_insn))
		return PTR_ERR(ent_cpu_insn);
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
MODULE_DESCRIPTION("Entropy source: the CPU's random-number instruction (x86 RDSEED/RDRAND, arm64 RNDRRS)");
MODULE_LICENSE("GPL");
