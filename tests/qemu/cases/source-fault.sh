#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A faulty CPU source, stuck then biased (the core's inject_stuck and
# inject_biased switches): each fails the health test meant for it
# within the bound entropy/core/tests/test_fault.c proves (counted in
# samples, not time), stops being credited while its raw bytes are
# still tested, is logged, and re-enters through a fresh start-up test
# once it recovers (retry_secs=3).
# No rngd here: it would fill the pool the moment it has room, and the CPU
# source's credit must show (a generator takes at most a seed per 100 ms,
# so the drain is four readers).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

[ -n "$CPU" ] || { tap_skip "a faulty CPU source fails" "no CPU source on $(uname -m)"; exit 0; }
modprobe ent-core retry_secs=3 max_failures=0
check "$CPU loads" modprobe ent-cpu
drain_start
MORE=""
for _ in 1 2 3; do cat /dev/ent_out >/dev/null & MORE="$MORE $!"; done
for f in stuck biased; do
	wait_for 60 is_healthy "$CPU"
	echo 1 >"$D/sources/$CPU/inject_$f"
	caught() { [ "$(stat "$CPU" inject_caught_after)" -gt 0 ]; }
	if wait_for 20 caught && fault_caught "$f" "$CPU"; then
		tap_ok "$f $CPU fails its $(stat "$CPU" last_failure) test after $(stat "$CPU" inject_caught_after) samples (bound $(fault_expect "$f" "$CPU" | cut -d' ' -f2))"
	else
		tap_not_ok "$f $CPU fails its test within the bound" \
			"state $(stat "$CPU" state), test $(stat "$CPU" last_failure), after $(stat "$CPU" inject_caught_after) samples; expected $(fault_expect "$f" "$CPU")"
	fi
	c0=$(stat "$CPU" credited_bits)
	r0=$(stat "$CPU" raw_bytes)
	# raw bytes go on while credit stands still: counted, not timed
	grew() { [ "$(stat "$CPU" raw_bytes)" -gt $((r0 + 4096)) ]; }
	wait_for 30 grew
	c1=$(stat "$CPU" credited_bits)
	r1=$(stat "$CPU" raw_bytes)
	if [ "$c1" = "$c0" ] && [ "$r1" -gt "$r0" ]; then
		tap_ok "$f $CPU is no longer credited (raw bytes still tested)"
	else
		tap_not_ok "$f $CPU is no longer credited" "credited $c0 -> $c1, raw $r0 -> $r1"
	fi
	dmesg_has "source $CPU failed its $(stat "$CPU" last_failure) test" &&
		tap_ok "$f: the failure is logged" || tap_not_ok "$f: the failure is logged"
	echo 0 >"$D/sources/$CPU/inject_$f"
	recovered() { is_healthy "$CPU" && [ "$(stat "$CPU" credited_bits)" -gt "$c1" ]; }
	if wait_for 60 recovered; then
		tap_ok "$f: recovered $CPU re-enters through a fresh start-up test"
	else
		tap_not_ok "$f: recovered $CPU re-enters through a fresh start-up test" "state $(stat "$CPU" state)"
	fi
done
drain_stop
kill $MORE 2>/dev/null
wait $MORE 2>/dev/null
check "every module unloads" ent_unload
