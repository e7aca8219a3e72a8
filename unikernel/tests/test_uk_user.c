// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unikernel's pieces that need no hypervisor, in user space: its
 * ChaCha20 against RFC 8439's vectors, its printf's formats and cuts.
 * (What needs Xen is the Xen layer's uk-boot and uk-seed.) User space
 * only.
 */
#include "ent_test.h"
#include "uk.h"

/* print.c's console, here a buffer the tests read */
static char uk_test_console[512];
static size_t uk_test_console_len;

void uk_console_write(const char *s, size_t len)
{
	size_t room = sizeof(uk_test_console) - 1 - uk_test_console_len;

	if (len > room)
		len = room;
	memcpy(uk_test_console + uk_test_console_len, s, len);
	uk_test_console_len += len;
	uk_test_console[uk_test_console_len] = '\0';
}

/* RFC 8439 2.3.2: the whole block, and the same key at counter 0 */
ENT_TEST(uk_chacha20_rfc8439_block)
{
	static const u8 nonce[12] = { 0, 0, 0, 0x09, 0, 0, 0, 0x4a };
	static const u8 want[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	u8 key[32], out[64], other[64];
	unsigned int i;

	for (i = 0; i < 32; i++)
		key[i] = (u8)i;
	uk_chacha20_block(key, 1, nonce, out);
	ENT_EXPECT_MEMEQ(out, want, sizeof(want));
	ENT_EXPECT(uk_chacha20_selftest());
	uk_chacha20_block(key, 0, nonce, other);
	ENT_EXPECT(memcmp(out, other, sizeof(out)));
}

ENT_TEST(uk_printf_formats)
{
	static const char want[] =
		"ab|z|-42|0|4000000000|beef|07|   12|18446744073709551615|-9223372036854775808|%";
	char buf[128];
	int n;

	n = uk_snprintf(buf, sizeof(buf), "%s|%c|%d|%d|%u|%x|%02x|%5u|%lu|%ld|%%",
			"ab", 'z', -42, 0, 4000000000U, 0xbeefU, 7U, 12U,
			18446744073709551615UL, -9223372036854775807L - 1);
	ENT_EXPECT(!strcmp(buf, want));
	ENT_EXPECT_EQ(n, (int)strlen(buf));
	uk_snprintf(buf, sizeof(buf), "%p %s", (void *)0x1000, (const char *)NULL);
	ENT_EXPECT(!strcmp(buf, "0x1000 "));
}

ENT_TEST(uk_printf_cuts_and_terminates)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = uk_snprintf(buf, sizeof(buf), "%s", "0123456789");
	ENT_EXPECT_EQ(n, 10);			/* what it would have written */
	ENT_EXPECT(!strcmp(buf, "0123456"));	/* cut, terminated */
	ENT_EXPECT_EQ(uk_snprintf(buf, 0, "abc"), 3);
	ENT_EXPECT_EQ(buf[0], '0');		/* size 0: nothing written */

	uk_test_console_len = 0;
	uk_printf("xenrng-uk: %d\n", 5);
	ENT_EXPECT(!strcmp(uk_test_console, "xenrng-uk: 5\n"));
}

static ENT_CASES(uk_user) = {
	ENT_CASE(uk_chacha20_rfc8439_block),
	ENT_CASE(uk_printf_formats),
	ENT_CASE(uk_printf_cuts_and_terminates),
	ENT_CASES_END
};

ENT_SUITE(uk_user);
