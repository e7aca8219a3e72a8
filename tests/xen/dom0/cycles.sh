#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Create/connect/destroy cycles (CYCLES, default 10) under vrng-attach
# watch: each guest is attached and cleaned up by the watch, and dom0's
# grant mappings, event channels and generators return to where they were
# (leaks of memory are the runner's kmemleak check, on the debug kernel).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

CYCLES=${CYCLES:-10}
backend_up
watch_start
xs() { xenstore-read "$1" 2>/dev/null; }
attached() { [ -n "$(xs "/local/domain/0/backend/vrng/$1/0/frontend")" ]; }
be_state() { [ "$(xs "/local/domain/0/backend/vrng/$1/0/state")" = "$2" ]; }
be_gone() { ! xenstore-read "/local/domain/0/backend/vrng/$1" >/dev/null 2>&1; }
baseline_mark
ok=0
i=0
d=
# Bounds: a debug-kernel guest under TCG, beside another emulated machine,
# reaches Connected in ~20 s; 300 s is 15 times that. Attach and clean-up
# are dom0-only xenstore work (under 1 s): 60 s.
while [ "$i" -lt "$CYCLES" ]; do
	i=$((i + 1))
	rm -f "$CON/guest-cy.log"
	guest_cfg cy frontend-idle >/tmp/cy.cfg
	step="xl create"
	xl create -p /tmp/cy.cfg >/tmp/xl-cy.log 2>&1 || break
	d=$(xl domid cy)
	step="the watch attaches domain $d"
	wait_for 60 attached "$d" || break
	step="xl unpause"
	xl unpause cy || break
	step="domain $d connects"
	wait_for 300 be_state "$d" 4 || break
	step="dom0 maps the ring and binds the event channel"
	above_baseline || break
	step="xl destroy"
	xl destroy cy || break
	step="the watch removes domain $d's backend"
	wait_for 60 be_gone "$d" || break
	ok=$i
done
if [ "$ok" = "$CYCLES" ]; then
	tap_ok "$CYCLES create/connect/destroy cycles, each attached and cleaned up by vrng-attach watch"
else
	be=/local/domain/0/backend/vrng/$d/0
	tap_not_ok "$CYCLES create/connect/destroy cycles" \
		"cycle $i: $step failed; backend state $(xs "$be/state"), frontend state $(xs "$(xs "$be/frontend")/state")"
	tap_comment "watch: $(tail -3 /tmp/watch.log | tr '\n' ' ')"
	tap_comment "guest console: $(tail -8 "$CON/guest-cy.log" 2>/dev/null | tr -d '\r' | tr '\n' ' ')"
	tap_comment "dom0 log: $(dmesg | tail -8 | tr '\n' ' ')"
	xl destroy cy 2>/dev/null
fi
watch_stop
baseline_verdict 20
check "dom0: modules unload" dom0_unload
