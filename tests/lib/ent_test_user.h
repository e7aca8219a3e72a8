/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ent_test.h's user-space half: the cases run by tests/unit/runner.c.
 * Not kernel code (no lint by checkpatch): C's attributes by their names.
 */
#ifndef ENT_TEST_USER_H
#define ENT_TEST_USER_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

struct ent_tctx {
	int failed;
	jmp_buf abort;		/* a failed ENT_ASSERT ends the case here */
};

struct ent_case {
	const char *name;
	void (*fn)(struct ent_tctx *test);
};

struct ent_suite {
	const char *name;
	const struct ent_case *cases;
};

#define ENT_TEST(fn) static void fn(struct ent_tctx *test)
#define ENT_TEST_CTX_ARG struct ent_tctx *test
#define ENT_FAIL(fmt, ...)						\
	do {								\
		test->failed++;						\
		printf("    # %s:%d: " fmt "\n", __FILE__, __LINE__,	\
		       __VA_ARGS__);					\
	} while (0)
#define ENT_EXPECT(cond)						\
	do {								\
		if (!(cond))						\
			ENT_FAIL("expected %s", #cond);			\
	} while (0)
#define ENT_EXPECT_EQ(a, b)						\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b)						\
			ENT_FAIL("%s == %s: %lld != %lld", #a, #b, _a, _b); \
	} while (0)
#define ENT_EXPECT_MEMEQ(a, b, n) ENT_EXPECT(memcmp(a, b, n) == 0)
#define ENT_ASSERT(cond)						\
	do {								\
		if (!(cond)) {						\
			ENT_FAIL("assertion %s", #cond);		\
			longjmp(test->abort, 1);			\
		}							\
	} while (0)
/* Freed at process exit: the runner is short-lived, LSan is told so. */
#define ENT_ALLOC(n) ent_test_alloc(n)
void *ent_test_alloc(size_t n);

#define ENT_CASES(sname) const struct ent_case sname##_cases[]
#define ENT_CASE(fn) { #fn, fn }
#define ENT_CASES_END { NULL, NULL }
#define ENT_SUITE_SECTION __attribute__((used, section("ent_suites")))
#define ENT_SUITE(sname)						\
	static const struct ent_suite sname##_suite = {			\
		#sname, sname##_cases					\
	};								\
	static const struct ent_suite *const sname##_suite_ref		\
	ENT_SUITE_SECTION = &sname##_suite

/* The linker's bounds of the ent_suites section. */
extern const struct ent_suite *const __start_ent_suites[];
extern const struct ent_suite *const __stop_ent_suites[];

#endif
