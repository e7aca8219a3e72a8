#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The unikernel's benchmark, same run, same dom0, same bridge: UDP round
# trips (sockperf ping-pong, 64-byte messages) and reflected packets a
# second (pktgen's 64-byte frames to the echo port, counted coming back
# at dom0's vif) of
#   uk        the unikernel (libxnfront, its own stack)
#   netfront  a Linux guest running the same stack (xnf-reflect) through
#             upstream xen-netfront
#   xnf       the same guest, its vif moved to xen-xnf
# interleaved over UK_BENCH_ROUNDS rounds of UK_BENCH_SECONDS a figure;
# medians and their spread to the report (lines "UKBENCH: ", kept as
# build/results/uk-bench.json) and "BENCH: " lines. A smoke run in make
# check (it checks that every figure was measured, never how fast);
# make bench-uk sets more rounds.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

ROUNDS=${UK_BENCH_ROUNDS:-1}
SECS=${UK_BENCH_SECONDS:-2}
UK_IP=10.99.0.50 UK_MAC=00:16:3e:00:99:50
LX_IP=10.99.0.51 LX_MAC=00:16:3e:00:99:51
NOBODY=10.99.0.99	# pktgen's source: echoes die in dom0's stack (uk-net)
RAW=/tmp/uk-bench.raw

# measure TARGET IP MAC VIF: one line "TARGET RTT-AVG P50 P99 PPS" to $RAW
measure() {
	_out=$(timeout $((SECS + 60)) sockperf ping-pong -i "$2" -p 11111 -t "$SECS" -m 64 2>&1)
	_avg=$(echo "$_out" | sed -n 's/.*avg-latency=\([0-9.]*\).*/\1/p' | head -1)
	_p50=$(echo "$_out" | sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p' | head -1)
	_p99=$(echo "$_out" | sed -n 's/.*percentile 99.000 = *\([0-9.]*\).*/\1/p' | head -1)
	xnf-pktgen send -i "$4" -d "$2" -m "$3" -S "$NOBODY" -P 7 -t "$SECS" \
		-r "cat /sys/class/net/$4/statistics/rx_packets" >/tmp/uk-bench-pg.json 2>/tmp/uk-bench-pg.err
	_pps=$(sed -n 's/.*"sum_received": {[^}]*"packets_per_second": \([0-9]*\).*/\1/p' /tmp/uk-bench-pg.json)
	echo "$1 ${_avg:-0} ${_p50:-0} ${_p99:-0} ${_pps:-0}" >>"$RAW"
}

# use DRIVER: the Linux guest's vif moved to it, its reflector running
use() {
	_want=$1
	xenstore-write "/local/domain/$lx/data/uk-bench/driver" "$_want"
	ready() { [ "$(xenstore-read "/local/domain/$lx/data/uk-bench/ready" 2>/dev/null)" = "$_want" ]; }
	# 120 s: a driver switch under TCG takes 5-20 s
	wait_for 120 ready
}

xnf_bridge_up
modprobe pktgen 2>/dev/null
: >"$RAW"
if uk_create ub "ip=$UK_IP" "vif = [ 'bridge=$XNF_BRIDGE,mac=$UK_MAC' ]" &&
   xl unpause ub && xnf_guest lr uk-reflect 51; then
	lx=$(xl domid lr) ud=$(xl domid ub)
	check "the unikernel's network comes up" wait_for 120 said_uk ub 'network up in '
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		r=$((r + 1))
		measure uk "$UK_IP" "$UK_MAC" "vif$ud.0"
		for drv in netfront xnf; do
			if use "$drv"; then
				measure "$drv" "$LX_IP" "$LX_MAC" "vif$lx.0"
			else
				tap_comment "round $r: the guest's reflector never ran through $drv"
			fi
		done
	done
	xenstore-write "/local/domain/$lx/data/uk-bench/driver" "done"
	guest_results lr 120
	xl shutdown ub >/dev/null 2>&1
	wait_for 60 uk_gone ub
	tap_comment "uk: $(uk_line ub 'net: received ')"

	# medians (and lowest, highest) of each figure over the rounds
	awk -v rounds="$ROUNDS" -v secs="$SECS" '
	function median(t, f,   n, i, j, v, a) {
		n = 0
		for (i = 1; i <= cnt[t]; i++) a[++n] = val[t, i, f]
		for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
		lo[t, f] = a[1]; hi[t, f] = a[n]
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ cnt[$1]++; for (f = 2; f <= 5; f++) val[$1, cnt[$1], f] = $f }
	END {
		split("rtt_avg_us rtt_p50_us rtt_p99_us reflected_pps", name, " ")
		printf "{\n  \"start\": {\"rounds\": %d, \"seconds\": %d, \"message_bytes\": 64, \"frame_bytes\": 64},\n  \"end\": [", rounds, secs
		sep = ""
		for (f = 2; f <= 5; f++) {
			for (k = 1; k <= 3; k++) {
				t = k == 1 ? "uk" : k == 2 ? "netfront" : "xnf"
				m[t] = cnt[t] ? median(t, f) : 0
			}
			printf "%s\n    {\"figure\": \"%s\", \"uk\": %s, \"netfront\": %s, \"xnf\": %s, \"uk_range\": [%s, %s], \"netfront_range\": [%s, %s], \"xnf_range\": [%s, %s]}", sep, name[f - 1], m["uk"], m["netfront"], m["xnf"], lo["uk", f], hi["uk", f], lo["netfront", f], hi["netfront", f], lo["xnf", f], hi["xnf", f]
			sep = ","
			bench[f] = sprintf("BENCH: uk-bench %s uk %s netfront %s xnf %s", name[f - 1], m["uk"], m["netfront"], m["xnf"])
		}
		printf "\n  ]\n}\n"
		for (f = 2; f <= 5; f++) print bench[f] > "/dev/stderr"
	}' "$RAW" >/tmp/uk-bench.json 2>/tmp/uk-bench.lines
	sed 's/^/UKBENCH: /' /tmp/uk-bench.json
	cat /tmp/uk-bench.lines
	while read -r t avg p50 p99 pps; do
		tap_comment "$t: round trip $avg us on average (p50 $p50, p99 $p99), $pps reflected packets/s"
	done <"$RAW"
	# every figure measured for every target: nothing is judged on speed
	for t in uk netfront xnf; do
		measured() { [ "$(awk -v t="$t" '$1 == t && $2 > 0 && $5 > 0 { n++ } END { print n + 0 }' "$RAW")" = "$ROUNDS" ]; }
		check "$t: round trips and reflected packets measured in each of $ROUNDS round(s)" measured
	done
else
	tap_not_ok "the unikernel and the Linux guest are created" "$(tail -2 /tmp/xl-ub.log /tmp/xl-lr.log 2>/dev/null | tr '\n' ' ')"
fi
xl destroy ub 2>/dev/null || true
guest_stop lr
xnf_bridge_down
