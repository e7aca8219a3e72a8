/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the fuzz harnesses share: the platform shim (hosted), an assert
 * that stays in optimised builds and says where it failed.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include "platform/platform.h"

#define FUZZ_ASSERT(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#endif
