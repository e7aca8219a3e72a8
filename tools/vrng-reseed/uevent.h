/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's uevent messages, read apart from the socket to be fuzzed. */
#ifndef UEVENT_H
#define UEVENT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is this uevent ("ACTION@DEVPATH" then NUL-separated KEY=VALUE strings,
 * len bytes, not necessarily NUL-terminated) xen-vrngfront's report of a
 * restore (ACTION=change, VRNG_EVENT=resumed)?
 */
bool uevent_is_resume(const char *buf, size_t len);

#endif
