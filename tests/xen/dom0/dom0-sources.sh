#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dom0 runs under Xen with xenstore, and the entropy core's sources load
# there, pass their start-up tests and are credited.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

grep -q control_d /proc/xen/capabilities && tap_ok "dom0 runs under Xen" ||
	tap_not_ok "dom0 runs under Xen" "no control_d in /proc/xen/capabilities"
check "xenstore answers" xenstore-read domid
check "dom0: ent-core and its sources load" dom0_sources
drain_start
for dir in "$D"/sources/*; do
	s=${dir##*/}
	if wait_for 120 is_healthy "$s"; then
		tap_ok "dom0: $s passes start-up and is credited ($(stat "$s" credited_bits) bits)"
	else
		tap_not_ok "dom0: $s passes start-up and is credited" "state $(stat "$s" state)"
	fi
done
drain_stop
check "dom0: xen-vrngback loads" modprobe xen-vrngback
check "dom0: xenbus lists the vrng backend driver" \
	test -d /sys/bus/xen-backend/drivers/vrng
check "dom0: modules unload" dom0_unload
