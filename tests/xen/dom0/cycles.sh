#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Ten create/connect/destroy cycles under vrng-attach watch: each guest is
# attached and cleaned up by the watch, and dom0's grant mappings, event
# channels and generators return to where they were (leaks of memory are
# the runner's kmemleak check, on the debug kernel).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
watch_start
attached() { [ -n "$(xenstore-read "/local/domain/0/backend/vrng/$1/0/frontend" 2>/dev/null)" ]; }
be_state() { [ "$(xenstore-read "/local/domain/0/backend/vrng/$1/0/state" 2>/dev/null)" = "$2" ]; }
be_gone() { ! xenstore-read "/local/domain/0/backend/vrng/$1" >/dev/null 2>&1; }
maps() { grep -c xenbus_map_ring /proc/vmallocinfo; }
irqs() { grep -c vrngback /proc/interrupts; }
gens() { grep -c 'name: vrng:' /sys/kernel/debug/ent/consumers; }
m0=$(maps) i0=$(irqs) g0=$(gens)
ok=0
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	guest_cfg cy frontend-idle >/tmp/cy.cfg
	xl create -p /tmp/cy.cfg >/tmp/xl-cy.log 2>&1 || break
	d=$(xl domid cy)
	wait_for 20 attached "$d" && xl unpause cy || break
	wait_for 120 be_state "$d" 4 || break
	[ "$(maps)" -gt "$m0" ] && [ "$(irqs)" -gt "$i0" ] || break
	xl destroy cy
	wait_for 20 be_gone "$d" || break
	ok=$i
done
if [ "$ok" = 10 ]; then
	tap_ok "10 create/connect/destroy cycles, each attached and cleaned up by vrng-attach watch"
else
	tap_not_ok "10 create/connect/destroy cycles" "cycle $i failed: $(tail -3 /tmp/watch.log | tr '\n' ' ')"
	xl destroy cy 2>/dev/null
fi
watch_stop
back() { [ "$(maps)" = "$m0" ] && [ "$(irqs)" = "$i0" ] && [ "$(gens)" = "$g0" ]; }
if wait_for 20 back; then
	tap_ok "dom0's grant mappings, event channels and generators are back to baseline"
else
	tap_not_ok "dom0's resources are back to baseline after the cycles" \
		"maps $m0->$(maps) irqs $i0->$(irqs) generators $g0->$(gens)"
fi
check "dom0: modules unload" dom0_unload
