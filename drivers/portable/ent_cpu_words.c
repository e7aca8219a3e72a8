// SPDX-License-Identifier: GPL-2.0
#include "ent_cpu_words.h"

static bool ent_cpu_word_bad(const struct ent_cpu_words *w, unsigned long v)
{
	return v == 0 || v == ~0UL || (w->have_last && v == w->last);
}

/*
 * Fills whole words into buf. Returns the bytes filled (short when the
 * instruction stays empty), or ENT_CPU_BAD_SHAPE as soon as one word has
 * a known failure shape: the caller must latch the source as failed.
 */
int ent_cpu_words_fill(struct ent_cpu_words *w, u8 *buf, size_t len)
{
	size_t done = 0;

	while (len - done >= sizeof(unsigned long)) {
		unsigned int tries = w->attempts ? w->attempts : 1;
		unsigned long v = 0;
		bool ok;

		do {
			ok = w->insn(&v);
		} while (!ok && --tries);
		if (!ok) {
			w->empty++;
			break;
		}
		if (ent_cpu_word_bad(w, v)) {
			w->bad_shape++;
			w->last = v;
			w->have_last = true;
			return ENT_CPU_BAD_SHAPE;
		}
		w->last = v;
		w->have_last = true;
		w->words++;
		memcpy(buf + done, &v, sizeof(v));
		done += sizeof(v);
	}
	return (int)done;
}
