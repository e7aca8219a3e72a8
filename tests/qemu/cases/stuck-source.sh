#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A stuck source fails at once, stops being credited, is logged, and
# re-enters through a fresh start-up test once it recovers (retry_secs=3).
# No rngd here: it would fill the pool the moment it has room, and the CPU
# source's credit must show (a generator takes at most a seed per 100 ms,
# so the drain is four readers).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

[ -n "$CPU" ] || { tap_skip "a stuck CPU source fails" "no CPU source on $(uname -m)"; exit 0; }
modprobe ent-core retry_secs=3 max_failures=0
check "$CPU loads" modprobe ent-cpu
drain_start
MORE=""
for _ in 1 2 3; do cat /dev/ent_out >/dev/null & MORE="$MORE $!"; done
wait_for 60 is_healthy "$CPU"
echo 1 >"$D/sources/$CPU/inject_stuck"
if wait_for 20 has_state "$CPU" failed; then
	tap_ok "stuck $CPU fails its $(stat "$CPU" last_failure) test"
else
	tap_not_ok "stuck $CPU fails a health test" "state $(stat "$CPU" state)"
fi
c0=$(stat "$CPU" credited_bits)
r0=$(stat "$CPU" raw_bytes)
# raw bytes go on while credit stands still: counted, not timed
grew() { [ "$(stat "$CPU" raw_bytes)" -gt $((r0 + 4096)) ]; }
wait_for 30 grew
c1=$(stat "$CPU" credited_bits)
r1=$(stat "$CPU" raw_bytes)
if [ "$c1" = "$c0" ] && [ "$r1" -gt "$r0" ]; then
	tap_ok "failed $CPU is no longer credited (raw bytes still tested)"
else
	tap_not_ok "failed $CPU is no longer credited" "credited $c0 -> $c1, raw $r0 -> $r1"
fi
dmesg_has "source $CPU failed its repetition-count test" &&
	tap_ok "the failure is logged" || tap_not_ok "the failure is logged"
echo 0 >"$D/sources/$CPU/inject_stuck"
recovered() { is_healthy "$CPU" && [ "$(stat "$CPU" credited_bits)" -gt "$c1" ]; }
if wait_for 60 recovered; then
	tap_ok "recovered $CPU re-enters through a fresh start-up test"
else
	tap_not_ok "recovered $CPU re-enters through a fresh start-up test" "state $(stat "$CPU" state)"
fi
drain_stop
kill $MORE 2>/dev/null
wait $MORE 2>/dev/null
check "every module unloads" ent_unload
