// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The state machine table of vrngif.h, every row of both halves, then the
 * two halves played against each other through a scripted xenstore: a
 * first connect, each side breaking the protocol, restarts and removal
 * all end where the header says.
 */
#include "ent_test.h"
#include "vrng_states.h"

/* The table's cells in the header's letters. */
#define U VRNG_XB_UNKNOWN
#define I VRNG_XB_INITIALISING
#define W VRNG_XB_INITWAIT
#define D VRNG_XB_INITIALISED
#define C VRNG_XB_CONNECTED
#define G VRNG_XB_CLOSING
#define X VRNG_XB_CLOSED
#define NOP 0			/* VRNG_BACK_NOTHING, VRNG_FRONT_NOTHING */
#define CONN VRNG_BACK_CONNECT
#define DISC VRNG_BACK_DISCONNECT
#define REL VRNG_BACK_RELEASE
#define SET VRNG_FRONT_SETUP
#define FCON VRNG_FRONT_CONNECT
#define TD VRNG_FRONT_TEARDOWN

struct row {
	u8 self, peer, online, act, next;
};

/* vrngif.h, "State machine", the backend's table: every cell. */
static const struct row back_rows[] = {
	{ W, U, 1, REL, X },  { W, U, 0, REL, X },
	{ W, I, 1, NOP, W },  { W, I, 0, NOP, W },
	{ W, D, 1, CONN, C }, { W, D, 0, NOP, W },
	{ W, C, 1, NOP, W },  { W, C, 0, NOP, W },
	{ W, G, 1, DISC, G }, { W, G, 0, DISC, G },
	{ W, X, 1, NOP, W },  { W, X, 0, REL, X },
	{ C, U, 1, REL, X },  { C, U, 0, REL, X },
	{ C, I, 1, DISC, W }, { C, I, 0, DISC, G },
	{ C, D, 1, NOP, C },  { C, D, 0, NOP, C },
	{ C, C, 1, NOP, C },  { C, C, 0, NOP, C },
	{ C, G, 1, DISC, G }, { C, G, 0, DISC, G },
	{ C, X, 1, DISC, X }, { C, X, 0, REL, X },
	{ G, U, 1, REL, X },  { G, U, 0, REL, X },
	{ G, I, 1, DISC, W }, { G, I, 0, NOP, G },
	{ G, D, 1, NOP, G },  { G, D, 0, NOP, G },
	{ G, C, 1, NOP, G },  { G, C, 0, NOP, G },
	{ G, G, 1, NOP, G },  { G, G, 0, NOP, G },
	{ G, X, 1, DISC, X }, { G, X, 0, REL, X },
	{ X, U, 1, REL, X },  { X, U, 0, REL, X },
	{ X, I, 1, DISC, W }, { X, I, 0, NOP, X },
	{ X, D, 1, NOP, X },  { X, D, 0, NOP, X },
	{ X, C, 1, NOP, X },  { X, C, 0, NOP, X },
	{ X, G, 1, NOP, X },  { X, G, 0, NOP, X },
	{ X, X, 1, NOP, X },  { X, X, 0, REL, X },
};

/* The frontend's table: every cell. */
static const struct row front_rows[] = {
	{ I, U, 1, TD, X },   { I, U, 0, TD, X },
	{ I, W, 1, SET, D },  { I, W, 0, NOP, I },
	{ I, C, 1, NOP, I },  { I, C, 0, NOP, I },
	{ I, G, 1, NOP, I },  { I, G, 0, TD, X },
	{ I, X, 1, NOP, I },  { I, X, 0, TD, X },
	{ D, U, 1, TD, X },   { D, U, 0, TD, X },
	{ D, W, 1, NOP, D },  { D, W, 0, NOP, D },
	{ D, C, 1, FCON, C }, { D, C, 0, FCON, C },
	{ D, G, 1, TD, X },   { D, G, 0, TD, X },
	{ D, X, 1, TD, X },   { D, X, 0, TD, X },
	{ C, U, 1, TD, X },   { C, U, 0, TD, X },
	{ C, W, 1, TD, I },   { C, W, 0, NOP, C },
	{ C, C, 1, NOP, C },  { C, C, 0, NOP, C },
	{ C, G, 1, TD, I },   { C, G, 0, TD, X },
	{ C, X, 1, TD, I },   { C, X, 0, TD, X },
	{ G, U, 1, TD, X },   { G, U, 0, TD, X },
	{ G, W, 1, NOP, G },  { G, W, 0, NOP, G },
	{ G, C, 1, NOP, G },  { G, C, 0, NOP, G },
	{ G, G, 1, TD, X },   { G, G, 0, TD, X },
	{ G, X, 1, TD, X },   { G, X, 0, TD, X },
	{ X, U, 1, NOP, X },  { X, U, 0, NOP, X },
	{ X, W, 1, SET, D },  { X, W, 0, NOP, X },
	{ X, C, 1, NOP, X },  { X, C, 0, NOP, X },
	{ X, G, 1, NOP, X },  { X, G, 0, NOP, X },
	{ X, X, 1, NOP, X },  { X, X, 0, NOP, X },
};

ENT_TEST(states_backend_table_every_row)
{
	enum vrng_xb next;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(back_rows); i++) {
		const struct row *r = &back_rows[i];

		ENT_EXPECT_EQ(vrng_back_step(r->self, r->peer, r->online, &next),
			      r->act);
		ENT_EXPECT_EQ(next, r->next);
	}
}

ENT_TEST(states_frontend_table_every_row)
{
	enum vrng_xb next;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(front_rows); i++) {
		const struct row *r = &front_rows[i];

		ENT_EXPECT_EQ(vrng_front_step(r->self, r->peer, r->online,
					      &next), r->act);
		ENT_EXPECT_EQ(next, r->next);
	}
}

ENT_TEST(states_unknown_values_read_as_unknown)
{
	ENT_EXPECT_EQ(vrng_xb_from(4), VRNG_XB_CONNECTED);
	ENT_EXPECT_EQ(vrng_xb_from(7), VRNG_XB_UNKNOWN);	/* Reconfiguring */
	ENT_EXPECT_EQ(vrng_xb_from(~0UL), VRNG_XB_UNKNOWN);
}

/*
 * Both halves against each other, as xenstore watches drive them: a side
 * acts when the other's state changed since it last looked, or its own
 * did (and once at the start). A side may fail its action once: a refused connect, a
 * failed set-up.
 */
struct duo {
	enum vrng_xb back, front;
	enum vrng_xb back_saw, front_saw;	/* peer's state last acted on */
	bool online;
	bool back_refuses, front_fails, released;
	unsigned int setups, connects, teardowns, disconnects;
};

static void duo_settle(struct duo *d)
{
	unsigned int rounds;
	enum vrng_xb next;

	d->back_saw = (enum vrng_xb)99;		/* each acts once */
	d->front_saw = (enum vrng_xb)99;
	for (rounds = 0; rounds < 16; rounds++) {
		bool acted = false;

		if (!d->released && d->back_saw != d->front) {
			enum vrng_back_act ba;

			d->back_saw = d->front;
			ba = vrng_back_step(d->back, d->front, d->online, &next);
			if (ba == VRNG_BACK_CONNECT && d->back_refuses) {
				d->back_refuses = false;
				d->back = VRNG_XB_CLOSING;	/* refused: rest */
				continue;
			} else if (ba == VRNG_BACK_CONNECT) {
				d->connects++;
			} else if (ba == VRNG_BACK_DISCONNECT) {
				d->disconnects++;
			} else if (ba == VRNG_BACK_RELEASE) {
				d->released = true;
				next = VRNG_XB_UNKNOWN;	/* directory gone */
			}
			if (next != d->back)
				d->back_saw = (enum vrng_xb)99;
			d->back = next;
			acted = true;
		}
		if (d->front_saw != d->back) {
			enum vrng_front_act fa;

			d->front_saw = d->back;
			fa = vrng_front_step(d->front, d->back, d->online, &next);
			if (fa == VRNG_FRONT_SETUP && d->front_fails) {
				d->front_fails = false;
				d->front = VRNG_XB_CLOSED;	/* gives up: rest */
				continue;
			} else if (fa == VRNG_FRONT_SETUP) {
				d->setups++;
			} else if (fa == VRNG_FRONT_TEARDOWN) {
				d->teardowns++;
			}
			if (next != d->front)
				d->front_saw = (enum vrng_xb)99;
			d->front = next;
			acted = true;
		}
		if (!acted)
			return;
	}
	d->back = (enum vrng_xb)98;		/* still moving: a loop */
	d->front = (enum vrng_xb)98;
}

ENT_TEST(states_peers_connect)
{
	struct duo d = { .back = W, .front = I, .online = true };

	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, C);
	ENT_EXPECT_EQ(d.front, C);
	ENT_EXPECT_EQ(d.setups, 1);
	ENT_EXPECT_EQ(d.connects, 1);
}

/* The backend closes on a violation; a frontend that follows the table returns. */
ENT_TEST(states_backend_violation_recovers)
{
	struct duo d = { .back = G, .front = C, .online = true };

	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, C);
	ENT_EXPECT_EQ(d.front, C);
	ENT_EXPECT_EQ(d.teardowns, 1);
	ENT_EXPECT_EQ(d.setups, 1);
}

/* The frontend finds the backend hostile: both rest until one restarts. */
ENT_TEST(states_frontend_gives_up_then_backend_restarts)
{
	struct duo d = { .back = C, .front = X, .online = true };

	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, X);
	ENT_EXPECT_EQ(d.front, X);
	d.back = W;			/* a reloaded backend's probe */
	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, C);
	ENT_EXPECT_EQ(d.front, C);
}

/* A refused connect, a failed set-up: each ends at rest, not in a loop. */
ENT_TEST(states_failures_end_at_rest)
{
	struct duo d = { .back = W, .front = I, .online = true,
			 .back_refuses = true };

	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, X);
	ENT_EXPECT_EQ(d.front, X);
	ENT_EXPECT_EQ(d.connects, 0);

	d = (struct duo){ .back = W, .front = I, .online = true,
			  .front_fails = true };
	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, W);	/* still offering: nothing to undo */
	ENT_EXPECT_EQ(d.front, X);
	ENT_EXPECT_EQ(d.setups, 0);
}

/* A backend that comes back in InitWait without passing Closing. */
ENT_TEST(states_backend_restart_skipping_closing)
{
	struct duo d = { .back = W, .front = C, .online = true };

	duo_settle(&d);
	ENT_EXPECT_EQ(d.back, C);
	ENT_EXPECT_EQ(d.front, C);
	ENT_EXPECT_EQ(d.teardowns, 1);
}

/* The toolstack's removal: online 0 and the backend's Closing. */
ENT_TEST(states_removal_releases)
{
	struct duo d = { .back = G, .front = C, .online = false };

	duo_settle(&d);
	ENT_EXPECT(d.released);
	ENT_EXPECT_EQ(d.front, X);
	ENT_EXPECT_EQ(d.setups, 0);
}

static ENT_CASES(vrng_states) = {
	ENT_CASE(states_backend_table_every_row),
	ENT_CASE(states_frontend_table_every_row),
	ENT_CASE(states_unknown_values_read_as_unknown),
	ENT_CASE(states_peers_connect),
	ENT_CASE(states_backend_violation_recovers),
	ENT_CASE(states_frontend_gives_up_then_backend_restarts),
	ENT_CASE(states_failures_end_at_rest),
	ENT_CASE(states_backend_restart_skipping_closing),
	ENT_CASE(states_removal_releases),
	ENT_CASES_END
};

ENT_SUITE(vrng_states);
