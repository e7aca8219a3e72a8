// SPDX-License-Identifier: GPL-2.0 OR MIT
#include <platform/platform.h>
#include "xnf_bad.h"

const char *xnf_bad_name(enum xnf_bad why)
{
	static const char *const names[] = {
		[XNF_OK] = "none",
		[XNF_BAD_PROD] = "more responses than requests",
		[XNF_BAD_ID] = "response to no request in flight",
		[XNF_BAD_STATUS] = "undefined status",
		[XNF_BAD_RANGE] = "data beyond the page",
		[XNF_BAD_SLOTS] = "packet of too many slots",
		[XNF_BAD_EXTRA] = "unexpected extra info",
		[XNF_BAD_FLAGS] = "flag not negotiated",
		[XNF_BAD_MAPPED] = "page still mapped after its answer",
	};

	if ((unsigned int)why >= ARRAY_SIZE(names) || !names[why])
		return "unknown";
	return names[why];
}
