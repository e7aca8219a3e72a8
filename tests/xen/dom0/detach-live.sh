#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Detach under a live, reading frontend: it closes in the handshake and
# the backend lets go of the device.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start dl reader; then
	d=$(xl domid dl)
	wait_for 300 said dl reading
	gone_dev() { [ ! -e "$VB/dom$1" ]; }
	if vrng-attach detach "$d" >/tmp/detach.out 2>&1 &&
		! grep -q "did not close" /tmp/detach.out && wait_for 10 gone_dev "$d"; then
		tap_ok "detach with a live frontend: it closes in the handshake, the backend lets go"
	else
		tap_not_ok "detach with a live frontend" "$(cat /tmp/detach.out)"
	fi
else
	tap_not_ok "xl creates a guest" "$(tail -3 /tmp/xl-dl.log | tr '\n' ' ')"
fi
guest_stop dl
check "dom0: modules unload" dom0_unload
