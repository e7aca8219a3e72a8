// SPDX-License-Identifier: GPL-2.0
/* The CPU word loop, with the instruction's results injected. */
#include "ent_test.h"
#include "ent_cpu_words.h"

static const unsigned long *script;
static unsigned int script_len, script_pos;
static unsigned int empty_before;	/* attempts that report no data */

static bool scripted_insn(unsigned long *v)
{
	if (empty_before) {
		empty_before--;
		return false;
	}
	if (script_pos == script_len)
		return false;
	*v = script[script_pos++];
	return true;
}

static void run_script(const unsigned long *words, unsigned int n,
		       unsigned int empty)
{
	script = words;
	script_len = n;
	script_pos = 0;
	empty_before = empty;
}

ENT_TEST(cpu_words_good_words_pass)
{
	static const unsigned long words[] = { 0x1234, 0x5678, 0x9abc };
	struct ent_cpu_words w = { .insn = scripted_insn, .attempts = 3 };
	u8 buf[3 * sizeof(unsigned long)];

	run_script(words, 3, 2);	/* two empty attempts are retried */
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)), sizeof(buf));
	ENT_EXPECT_MEMEQ(buf, words, sizeof(buf));
	ENT_EXPECT_EQ(w.words, 3);
}

ENT_TEST(cpu_words_retries_are_bounded)
{
	static const unsigned long words[] = { 0x1234 };
	struct ent_cpu_words w = { .insn = scripted_insn, .attempts = 3 };
	u8 buf[2 * sizeof(unsigned long)];

	run_script(words, 1, 3);	/* three empty attempts: give up */
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)), 0);
	ENT_EXPECT_EQ(w.empty, 1);
	run_script(words, 1, 0);	/* one word, then empty for good */
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)),
		      sizeof(unsigned long));
}

ENT_TEST(cpu_words_reject_known_bad_shapes)
{
	static const unsigned long zeros[] = { 0 };
	static const unsigned long ones[] = { ~0UL };
	static const unsigned long repeat[] = { 0x4242, 0x4242 };
	struct ent_cpu_words w = { .insn = scripted_insn, .attempts = 1 };
	u8 buf[2 * sizeof(unsigned long)];

	run_script(zeros, 1, 0);
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)),
		      ENT_CPU_BAD_SHAPE);
	run_script(ones, 1, 0);
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)),
		      ENT_CPU_BAD_SHAPE);
	w.have_last = false;
	run_script(repeat, 2, 0);
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)),
		      ENT_CPU_BAD_SHAPE);
	ENT_EXPECT_EQ(w.bad_shape, 3);
}

ENT_TEST(cpu_words_repeat_across_calls)
{
	static const unsigned long words[] = { 0x77, 0x77 };
	struct ent_cpu_words w = { .insn = scripted_insn, .attempts = 1 };
	u8 buf[sizeof(unsigned long)];

	run_script(words, 2, 0);
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)), sizeof(buf));
	ENT_EXPECT_EQ(ent_cpu_words_fill(&w, buf, sizeof(buf)),
		      ENT_CPU_BAD_SHAPE);
}

static ENT_CASES(ent_cpu_words) = {
	ENT_CASE(cpu_words_good_words_pass),
	ENT_CASE(cpu_words_retries_are_bounded),
	ENT_CASE(cpu_words_reject_known_bad_shapes),
	ENT_CASE(cpu_words_repeat_across_calls),
	ENT_CASES_END
};

ENT_SUITE(ent_cpu_words);
