/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * libvrngfront: the vrng frontend (include/xen/interface/io/vrngif.h) for unikernels
 * and other small kernels, in freestanding C: no libc, no allocation, no
 * threads, no blocking. The host supplies a port (below) and drives the
 * library from its event loop; Documentation/vrng-porting.rst is the guide.
 *
 * Life of a device:
 *   vrngfront_init()     reads the toolstack's keys, writes Initialising
 *   vrngfront_step()     on every change of the backend's state key (or
 *                        every few ms without watches): shares the ring,
 *                        the data page and an event channel, connects,
 *                        and starts over when the backend restarts
 *   vrngfront_request()  asks for up to max_len bytes (one at a time)
 *   vrngfront_poll()     on the event channel's event (or polling): the
 *                        answer, its bytes and the credit they carry
 *   vrngfront_close()    revokes everything and writes Closed (-EBUSY: the
 *                        backend was still connected, the pages stay its)
 */
#ifndef VRNGFRONT_H
#define VRNGFRONT_H

#include "vrng_credit.h"
#include "vrng_ring.h"
#include "vrng_states.h"
#include <platform/xen_port.h>

#define VRNGFRONT_PATH_MAX PLAT_XS_PATH_MAX

struct vrngfront {
	const struct plat_xen_port *port;
	void *ctx;
	char node[VRNGFRONT_PATH_MAX];		/* e.g. "device/vrng/0" */
	char backend[VRNGFRONT_PATH_MAX];
	u16 backend_id;
	bool trusted;
	unsigned int max_len;			/* backend's max-request-bytes */
	enum vrng_xb state;			/* the XenbusState we are in */
	bool state_written;			/* and xenstore has it */
	struct vrngif_sring *sring;		/* host's page, 4096 bytes */
	u8 *data;				/* host's page, 4096 bytes */
	u32 ring_ref, data_ref, evtchn;
	bool shared;				/* grants and port live */
	struct vrng_front ring;
	int outstanding;			/* request id, or -1 */
	struct vrng_credit credit;
	const char *error;			/* why the last call failed */
};

int vrngfront_init(struct vrngfront *f, const struct plat_xen_port *port,
		   void *ctx, const char *node, void *ring_page,
		   void *data_page);
int vrngfront_step(struct vrngfront *f);
int vrngfront_request(struct vrngfront *f, unsigned int len);
int vrngfront_poll(struct vrngfront *f, u8 *out, size_t len, u32 *credited);
int vrngfront_close(struct vrngfront *f);

#endif
