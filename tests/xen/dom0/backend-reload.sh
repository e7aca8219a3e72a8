#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The backend unloaded and reloaded under two reading guests: their reads
# fail cleanly while it is away, then their frontends reconnect (guest
# role vrng-hold says so). RELOADS (the soak's 20; 1 by default) times.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

RELOADS=${RELOADS:-1}
xs() { xenstore-read "$1" 2>/dev/null; }
# xenbus holds the module while devices are bound: unbind them first.
unbind_all() {
	for d in /sys/bus/xen-backend/drivers/vrng/vrng-*; do
		[ -e "$d" ] || continue
		echo "${d##*/}" >/sys/bus/xen-backend/drivers/vrng/unbind || return 1
	done
}
# both guests' devices Connected (d1, d2: their domids)
both() {
	[ "$(xs "/local/domain/0/backend/vrng/$d1/0/state")" = 4 ] &&
		[ "$(xs "/local/domain/0/backend/vrng/$d2/0/state")" = 4 ]
}
backend_up
# Both guests must be reading (their hold phase) when the backend goes:
# each reads on until it has seen every reload, for up to 20 minutes and
# 2 more a reload, longer than dom0 waits for the slower one to get
# there (10 minutes each) and for each reconnection (5 minutes).
if GUEST_CMDLINE="${GUEST_CMDLINE:-} ent.reloads=$RELOADS" guest_start h1 vrng-hold &&
	GUEST_CMDLINE="${GUEST_CMDLINE:-} ent.reloads=$RELOADS" guest_start h2 vrng-hold; then
	d1=$(xl domid h1) d2=$(xl domid h2)
	# A guest that never gets there (one hung at boot) has nothing to
	# report: the test ends, and guest_stop destroys both.
	if ! { wait_for 600 said h1 hold && wait_for 600 said h2 hold; }; then
		tap_not_ok "both guests reach their hold phase" \
			"h1: $(tail -2 "$CON/guest-h1.log" | tr '\r\n' '  '); h2: $(tail -2 "$CON/guest-h2.log" | tr '\r\n' '  ')"
	else
		r=0 ok=0
		while [ "$r" -lt "$RELOADS" ]; do
			r=$((r + 1))
			step="the backend's devices unbind with two guests attached"
			unbind_all || break
			step="xen-vrngback unloads"
			rmmod xen-vrngback || break
			# away long enough for the guests' half-second reads to see it
			sleep 3
			step="xen-vrngback reloads"
			modprobe xen-vrngback || break
			# 300 s: a debug guest under TCG reconnects within seconds
			step="both guests connect again"
			[ "$r" = "$RELOADS" ] || wait_for 300 both || break
			ok=$r
		done
		if [ "$ok" = "$RELOADS" ]; then
			tap_ok "xen-vrngback unbound, unloaded and reloaded $RELOADS time(s) with two guests attached"
		else
			tap_not_ok "xen-vrngback unbound, unloaded and reloaded $RELOADS time(s) with two guests attached" \
				"reload $r: $step failed; $(dmesg | tail -3 | tr '\n' ' ')"
		fi
		guest_results h1
		guest_results h2
	fi
else
	tap_not_ok "two guests created with the vrng device attached" "$(tail -3 /tmp/xl-h1.log /tmp/xl-h2.log | tr '\n' ' ')"
fi
guest_stop h1
guest_stop h2
check "dom0: modules unload" dom0_unload
