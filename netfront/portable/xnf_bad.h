/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Why a netfront ring stopped trusting its backend: one reason each. */
#ifndef XNF_BAD_H
#define XNF_BAD_H

enum xnf_bad {
	XNF_OK,
	XNF_BAD_PROD,		/* response producer past the last request */
	XNF_BAD_ID,		/* id out of range, or of no request in flight */
	XNF_BAD_STATUS,		/* a status netif.h does not define there */
	XNF_BAD_RANGE,		/* offset + length beyond the page */
	XNF_BAD_SLOTS,		/* a packet of more slots than were posted */
	XNF_BAD_EXTRA,		/* extra info of a kind not asked for */
	XNF_BAD_FLAGS,		/* a flag not negotiated */
	XNF_BAD_MAPPED,		/* a request answered, its page still mapped */
};

const char *xnf_bad_name(enum xnf_bad why);

#endif
