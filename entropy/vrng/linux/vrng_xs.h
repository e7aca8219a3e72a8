/* SPDX-License-Identifier: GPL-2.0 */
/* Xenstore reads shared by the vrng backend and frontend modules. */
#ifndef VRNG_XS_H
#define VRNG_XS_H

int vrng_xs_read_uint(const char *dir, const char *key, unsigned long max,
		      unsigned long *val);

#endif
