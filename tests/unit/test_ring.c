// SPDX-License-Identifier: GPL-2.0
/*
 * The protocol header with Xen's own io/ring.h (libxen-dev): it compiles
 * as a unikernel or a tool would include it, and one page holds a ring
 * of 128 requests, as Documentation/vrng-protocol.rst says.
 */
#include "../../entropy/core/tests/ent_test.h"
#include <xen-io/vrngif.h>

ENT_TEST(ring_one_page_holds_128)
{
	ENT_EXPECT_EQ(__CONST_RING_SIZE(vrngif, 4096), 128);
	ENT_EXPECT_EQ(sizeof(union vrngif_sring_entry), 16);
}

static ENT_CASES(vrng_ring) = {
	ENT_CASE(ring_one_page_holds_128),
	ENT_CASES_END
};

ENT_SUITE(vrng_ring);
