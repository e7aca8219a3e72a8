// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "uevent.h"

bool uevent_is_resume(const char *buf, size_t len)
{
	bool change = false, resumed = false;
	size_t i = strnlen(buf, len) + 1;

	while (i < len) {
		const char *kv = buf + i;
		size_t n = strnlen(kv, len - i);

		if (n == 13 && !memcmp(kv, "ACTION=change", 13))
			change = true;
		if (n == 18 && !memcmp(kv, "VRNG_EVENT=resumed", 18))
			resumed = true;
		i += n + 1;
	}
	return change && resumed;
}
