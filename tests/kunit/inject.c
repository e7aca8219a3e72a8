// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's own check: booted with ent_kunit.inject_fail=1 (set by
 * ENT_INJECT_FAIL=kunit) this suite fails, and the kunit layer must fail.
 */
#include <kunit/test.h>
#include <linux/moduleparam.h>

static bool inject_fail;
module_param(inject_fail, bool, 0444);

static void harness_injected_failure(struct kunit *test)
{
	KUNIT_EXPECT_FALSE_MSG(test, inject_fail,
			       "failure injected by ENT_INJECT_FAIL=kunit");
}

static struct kunit_case ent_harness_cases[] = {
	KUNIT_CASE(harness_injected_failure),
	{}
};

static struct kunit_suite ent_harness_suite = {
	.name = "ent_harness",
	.test_cases = ent_harness_cases,
};

kunit_test_suite(ent_harness_suite);
