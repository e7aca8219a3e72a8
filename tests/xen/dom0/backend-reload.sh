#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The backend unloaded and reloaded under two reading guests: their reads
# fail cleanly while it is away, then their frontends reconnect (guest
# role vrng-hold says so).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
# Both guests must be reading (their hold phase) when the backend goes:
# each reads on until it has seen the reload, for up to 20 minutes, longer
# than dom0 waits for the slower one to get there (10 minutes each).
if guest_start h1 vrng-hold && guest_start h2 vrng-hold; then
	wait_for 600 said h1 hold && wait_for 600 said h2 hold ||
		tap_not_ok "both guests reach their hold phase" \
			"h1: $(tail -2 "$CON/guest-h1.log" | tr '\r\n' '  '); h2: $(tail -2 "$CON/guest-h2.log" | tr '\r\n' '  ')"
	# xenbus holds the module while devices are bound: unbind them first.
	unbind_all() {
		for d in /sys/bus/xen-backend/drivers/vrng/vrng-*; do
			[ -e "$d" ] || continue
			echo "${d##*/}" >/sys/bus/xen-backend/drivers/vrng/unbind || return 1
		done
	}
	check "the backend's devices unbind with two guests attached" unbind_all
	check "xen-vrngback unloads" rmmod xen-vrngback
	# away long enough for the guests' half-second reads to see it
	sleep 3
	check "xen-vrngback reloads" modprobe xen-vrngback
	guest_results h1
	guest_results h2
else
	tap_not_ok "two guests created with the vrng device attached" "$(tail -3 /tmp/xl-h1.log /tmp/xl-h2.log | tr '\n' ' ')"
fi
guest_stop h1
guest_stop h2
check "dom0: modules unload" dom0_unload
