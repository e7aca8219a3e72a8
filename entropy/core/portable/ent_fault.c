// SPDX-License-Identifier: GPL-2.0
#include "ent_fault.h"

void ent_fault_apply(enum ent_fault fault, u8 *out, const u8 *in, size_t n,
		     u32 *phase)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u8 own = in[i] == ENT_FAULT_BIAS_VALUE ? 0x55 : in[i];

		switch (fault) {
		case ENT_FAULT_STUCK:
			out[i] = 0;
			break;
		case ENT_FAULT_BIASED:
			out[i] = (*phase)++ % ENT_FAULT_BIAS_PERIOD ?
				 ENT_FAULT_BIAS_VALUE : own;
			break;
		case ENT_FAULT_NONE:
			out[i] = in[i];
			break;
		}
	}
}

const char *ent_fault_name(enum ent_fault fault)
{
	switch (fault) {
	case ENT_FAULT_NONE:
		return "none";
	case ENT_FAULT_STUCK:
		return "stuck";
	case ENT_FAULT_BIASED:
		return "biased";
	}
	return "unknown";
}
