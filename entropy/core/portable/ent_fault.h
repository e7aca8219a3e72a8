/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Faults the tests of this project inject into a source's samples before
 * the health tests (debugfs sources/<name>/inject_*): stuck, every sample
 * zero, for the repetition-count test; biased, four samples in five one
 * value and the fifth the source's own (never that value), so no run is
 * longer than four and only the adaptive-proportion test can catch it.
 */
#ifndef ENT_FAULT_H
#define ENT_FAULT_H

#include <platform/platform.h>

enum ent_fault {
	ENT_FAULT_NONE,
	ENT_FAULT_STUCK,
	ENT_FAULT_BIASED,
};

#define ENT_FAULT_BIAS_VALUE 0xaa
#define ENT_FAULT_BIAS_PERIOD 5	/* 512 mod 5 != 0: windows see every phase */

/*
 * Writes n faulty samples made from in[] to out[]; *phase carries the
 * biased pattern's position from call to call.
 */
void ent_fault_apply(enum ent_fault fault, u8 *out, const u8 *in, size_t n,
		     u32 *phase);
const char *ent_fault_name(enum ent_fault fault);

#endif
