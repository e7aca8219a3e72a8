#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "core": the entropy core and the CPU source (ent.sh's CPU:
# RDRAND on x86, RNDRRS on arm64, where Xen shows the guest the
# instruction) load in a Xen guest kernel, credit, produce output and
# unload cleanly.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

check "ent-core loads in a guest" modprobe ent-core
if [ -n "$CPU" ]; then
	check "$CPU loads" modprobe ent-cpu
	drain_start
	if wait_for 60 is_healthy "$CPU"; then
		tap_ok "$CPU passes start-up and is credited ($(stat "$CPU" credited_bits) bits)"
	else
		tap_not_ok "$CPU passes start-up and is credited" "state $(stat "$CPU" state)"
	fi
	drain_stop
	n=$(head -c 4096 /dev/ent_out | wc -c)
	[ "$n" = 4096 ] && tap_ok "/dev/ent_out gives 4096 bytes" ||
		tap_not_ok "/dev/ent_out gives 4096 bytes" "got $n"
	check "modules unload" rmmod ent-cpu ent-core
else
	tap_skip "the CPU source" "Xen shows this guest no RDRAND or RNDRRS"
	check "ent-core unloads" rmmod ent-core
fi
tap_injected_failure xen
