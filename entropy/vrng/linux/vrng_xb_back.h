/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The backend half of vrngif.h's state table (entropy/vrng/portable/
 * vrng_states.c) driven on xenbus: shared by xen-vrngback and the
 * test-only hostile backend, which must shake hands exactly alike.
 */
#ifndef VRNG_XB_BACK_H
#define VRNG_XB_BACK_H

#include <xen/xenbus.h>

struct vrng_xb_back_ops {
	/* maps the ring, binds the event channel, says Connected; 0 or -errno */
	int (*connect)(struct xenbus_device *dev);
	/* undoes connect, whatever part of it was done */
	void (*disconnect)(struct xenbus_device *dev);
};

void vrng_xb_back_changed(struct xenbus_device *dev,
			  enum xenbus_state frontend_state,
			  const struct vrng_xb_back_ops *ops);

#endif
