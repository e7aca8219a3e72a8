#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Garbage in a guest's frontend keys (what a hostile guest can write into
# its own directory): the backend refuses it in one log line and goes to
# Closing, and another guest is served on.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start reader reader && guest_start vg3 idle; then
	d1=$(xl domid reader)
	d3=$(xl domid vg3)
	fe=/local/domain/$d3/device/vrng/0
	be=/local/domain/0/backend/vrng/$d3/0
	wait_for 600 said reader reading
	be_in() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = "$1" ]; }
	wait_for 60 be_in 2
	r1=$(bstat "$d1" requests)
	dmesg -c >/dev/null
	xenstore-write "$fe/ring-ref" "12abc" "$fe/event-channel" "x7" \
		"$fe/version" "1" "$fe/state" 3
	if wait_for 20 be_in 5; then
		tap_ok "a guest's garbage ring-ref and event-channel: the backend refuses (Closing)"
	else
		tap_not_ok "garbage frontend keys are refused" "backend state $(xenstore-read "$be/state")"
	fi
	n=$(dmesg | grep -c 'malformed')
	[ "$n" = 1 ] && tap_ok "the refusal is one clear log line: $(dmesg | grep -m1 malformed | sed 's/^\[[^]]*\] //')" ||
		tap_not_ok "the refusal is one clear log line" "$n lines: $(dmesg | tail -3 | tr '\n' ' ')"
	# the reader asks for 4 KiB every 0.5 s from a 32 KiB cache: a round
	# trip every 4 s or so; 60 s is many round trips on any machine
	served() { [ "$(bstat "$d1" requests)" -gt "$r1" ]; }
	if wait_for 60 served && [ "$(bstat "$d1" state)" = Connected ]; then
		tap_ok "other guests are still served after the refusal"
	else
		tap_not_ok "other guests are still served after the refusal" "reader $(bstat "$d1" state) requests $r1 -> $(bstat "$d1" requests)"
	fi
else
	tap_not_ok "xl creates the guests" "$(tail -3 /tmp/xl-reader.log /tmp/xl-vg3.log | tr '\n' ' ')"
fi
guest_stop reader
guest_stop vg3
check "dom0: modules unload" dom0_unload
