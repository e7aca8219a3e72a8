/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turns a CPU random-number instruction into raw bytes: bounded retries
 * when the instruction reports no data (carry clear on x86, NZCV on arm64),
 * and rejection of the failure shapes CPUs have shipped: all zeros, all
 * ones (AMD RDRAND after resume, mirage-crypto#17), the same word twice.
 * Portable: the instruction is a callback, so tests inject its results.
 */
#ifndef ENT_CPU_WORDS_H
#define ENT_CPU_WORDS_H

#include <platform/platform.h>

struct ent_cpu_words {
	bool (*insn)(unsigned long *v);	/* false: no data this attempt */
	unsigned int attempts;		/* per word, at least 1 */
	unsigned long last;
	bool have_last;
	u64 words;
	u64 empty;			/* words given up after attempts */
	u64 bad_shape;
};

#define ENT_CPU_BAD_SHAPE (-EIO)

int ent_cpu_words_fill(struct ent_cpu_words *w, u8 *buf, size_t len);

#endif
