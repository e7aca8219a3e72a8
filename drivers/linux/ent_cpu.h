/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ent-cpu's architecture hook: each architecture's file picks its
 * instruction and what one word of it is credited (ent_cpu_x86.c,
 * ent_cpu_arm64.c); ent_cpu.c is the module around it.
 */
#ifndef ENT_CPU_H
#define ENT_CPU_H

#include <ent/source.h>
#include "ent_cpu_words.h"

/*
 * Sets info's name and maximum quality and w's instruction and retries;
 * returns the instruction's name, or an ERR_PTR with the reason logged.
 */
const char *ent_cpu_arch_probe(struct ent_source_info *info,
			       struct ent_cpu_words *w);

#endif
