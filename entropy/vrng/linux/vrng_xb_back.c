// SPDX-License-Identifier: GPL-2.0
#include "vrng_states.h"
#include "vrng_xb_back.h"

/*
 * Steps the table for the frontend's new state, and again after each of
 * our own writes (at most four: the table's longest chain).
 */
void vrng_xb_back_changed(struct xenbus_device *dev,
			  enum xenbus_state frontend_state,
			  const struct vrng_xb_back_ops *ops)
{
	enum vrng_xb next;
	int steps;

	for (steps = 0; steps < 4; steps++) {
		switch (vrng_back_step(vrng_xb_from(dev->state),
				       vrng_xb_from(frontend_state),
				       xenbus_dev_is_online(dev), &next)) {
		case VRNG_BACK_NOTHING:
			return;
		case VRNG_BACK_CONNECT:
			if (ops->connect(dev)) {
				xenbus_switch_state(dev, XenbusStateClosing);
				return;
			}
			break;
		case VRNG_BACK_DISCONNECT:
			ops->disconnect(dev);
			xenbus_switch_state(dev, (enum xenbus_state)next);
			break;
		case VRNG_BACK_RELEASE:
			ops->disconnect(dev);
			xenbus_switch_state(dev, XenbusStateClosed);
			device_unregister(&dev->dev);
			return;
		}
	}
}
