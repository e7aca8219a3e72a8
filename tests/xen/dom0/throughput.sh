#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vrng device's throughput, a benchmark (not a test of speed): one
# guest reads /dev/hwrng flat out (role greedy, rate unlimited); dom0
# counts the backend's bytes over 10 s after a 5 s warm-up. The one check
# is that bytes flowed at all.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start tp greedy "--rate 0" && wait_for 300 said tp reading; then
	d=$(xl domid tp)
	sleep 5
	b0=$(bstat "$d" bytes)
	sleep 10
	got=$(($(bstat "$d" bytes) - b0))
	echo "BENCH: $(bench_name xen) vrng hwrng_bytes_per_s $((got / 10))"
	if [ "$got" -gt 1048576 ]; then
		tap_ok "a guest reads /dev/hwrng flat out ($got bytes in 10 s)"
	else
		tap_not_ok "a guest reads /dev/hwrng flat out" "$got bytes; $(tr '\n' ' ' <"$VB/dom$d/stats")"
	fi
else
	tap_not_ok "a greedy guest comes up with the device" "$(tail -3 /tmp/xl-tp.log | tr '\n' ' ')"
fi
guest_stop tp
check "dom0: modules unload" dom0_unload
