// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_states.h"

/* A value read from a "state" key; one vrng does not use is Unknown. */
enum vrng_xb vrng_xb_from(unsigned long value)
{
	return value <= VRNG_XB_CLOSED ? (enum vrng_xb)value : VRNG_XB_UNKNOWN;
}

/*
 * The backend's half of the table: self is the state it last wrote, peer
 * the frontend's, online the backend directory's key ("0": the toolstack
 * is removing the device, so the backend never offers InitWait again).
 * Each side calls its half again after its own write (next != self),
 * until it returns NOTHING: a watch fires on the peer's writes only.
 */
enum vrng_back_act vrng_back_step(enum vrng_xb self, enum vrng_xb peer,
				  bool online, enum vrng_xb *next)
{
	*next = self;
	if (peer == VRNG_XB_UNKNOWN || (peer == VRNG_XB_CLOSED && !online)) {
		*next = VRNG_XB_CLOSED;
		return VRNG_BACK_RELEASE;
	}
	switch (peer) {
	case VRNG_XB_INITIALISING:
		if (self == VRNG_XB_INITWAIT)
			return VRNG_BACK_NOTHING;
		if (!online) {
			if (self == VRNG_XB_CONNECTED) {
				*next = VRNG_XB_CLOSING;
				return VRNG_BACK_DISCONNECT;
			}
			return VRNG_BACK_NOTHING;
		}
		*next = VRNG_XB_INITWAIT;	/* the frontend starts over */
		return VRNG_BACK_DISCONNECT;
	case VRNG_XB_INITIALISED:
		if (self != VRNG_XB_INITWAIT || !online)
			return VRNG_BACK_NOTHING;
		*next = VRNG_XB_CONNECTED;
		return VRNG_BACK_CONNECT;
	case VRNG_XB_CLOSING:
		if (self == VRNG_XB_CLOSING || self == VRNG_XB_CLOSED)
			return VRNG_BACK_NOTHING;
		*next = VRNG_XB_CLOSING;
		return VRNG_BACK_DISCONNECT;
	case VRNG_XB_CLOSED:		/* online: rest until it starts over */
		if (self == VRNG_XB_CLOSED || self == VRNG_XB_INITWAIT)
			return VRNG_BACK_NOTHING;
		*next = VRNG_XB_CLOSED;
		return VRNG_BACK_DISCONNECT;
	default:
		/*
		 * Connected: the frontend's ring is an earlier backend's, whose
		 * indexes this one does not know; it starts over on seeing
		 * InitWait. InitWait: not a frontend's state.
		 */
		return VRNG_BACK_NOTHING;
	}
}

/*
 * The frontend's half: self is the state it last wrote, peer the
 * backend's (Unknown: the backend's directory is gone), online the
 * backend directory's key. A frontend that fails to set up, or finds the
 * backend breaking the protocol, tears down and writes Closed itself:
 * that is not a row, it is the frontend's own event.
 */
enum vrng_front_act vrng_front_step(enum vrng_xb self, enum vrng_xb peer,
				    bool online, enum vrng_xb *next)
{
	*next = self;
	if (peer == VRNG_XB_UNKNOWN ||
	    (!online && (peer == VRNG_XB_CLOSING || peer == VRNG_XB_CLOSED))) {
		if (self == VRNG_XB_CLOSED)
			return VRNG_FRONT_NOTHING;
		*next = VRNG_XB_CLOSED;
		return VRNG_FRONT_TEARDOWN;
	}
	switch (peer) {
	case VRNG_XB_INITWAIT:
		if (!online)
			return VRNG_FRONT_NOTHING;
		if (self == VRNG_XB_INITIALISING || self == VRNG_XB_CLOSED) {
			*next = VRNG_XB_INITIALISED;
			return VRNG_FRONT_SETUP;
		}
		if (self == VRNG_XB_CONNECTED) {
			/* a new backend that skipped Closing: start over */
			*next = VRNG_XB_INITIALISING;
			return VRNG_FRONT_TEARDOWN;
		}
		return VRNG_FRONT_NOTHING;	/* Initialised: InitWait again */
	case VRNG_XB_CONNECTED:
		if (self != VRNG_XB_INITIALISED)
			return VRNG_FRONT_NOTHING;
		*next = VRNG_XB_CONNECTED;
		return VRNG_FRONT_CONNECT;
	case VRNG_XB_CLOSING:
	case VRNG_XB_CLOSED:
		if (self == VRNG_XB_INITIALISING || self == VRNG_XB_CLOSED)
			return VRNG_FRONT_NOTHING;
		/*
		 * Connected: the backend left or found us breaking the
		 * protocol: wait for its return. Before that (it refused to
		 * connect) or closing ourselves: rest, or the two would loop.
		 */
		*next = self == VRNG_XB_CONNECTED ? VRNG_XB_INITIALISING :
						    VRNG_XB_CLOSED;
		return VRNG_FRONT_TEARDOWN;
	default:			/* Initialising, Initialised */
		return VRNG_FRONT_NOTHING;
	}
}

const char *vrng_xb_name(enum vrng_xb state)
{
	static const char *const names[] = {
		"Unknown", "Initialising", "InitWait", "Initialised",
		"Connected", "Closing", "Closed",
	};

	return state <= VRNG_XB_CLOSED ? names[state] : "Unknown";
}
