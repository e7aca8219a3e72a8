/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The vrng state machine of both ends, as the one table in vrngif.h
 * ("State machine") says it: what a side does, and which state it writes,
 * on reading its peer's state. Every frontend and the backend act through
 * these two functions, so the table is implemented once and tested row by
 * row (entropy/vrng/tests/test_states.c).
 */
#ifndef VRNG_STATES_H
#define VRNG_STATES_H

#include <platform/platform.h>

/* XenbusState values (Xen's io/xenbus.h): the wire ABI of "state". */
enum vrng_xb {
	VRNG_XB_UNKNOWN = 0,		/* also: the directory is gone */
	VRNG_XB_INITIALISING = 1,
	VRNG_XB_INITWAIT = 2,
	VRNG_XB_INITIALISED = 3,
	VRNG_XB_CONNECTED = 4,
	VRNG_XB_CLOSING = 5,
	VRNG_XB_CLOSED = 6,
};

enum vrng_back_act {
	VRNG_BACK_NOTHING,
	VRNG_BACK_CONNECT,	/* map, bind, serve; write next (or Closing) */
	VRNG_BACK_DISCONNECT,	/* stop serving, unbind, unmap; write next */
	VRNG_BACK_RELEASE,	/* disconnect, write Closed, let the device go */
};

enum vrng_front_act {
	VRNG_FRONT_NOTHING,
	VRNG_FRONT_SETUP,	/* share ring and page, write keys; next */
	VRNG_FRONT_CONNECT,	/* start reading; write next */
	VRNG_FRONT_TEARDOWN,	/* fail outstanding, revoke, close; next */
};

enum vrng_back_act vrng_back_step(enum vrng_xb self, enum vrng_xb peer,
				  bool online, enum vrng_xb *next);
enum vrng_front_act vrng_front_step(enum vrng_xb self, enum vrng_xb peer,
				    bool online, enum vrng_xb *next);
enum vrng_xb vrng_xb_from(unsigned long value);
const char *vrng_xb_name(enum vrng_xb state);

#endif
