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
#define ENT_FAIL(fmt, ...) KUNIT_FAIL(test, fmt, __VA_ARGS__)
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

#else
#include "ent_test_user.h"
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
