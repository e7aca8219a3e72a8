/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One test body, two runners: in the kernel each case is a KUnit case; in
 * user space tests/unit/runner.c runs the same cases and prints TAP. A
 * suite registers itself in both (KUnit's section, or ent_suites here):
 * a new test file is picked up by both builds without another edit.
 */
#ifndef ENT_TEST_H
#define ENT_TEST_H

#include <platform/platform.h>

#ifdef __KERNEL__
#include <kunit/test.h>

#define ENT_TEST(fn) static void fn(struct kunit *test)
#define ENT_TEST_CTX_ARG struct kunit *test
#define ENT_EXPECT(cond) KUNIT_EXPECT_TRUE(test, cond)
#define ENT_EXPECT_EQ(a, b) KUNIT_EXPECT_EQ(test, a, b)
#define ENT_EXPECT_MEMEQ(a, b, n) KUNIT_EXPECT_EQ(test, memcmp(a, b, n), 0)
#define ENT_ASSERT(cond) KUNIT_ASSERT_TRUE(test, cond)
#define ENT_ALLOC(n) kunit_kzalloc(test, n, GFP_KERNEL)

#define ENT_CASES(sname) struct kunit_case sname##_cases[]
#define ENT_CASE(fn) KUNIT_CASE(fn)
#define ENT_CASES_END {}
#define ENT_SUITE(sname)						\
	static struct kunit_suite sname##_suite = {			\
		.name = #sname,						\
		.test_cases = sname##_cases,				\
	};								\
	kunit_test_suite(sname##_suite)

#else /* user space */
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
#define ENT_SUITE(sname)						\
	static const struct ent_suite sname##_suite = {			\
		#sname, sname##_cases					\
	};								\
	static const struct ent_suite *const sname##_suite_ref		\
	__attribute__((used, section("ent_suites"))) = &sname##_suite

/* The linker's bounds of the ent_suites section. */
extern const struct ent_suite *const __start_ent_suites[];
extern const struct ent_suite *const __stop_ent_suites[];
#endif

/* Deterministic stand-in for good random input (splitmix64). */
static inline u64 ent_test_rand(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void ent_test_fill(u64 *s, u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(ent_test_rand(s) >> 56);
}

#endif
