/* SPDX-License-Identifier: MIT */
/*
 * vrngif.h -- the Xen paravirtual entropy device ("vrng"): a guest asks
 * its backend for random bytes and is told how much credited entropy
 * they carry. Written in the style of Xen's io/netif.h.
 *
 * This header is the protocol's one normative text. Every rule of the
 * protocol is here, each marked [Vn]; Documentation/vrng-protocol.rst
 * introduces it with examples and reasons, restates none of it, and
 * names for each [Vn] the tests that check it (its conformance table).
 *
 * The ring comes from Xen's public io/ring.h: <xen/interface/io/ring.h>
 * in Linux, <xen/io/ring.h> elsewhere (libxen-dev, Mini-OS, Unikraft);
 * define VRNGIF_RING_H to include another path, or VRNGIF_NO_RING for
 * the message layout alone (code that only builds or checks messages).
 *
 * ------------------------------------------------------------------
 * Overview
 * ------------------------------------------------------------------
 * One shared ring page, one event channel. The frontend (guest) grants
 * the backend write access to one or more data pages once; every
 * request names one of those grants, an offset and a length; the
 * backend writes that many bytes of its per-guest generator's output
 * into the page with a grant copy (GNTTABOP_copy) and answers with the
 * length written and the fresh credited entropy in those bytes. The
 * backend never maps guest memory; the frontend never trusts anything
 * but the response it copied out of the ring.
 *
 * Why grant copy and not data inline in the ring: a 4 KiB read costs one
 * request instead of 64 ring slots, the copy is done by Xen against the
 * guest's grant (no mapping to race on, nothing to unmap), and every
 * unikernel (Mini-OS, Unikraft, MirageOS) already grants pages for
 * netfront and blkfront.
 *
 * ------------------------------------------------------------------
 * Xenstore
 * ------------------------------------------------------------------
 * Device type "vrng", one device per guest (devid 0). A toolstack (here:
 * tools/vrng-attach) writes both directories and the links between them:
 *
 * /local/domain/<backend-domid>/backend/vrng/<frontend-domid>/0/
 *	frontend		"/local/domain/<frontend-domid>/device/vrng/0"
 *	frontend-id		"<frontend-domid>"
 *	online			"1"
 *	state			XenbusState, written by the backend
 *	version			highest protocol version the backend speaks ("1")
 *	max-request-bytes	largest len the backend accepts: 1 to 4096
 *				(VRNGIF_MAX_REQUEST_BYTES); the backend's
 *				choice, not negotiated. A frontend never
 *				asks more, and one that finds it absent, 0,
 *				above 4096 or malformed does not connect
 *				(its set-up fails: see the state table) [V1]
 *	rate-bytes-per-sec	this guest's rate limit, octets per second,
 *				"0" unlimited: the toolstack may write it
 *				before the guest connects, to override the
 *				backend's default; the backend writes back
 *				the value in force when it connects; the
 *				frontend may only read it [V2]
 *	feature-credit		"1": responses carry credited bits; absent or
 *				anything else: the frontend credits nothing
 *				[V3]
 *
 * /local/domain/<frontend-domid>/device/vrng/0/
 *	backend			"/local/domain/<backend-domid>/backend/vrng/<frontend-domid>/0"
 *	backend-id		"<backend-domid>"
 *	state			XenbusState, written by the frontend
 *	trusted			"0" or "1", written by the toolstack (default 1):
 *				"0" tells the frontend to credit nothing;
 *				absent reads as "1", anything else as "0"
 *				[V4]
 *	ring-ref		grant reference of the shared ring page
 *	event-channel		unbound port allocated for the backend
 *	version			version the frontend chose (<= backend's)
 *
 * Every number is plain decimal: no sign, no spaces, no leading "+" or
 * "0x" (leading zeros are allowed: "007" is 7); anything else is
 * malformed [V5]. The toolstack gives the guest its
 * frontend directory and dom0 its backend directory; each may read the
 * other's.
 *
 * ------------------------------------------------------------------
 * State machine (xenbus)
 * ------------------------------------------------------------------
 * Each side acts on the other's "state" key whenever it changes (a watch,
 * or polling), and again after each of its own writes, by the tables
 * below; it acts on the state it reads, not on transitions it may have
 * missed. "online" is the backend directory's key (absent or malformed:
 * "1"); "gone" is a state key that is absent, or a value not listed
 * here (read as XenbusStateUnknown). "->S": write S. "-": nothing.
 *
 * Backend, reading the frontend's state (rows) in its own (columns) [V6]:
 *
 *   frontend        | InitWait     | Connected    | Closing      | Closed
 *   ----------------+--------------+--------------+--------------+-------------
 *   Initialising    | -            | stop ->Init- | stop         | ->InitWait
 *                   |              | Wait (1)     | ->InitWait(1)| (1)
 *   Initialised     | connect      | -            | -            | -
 *                   | ->Connected  |              |              |
 *                   | (1)(2)       |              |              |
 *   Connected       | - (3)        | -            | -            | -
 *   Closing         | ->Closing    | stop         | -            | -
 *                   |              | ->Closing    |              |
 *   Closed, online  | -            | stop ->Closed| stop ->Closed| -
 *   Closed, online  | stop, ->Closed, release the device (the toolstack
 *   "0"; or gone    | removes the directories)
 *
 *   "stop": stop serving, unbind the event channel, unmap the ring.
 *   (1) With online "0" instead: Initialising stops a Connected backend
 *       (->Closing) and is otherwise ignored; Initialised is ignored.
 *   (2) A backend that refuses the connection (keys missing or malformed,
 *       a version it does not speak, mapping or binding failed) logs one
 *       line and writes Closing instead [V7].
 *   (3) A ring set up for an earlier backend: its indexes are not this
 *       backend's to guess. The frontend starts over on seeing InitWait.
 *   A backend that finds the frontend breaking the protocol (Security,
 *   below) stops reading the ring and writes Closing [V7].
 *
 * Frontend, in its own state (rows), reading the backend's (columns) [V8]:
 *
 *   frontend      | InitWait        | Connected    | Closing or Closed
 *   --------------+-----------------+--------------+----------------------
 *   Initialising  | set up          | -            | -
 *                 | ->Initialised   |              |
 *   Initialised   | - (4)           | ->Connected  | tear down ->Closed (5)
 *   Connected     | tear down       | -            | tear down
 *                 | ->Initialising  |              | ->Initialising
 *   Closing       | -               | -            | tear down ->Closed
 *   Closed        | set up          | -            | -
 *                 | ->Initialised   |              |
 *   any but       | backend gone, or Closing or Closed with online "0":
 *   Closed        | tear down ->Closed (6); InitWait with online "0": -
 *
 *   "set up": read the backend's keys (version, max-request-bytes,
 *   feature-credit; a version missing or malformed fails the set-up) and
 *   the toolstack's (trusted), grant a fresh ring
 *   and the data pages, allocate the event channel, write ring-ref,
 *   event-channel and version. A set-up that fails writes Closed instead
 *   (nothing shared) and rests there until the backend's state changes
 *   [V9].
 *   "tear down": treat outstanding requests as failed, forget the credit
 *   account [V10], close the event channel, revoke the grants (see
 *   Security on when a revoked data page may be reused), forget any ring.
 *   (4) A second report of the same InitWait: a second ring would leave
 *       the backend mapping the first.
 *   (5) The backend refused to connect: rest, or the two would loop.
 *   (6) Removal: the toolstack writes online "0" and the backend's state
 *       Closing; the backend releases the device on the frontend's Closed.
 *   A frontend that finds the backend breaking the protocol (Security)
 *   tears down and writes Closed: it rests until the backend restarts
 *   (its InitWait) [V11].
 *
 * Save/restore and migration: the domain has a new id and its grants and
 * event channel are void; the toolstack attaches the device again; the
 * restored frontend tears down, starts from Initialising, sets up on the
 * new backend's InitWait as above, then asks for fresh bytes at once: a
 * restored guest shares its RNG state with the image it was saved from
 * [V12].

 * ------------------------------------------------------------------
 * Version negotiation
 * ------------------------------------------------------------------
 * Version 1 is this document. A frontend writes a version it speaks that
 * is at most the backend's; a backend that finds a version it does not
 * speak, or any key missing or malformed, refuses the connection (logs
 * one line, goes to Closing) [V13].
 *
 * ------------------------------------------------------------------
 * Notification
 * ------------------------------------------------------------------
 * Standard ring.h event suppression: the frontend pushes requests with
 * RING_PUSH_REQUESTS_AND_CHECK_NOTIFY and notifies only when told to; the
 * backend pushes responses with RING_PUSH_RESPONSES_AND_CHECK_NOTIFY and
 * re-checks with RING_FINAL_CHECK_FOR_REQUESTS before sleeping; a
 * frontend waiting for answers re-checks with
 * RING_FINAL_CHECK_FOR_RESPONSES before it sleeps [V14]. A backend
 * may hold a request and answer it later (Rate, below). The backend
 * bounds the work done per event and never blocks on one guest [V15]. A
 * frontend keeps at most one ring's worth of requests outstanding (128
 * with one ring page) [V16].
 *
 * ------------------------------------------------------------------
 * Rate
 * ------------------------------------------------------------------
 * The backend limits each guest to rate-bytes-per-sec on average, with
 * bursts of a size of its choosing. Beyond its allowance the backend
 * holds the request, unanswered and unconsumed, at the head of the ring
 * (the requests behind it wait too), and answers it once the allowance
 * covers it: whole, or in part (OKAY with fewer octets than asked) when
 * it is larger than half the burst or a second's worth. So a held request
 * is answered within one second, a throttled guest gets its rate whatever
 * its own speed, and dom0 handles one request per request's worth of
 * octets [V17]. A backend never answers RETRY for the rate [V18].
 * RETRY means the backend has nothing to give at all (unseeded): the
 * frontend waits at least 10 ms before it asks again [V19]. A frontend's
 * timeout for an answer, if it has one, is longer than one second [V20].
 */
#ifndef VRNGIF_H
#define VRNGIF_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif


#define VRNGIF_VERSION 1
#define VRNGIF_PAGE_SIZE 4096
#define VRNGIF_MAX_REQUEST_BYTES VRNGIF_PAGE_SIZE

/*
 * Request (16 octets), frontend to backend:
 *
 *    0     1     2     3     4     5     6     7  octet
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 * |    id     |   flags   |          gref         |
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 * |  offset   |    len    |        reserved       |
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 *
 * id:       any value (0xffff included); echoed in the response. A
 *           frontend keeps its own table of outstanding ids and never has
 *           two with one id [V21].
 * flags:    0 in version 1.
 * gref:     a grant of one VRNGIF_PAGE_SIZE page giving the backend's
 *           domain write access.
 * offset:   where in that page to write. Requests may name one page and
 *           overlapping ranges: the backend does not look, and each answer
 *           writes its own bytes when it is made, so a range two
 *           outstanding requests share holds the later answer's bytes.
 * len:      bytes wanted, 1..max-request-bytes; offset + len must not
 *           exceed VRNGIF_PAGE_SIZE.
 * reserved: 0.
 * A request that breaks any rule of its fields above is malformed: the
 * backend answers it ERROR (len 0, credited 0), writes nothing, logs it
 * rate-limited, counts it, and goes on serving the requests after it; the
 * answers to the requests before it are delivered like any other [V22].
 * All fields of both messages are little-endian (native on every Xen
 * architecture); the layout is the same on every ABI, so there is no
 * "protocol" key.
 */
struct vrngif_request {
	uint16_t id;
	uint16_t flags;
	uint32_t gref;
	uint16_t offset;
	uint16_t len;
	uint32_t reserved;
};

/*
 * Response (16 octets), backend to frontend:
 *
 *    0     1     2     3     4     5     6     7  octet
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 * |    id     |  status   |    len    |   health  |
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 * |        credited       |        reserved       |
 * +-----+-----+-----+-----+-----+-----+-----+-----+
 *
 * id:       the request's id.
 * status:   VRNGIF_RSP_*.
 * len:      bytes written at the request's offset; 0 unless OKAY, and
 *           never more than the request's len [V23]. An OKAY answer may carry
 *           fewer octets than asked (the rest of the guest's allowance);
 *           the frontend asks again for the rest.
 * health:   VRNGIF_HEALTH_* flags about the backend's sources, below.
 * credited: fresh entropy, in bits, that went into this guest's generator
 *           and that no earlier response to this guest (in the ring's
 *           order of responses) reported, carried
 *           by these bytes: at most 8 * len, len being this response's
 *           (not the request's). 0 unless OKAY. A frontend may credit its
 *           own RNG with at most this much (and with nothing if its
 *           "trusted" key is "0"); 0 means the bytes are sound output of a
 *           seeded generator but carry no new entropy: good to mix, not to
 *           credit. Credit a response cannot carry (more than 8 * len, or
 *           an ERROR or RETRY answer's) stays with the generator, whose
 *           later output depends on it, and goes with the next OKAY
 *           response, up to 8 * VRNGIF_PAGE_SIZE bits kept; beyond that
 *           it is lost, and counted by the backend. A new connection
 *           starts with none [V24].
 * reserved: 0.
 *
 * Credit belongs to the guest's generator, whose key holds the fresh
 * entropy from then on (fast key erasure keeps later output depending on
 * it). A frontend may therefore keep an account: add credited of every
 * OKAY response, and pass each bit on to its RNG at most once, with
 * octets received at or after the response that reported it, never more
 * than 8 bits per octet passed on [V25]. The account starts empty on
 * every connection (a restored image must not spend its saved account
 * again) [V10].
 *
 * Health: DEGRADED says a source of the backend failed its health tests
 * (or re-runs its start-up test after failing); the frontend may use the
 * octets, credits nothing of that response's credited and empties its
 * account: the tests catch a failing source some samples late, and bits
 * reported just before may stand on those samples [V26]. UNSEEDED
 * says the backend has no credited source yet: it comes only with RETRY
 * (an unseeded generator gives no bytes), never with OKAY [V27]. Other
 * bits are 0 in version 1; a frontend ignores them [V28].
 */
struct vrngif_response {
	uint16_t id;
	int16_t status;
	uint16_t len;
	uint16_t health;
	uint32_t credited;
	uint32_t reserved;
};

/* status */
#define VRNGIF_RSP_OKAY 0	/* len bytes written */
#define VRNGIF_RSP_ERROR (-1)	/* malformed or copy failed; none written */
#define VRNGIF_RSP_RETRY (-2)	/* nothing now (not seeded yet) */

/* health */
#define VRNGIF_HEALTH_DEGRADED 0x0001	/* a source failed its health tests */
#define VRNGIF_HEALTH_UNSEEDED 0x0002	/* no credited source at all yet */


/*
 * ------------------------------------------------------------------
 * Security: what neither side may trust
 * ------------------------------------------------------------------
 * Backend, of the frontend: every request is copied out of the ring once
 * (RING_COPY_REQUEST) and checked on the copy (a malformed one is
 * answered ERROR: Request, above). A request producer index that runs
 * more than a ring ahead (RING_REQUEST_PROD_OVERFLOW) breaks the
 * protocol: the backend reads no request of that batch, logs one
 * rate-limited line and writes Closing (the state table), serving other
 * guests on [V29]. A bad gref fails only the grant copy (status ERROR)
 * [V30].
 * Xenstore values are parsed strictly (decimal, in range). The
 * work per event is bounded, the event channel is bound with the lateeoi
 * variants, and each guest has its own rate limit and generator: no guest
 * can starve or read another's bytes [V31].
 *
 * Frontend, of the backend: every response is copied once, its id looked
 * up in the frontend's own table of outstanding requests (unknown or
 * duplicate id: device broken), len <= the request's len, credited <=
 * 8 * len, status one of the codes above, reserved 0; otherwise the
 * device is broken [V32]. A frontend never credits more than credited,
 * and nothing at all when trusted is "0" [V4]. The data page is
 * re-granted or revoked only after its request was answered or the
 * backend disconnected [V33].
 */

#endif /* VRNGIF_H */

/*
 * The ring, in a guard of its own: code that first took the message
 * layout alone (VRNGIF_NO_RING) may include this header again for it.
 */
#if !defined(VRNGIF_NO_RING) && !defined(VRNGIF_RING_DEFINED)
#define VRNGIF_RING_DEFINED
#if defined(VRNGIF_RING_H)
#include VRNGIF_RING_H
#elif defined(__KERNEL__)
#include <xen/interface/io/ring.h>
#else
#include <xen/io/ring.h>
#endif
DEFINE_RING_TYPES(vrngif, struct vrngif_request, struct vrngif_response);
#endif
