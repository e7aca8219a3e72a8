// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "ent_test.h"
#include "vrng_proto.h"

static struct vrngif_request good_req(void)
{
	struct vrngif_request req = {
		.id = 7, .gref = 42, .offset = 0, .len = 4096,
	};

	return req;
}

ENT_TEST(proto_layout_is_abi_neutral)
{
	/* 16 octets, fields at the offsets of the header's diagrams */
	ENT_EXPECT_EQ(sizeof(struct vrngif_request), 16);
	ENT_EXPECT_EQ(sizeof(struct vrngif_response), 16);
	ENT_EXPECT_EQ(offsetof(struct vrngif_request, gref), 4);
	ENT_EXPECT_EQ(offsetof(struct vrngif_request, offset), 8);
	ENT_EXPECT_EQ(offsetof(struct vrngif_request, len), 10);
	ENT_EXPECT_EQ(offsetof(struct vrngif_response, len), 4);
	ENT_EXPECT_EQ(offsetof(struct vrngif_response, credited), 8);
}

ENT_TEST(proto_request_checks)
{
	struct vrngif_request req = good_req();

	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_OK);
	req.len = 0;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_BAD_LEN);
	req = good_req();
	ENT_EXPECT_EQ(vrng_req_check(&req, 1024), VRNG_BAD_LEN);
	req.len = 1;
	req.offset = 4095;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_OK);
	req.len = 2;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_BAD_RANGE);
	req = good_req();
	req.offset = 0xffff;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_BAD_RANGE);
	req = good_req();
	req.flags = 1;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_BAD_FLAGS);
	req = good_req();
	req.reserved = 1;
	ENT_EXPECT_EQ(vrng_req_check(&req, 4096), VRNG_BAD_RESERVED);
}

ENT_TEST(proto_response_is_built_whole)
{
	struct vrngif_response rsp;

	memset(&rsp, 0xaa, sizeof(rsp));
	vrng_rsp_build(&rsp, 3, VRNGIF_RSP_OKAY, 16, 0, 1000);
	ENT_EXPECT_EQ(rsp.id, 3);
	ENT_EXPECT_EQ(rsp.len, 16);
	ENT_EXPECT_EQ(rsp.credited, 128);	/* capped at 8 bits per byte */
	ENT_EXPECT_EQ(rsp.reserved, 0);
	vrng_rsp_build(&rsp, 4, VRNGIF_RSP_RETRY, 16, VRNGIF_HEALTH_UNSEEDED, 9);
	ENT_EXPECT_EQ(rsp.len, 0);
	ENT_EXPECT_EQ(rsp.credited, 0);
	ENT_EXPECT_EQ(rsp.health, VRNGIF_HEALTH_UNSEEDED);
}

ENT_TEST(proto_pending_ids_are_unique_and_bounded)
{
	struct vrng_pending *p = ENT_ALLOC(sizeof(*p));
	unsigned int i;
	int first;

	ENT_ASSERT(p);
	vrng_pending_init(p);
	first = vrng_pending_add(p, 64);
	ENT_EXPECT_EQ(first, 0);
	for (i = 1; i < VRNG_MAX_PENDING; i++)
		ENT_EXPECT_EQ(vrng_pending_add(p, 64), (int)i);
	ENT_EXPECT_EQ(vrng_pending_add(p, 64), -EBUSY);
}

ENT_TEST(proto_response_checks)
{
	struct vrng_pending *p = ENT_ALLOC(sizeof(*p));
	struct vrngif_response rsp;
	int id;

	ENT_ASSERT(p);
	vrng_pending_init(p);
	id = vrng_pending_add(p, 32);
	ENT_ASSERT(id >= 0);

	vrng_rsp_build(&rsp, (u16)(id + 1), VRNGIF_RSP_OKAY, 32, 0, 0);
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_ID);
	vrng_rsp_build(&rsp, (u16)id, VRNGIF_RSP_OKAY, 33, 0, 0);
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_LEN);
	vrng_rsp_build(&rsp, (u16)id, VRNGIF_RSP_OKAY, 32, 0, 0);
	rsp.credited = 257;
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_CREDIT);
	rsp.credited = 0;
	rsp.status = 5;
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_STATUS);
	rsp.status = VRNGIF_RSP_RETRY;
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_LEN);
	/* UNSEEDED comes with RETRY only; unknown health bits are ignored */
	vrng_rsp_build(&rsp, (u16)id, VRNGIF_RSP_OKAY, 32,
		       VRNGIF_HEALTH_UNSEEDED, 0);
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_HEALTH);
	ENT_EXPECT_EQ(p->count, 1);

	/* A valid response retires its id: the same answer twice is bad. */
	vrng_rsp_build(&rsp, (u16)id, VRNGIF_RSP_OKAY, 32, 0x8000, 256);
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_OK);
	ENT_EXPECT_EQ(p->count, 0);
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_ID);
	rsp.id = 0xffff;
	ENT_EXPECT_EQ(vrng_rsp_check(p, &rsp), VRNG_BAD_ID);
}

ENT_TEST(proto_parse_uint_is_strict)
{
	unsigned long v = 99;

	ENT_EXPECT_EQ(plat_parse_uint("4096", 4096, &v), 0);
	ENT_EXPECT_EQ(v, 4096);
	ENT_EXPECT_EQ(plat_parse_uint("007", 7, &v), 0);	/* leading zeros */
	ENT_EXPECT_EQ(v, 7);
	ENT_EXPECT_EQ(plat_parse_uint("0", 5, &v), 0);
	ENT_EXPECT_EQ(v, 0);
	ENT_EXPECT_EQ(plat_parse_uint("4097", 4096, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint("7", 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint("", 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint(NULL, 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint("-1", 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint(" 1", 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint("1x", 5, &v), -EINVAL);
	ENT_EXPECT_EQ(plat_parse_uint("99999999999999999999999", ~0UL, &v),
		      -EINVAL);
	ENT_EXPECT_EQ(v, 0);	/* untouched by the failures */
}

static ENT_CASES(vrng_proto) = {
	ENT_CASE(proto_layout_is_abi_neutral),
	ENT_CASE(proto_request_checks),
	ENT_CASE(proto_response_is_built_whole),
	ENT_CASE(proto_pending_ids_are_unique_and_bounded),
	ENT_CASE(proto_response_checks),
	ENT_CASE(proto_parse_uint_is_strict),
	ENT_CASES_END
};

ENT_SUITE(vrng_proto);
