// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The fuzz layer's proof that it catches: a harness with a planted
 * out-of-bounds read behind a three-byte key, which libFuzzer's compare
 * tracing finds in seconds. Built and run only with ENT_INJECT_FAIL=fuzz.
 */
#include <stdlib.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	volatile u8 sink;
	u8 *copy;

	if (size < 4 || memcmp(data, "ENT", 3))
		return 0;
	copy = malloc(size);
	memcpy(copy, data, size);
	sink = copy[size + data[3] % 8];	/* the planted bug */
	(void)sink;
	free(copy);
	return 0;
}
