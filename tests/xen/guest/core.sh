#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "core": the entropy core and the CPU source load in a Xen
# guest kernel, credit, produce output and unload cleanly.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
D=/sys/kernel/debug/ent
stat() { sed -n "s/^$2: //p" "$D/sources/$1/stats" 2>/dev/null; }
is_healthy() { [ "$(stat "$1" state)" = healthy ] && [ "$(stat "$1" credited_bits)" -gt 0 ]; }

check "ent-core loads in a PV guest" modprobe ent-core
if grep -q rdrand /proc/cpuinfo; then
	check "cpu-rdrand loads" modprobe ent-cpu
	cat /dev/ent_out >/dev/null &
	DRAIN=$!
	if wait_for 60 is_healthy cpu-rdrand; then
		tap_ok "cpu-rdrand passes start-up and is credited ($(stat cpu-rdrand credited_bits) bits)"
	else
		tap_not_ok "cpu-rdrand passes start-up and is credited" "state $(stat cpu-rdrand state)"
	fi
	kill $DRAIN
	wait $DRAIN 2>/dev/null
	n=$(head -c 4096 /dev/ent_out | wc -c)
	[ "$n" = 4096 ] && tap_ok "/dev/ent_out gives 4096 bytes" ||
		tap_not_ok "/dev/ent_out gives 4096 bytes" "got $n"
	check "modules unload" rmmod ent-cpu ent-core
else
	tap_skip "cpu-rdrand" "Xen gives this guest no RDRAND"
	check "ent-core unloads" rmmod ent-core
fi
tap_injected_failure xen
