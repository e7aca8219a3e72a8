// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unikernel's network stack (unikernel/inet.c) on any frame: the
 * frame is copied to a buffer of its exact length (ASan sees any read
 * past it), the answer never exceeds its buffer, and an answer is a
 * frame from us (our MAC as its source) to the asker.
 */
#include <stdlib.h>
#include "fuzz.h"
#include "inet.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 mac[6] = { 0x00, 0x16, 0x3e, 0x00, 0x99, 0x50 };
	struct uk_inet n = { .ip = { 10, 99, 0, 50 } };
	u8 out[UK_INET_FRAME_MAX];
	size_t cap, len;
	u8 *frame;

	if (!size)
		return 0;
	/* the first byte: a short answer buffer (top bit) and the sum mode */
	cap = data[0] & 0x80 ? 60 + (data[0] & 0x7eU) * 11 : UK_INET_FRAME_MAX;
	n.udp_sum_partial = data[0] & 1;
	memcpy(n.mac, mac, 6);
	frame = malloc(size - 1 ? size - 1 : 1);
	memcpy(frame, data + 1, size - 1);
	len = uk_inet_answer(&n, frame, size - 1, out, cap);
	FUZZ_ASSERT(len <= cap);
	FUZZ_ASSERT(!len || (len >= 60 && !memcmp(out + 6, mac, 6) &&
			     !memcmp(out, frame + 6, 6)));
	free(frame);
	return 0;
}
