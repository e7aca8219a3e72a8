// SPDX-License-Identifier: GPL-2.0
/*
 * ent-test-bugs: a test-only module that plants the bugs the debug
 * kernel must catch, to prove that the test bed sees them (tests/harness):
 *   uaf=1    reads a byte of a freed allocation (KASAN, or KFENCE when
 *            the allocation is one of its samples: several are tried)
 *   leak=1   allocates and forgets 64 objects (kmemleak)
 * Loaded with neither it does nothing. Never part of a product build.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

static bool uaf;
module_param(uaf, bool, 0444);
MODULE_PARM_DESC(uaf, "plant a use-after-free at load");
static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "plant a leak at load");

#define ENT_TEST_BUGS_OBJECTS 64

/* The read a compiler may not drop: the planted bug must happen. */
static noinline u8 ent_test_bugs_read(const u8 *p)
{
	return READ_ONCE(*p);
}

static void ent_test_bugs_uaf(void)
{
	unsigned int i;
	u8 sum = 0;

	/* KFENCE samples one allocation per interval: try for a second. */
	for (i = 0; i < 20; i++) {
		u8 *p = kmalloc(32, GFP_KERNEL);

		if (!p)
			return;
		kfree(p);
		sum += ent_test_bugs_read(p + 8);
		msleep(50);
	}
	pr_info("planted use-after-free reads done (%u)\n", sum);
}

static void ent_test_bugs_leak(void)
{
	unsigned int i;

	for (i = 0; i < ENT_TEST_BUGS_OBJECTS; i++)
		if (!kmalloc(256, GFP_KERNEL))
			break;
	pr_info("planted a leak of %u objects\n", i);
}

static int __init ent_test_bugs_init(void)
{
	if (uaf)
		ent_test_bugs_uaf();
	if (leak)
		ent_test_bugs_leak();
	return 0;
}

static void __exit ent_test_bugs_exit(void)
{
}

module_init(ent_test_bugs_init);
module_exit(ent_test_bugs_exit);
MODULE_DESCRIPTION("Test only: plants a use-after-free and a leak for the debug kernel to catch");
MODULE_LICENSE("GPL");
