#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The backend's half of vrngif.h's state table against a scripted
# frontend: a guest created paused (its kernel never runs) whose frontend
# state key dom0 writes, one row at a time, reading the state the real
# backend answers with. The rows that need a live ring are the other
# tests' (guest-core, hostile-backend); every cell is checked on the
# portable code by entropy/vrng/tests/test_states.c.
# Margins: each wait for the backend's answer is 30 s (it answers from
# xenwatch in well under a second); a row whose answer is "nothing" is
# read after the next row's write is answered, so it is never timed.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
guest_cfg st idle >/tmp/st.cfg
if ! xl create -p /tmp/st.cfg >/tmp/xl-st.log 2>&1 ||
   ! vrng-attach attach "$(xl domid st)" >>/tmp/xl-st.log 2>&1; then
	tap_not_ok "a paused guest with the vrng device" "$(tail -3 /tmp/xl-st.log | tr '\n' ' ')"
	xl destroy st 2>/dev/null
	check "dom0: modules unload" dom0_unload
	exit 0
fi
d=$(xl domid st)
fe=/local/domain/$d/device/vrng/0
be=/local/domain/0/backend/vrng/$d/0
names="Unknown Initialising InitWait Initialised Connected Closing Closed"
name() { echo "$names" | cut -d' ' -f$(($1 + 1)); }
be_in() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = "$1" ]; }

# row FRONTEND-STATE BACKEND-ANSWER WHAT: writes the frontend's state and
# waits for the backend's.
row() {
	xenstore-write "$fe/state" "$1"
	if wait_for 30 be_in "$2"; then
		tap_ok "frontend $(name "$1") -> backend $(name "$2"): $3"
	else
		tap_not_ok "frontend $(name "$1") -> backend $(name "$2"): $3" \
			"backend state $(xenstore-read "$be/state" 2>/dev/null)"
	fi
}

if wait_for 30 be_in 2; then
	tap_ok "the backend offers the device: InitWait"
else
	tap_not_ok "the backend offers the device: InitWait" "state $(xenstore-read "$be/state" 2>/dev/null)"
fi
row 5 5 "a frontend closing before it connected is mirrored"
row 1 2 "a frontend starting over finds InitWait again (from Closing)"
xenstore-write "$fe/ring-ref" 1234567 "$fe/event-channel" 1 "$fe/version" 1
row 3 5 "a ring it cannot map is refused: Closing"
row 1 2 "and the frontend's next try finds InitWait"
# A ring of an earlier backend: nothing (no connection tried, so no
# refusal logged) until the Closing after it.
dmesg -c >/dev/null
xenstore-write "$fe/state" 4
row 5 5 "a frontend's stale Connected leaves InitWait until its Closing"
n=$(dmesg | grep -c "vrng-$d-0")
[ "$n" = 0 ] && tap_ok "and no connection was tried on the stale Connected" ||
	tap_not_ok "no connection tried on a stale Connected" "$(dmesg | grep "vrng-$d-0" | head -2 | tr '\n' ' ')"
row 6 6 "a frontend that gives up: Closed"
row 1 2 "and returns: InitWait again (from Closed)"
xenstore-write "$fe/state" 6	# online: InitWait stays, nothing to undo
row 5 5 "a Closed frontend left InitWait alone (until this Closing)"
xenstore-write "$be/online" 0
row 6 6 "removal: online 0 and the frontend's Closed release the device"
gone() { [ ! -e "/sys/bus/xen-backend/devices/vrng-$d-0" ]; }
if wait_for 30 gone; then
	tap_ok "the released device is gone from the backend's bus"
else
	tap_not_ok "the released device is gone from the backend's bus"
fi
xl destroy st
vrng-attach detach "$d" >/dev/null 2>&1
check "dom0: modules unload" dom0_unload
