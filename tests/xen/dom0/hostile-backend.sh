#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile backend: an answer the guest never asked for (the backend's
# debugfs stray hook gives the guest's next answer an id it never used).
# Its frontend must refuse it, tear down and rest Closed (vrngif.h's state
# table; the backend follows to Closed), and the guest must live on. The
# guest's reader makes a round trip every 4 s or so: 60 s is many.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start hb reader; then
	d=$(xl domid hb)
	wait_for 300 said hb reading
	echo 1 >"$VB/dom$d/stray"
	closed() {
		[ "$(bstat "$d" state)" = Closed ] &&
			[ "$(xenstore-read "/local/domain/$d/device/vrng/0/state")" = 6 ]
	}
	if wait_for 60 closed; then
		tap_ok "a guest's frontend refuses an answer to no request and rests Closed, the backend too"
	else
		tap_not_ok "a guest's frontend refuses an answer to no request" "backend state $(bstat "$d" state)"
	fi
	# alive after the refusal: still running and still printing
	n0=$(grep -c 'VRNG: tick' "$CON/guest-hb.log")
	ticked() { [ "$(grep -c 'VRNG: tick' "$CON/guest-hb.log")" -gt "$n0" ]; }
	if xl list hb >/dev/null 2>&1 && wait_for 60 ticked; then
		tap_ok "the guest lives on after its backend turned hostile"
	else
		tap_not_ok "the guest lives on after its backend turned hostile" "$(tail -3 "$CON/guest-hb.log" | tr '\r\n' '  ')"
	fi
else
	tap_not_ok "xl creates a guest" "$(tail -3 /tmp/xl-hb.log | tr '\n' ' ')"
fi
guest_stop hb
check "dom0: modules unload" dom0_unload
