#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-traffic" (dom0: tests/xen/dom0/xnf-traffic.sh, which
# serves iperf3 on $DOM0_IP and gives the vif and its bridge MTU 9000):
# xen-xnf with two queues, one and two again (ethtool -L) under dom0's
# pings, carries TCP both ways with its offloads (TSO out, GSO in), then
# with them off, then 8000-byte frames whole; then upstream xen-netfront
# the same way.
# shellcheck shell=sh
export XNF_ARGS="queues=2"	# xnf.inc loads xen-xnf with them
# shellcheck source=tests/xen/guest/xnf.inc
. "$(dirname "$0")/xnf.inc"

combined() { ethtool -l "$n" | awk '/^Current/ {c = 1} c && /^Combined/ {print $2; exit}'; }
check "ethtool -l: 2 queues connected" test "$(combined)" = 2
both_posted() { [ "$(ethtool -S "$n" | sed -n 's/^ *q1_rx_ring_posted: //p')" -gt 0 ]; }
check "queue 1 has RX buffers posted to netback" both_posted
check "the guest pings dom0 through xen-xnf" ping -c 3 -W 5 "$DOM0_IP"

# ethtool -L: each count takes a new connection (Closing, Closed,
# Initialising with netback); 60 s for it, 50 times what it takes here.
# dom0 pings the guest every 2 ms meanwhile (asked by "stream on", it
# answers in data/xnf-stream): netback turns its carrier on before it
# says Connected, so frames reach a ring before xen-xnf knows it is
# connected, and the queue that has them must not go deaf (one did, for
# good). 100 of them within 30 s of the connection: 500 a second are
# sent, and a deaf queue takes none, ever.
queues_up() { [ "$(combined)" = "$1" ] && up; }
streaming() { [ "$(xenstore-read data/xnf-stream 2>/dev/null)" = "$1" ]; }
rx_since() { [ $(($(xstat rx_ring_packets) - $1)) -ge 100 ]; }
echo "VRNG: stream on"
check "dom0 pings the guest every 2 ms" wait_for 600 streaming on
check "ethtool -L combined 1" ethtool -L "$n" combined 1
check "one queue connected after it" wait_for 60 queues_up 1
queues_up 1 || xnf_diag
rx0=$(xstat rx_ring_packets)
check "dom0's pings reach the one queue" wait_for 30 rx_since "$rx0"
check "ping with one queue" ping -c 2 -W 5 "$DOM0_IP"
check "ethtool -L combined 2" ethtool -L "$n" combined 2
check "two queues connected again" wait_for 60 queues_up 2
queues_up 2 || xnf_diag
rx0=$(xstat rx_ring_packets)
check "dom0's pings reach the guest after the reconnect" wait_for 30 rx_since "$rx0"
echo "VRNG: stream off"
check "dom0 stops its pings" wait_for 600 streaming off
check "ethtool -L combined 3 refused (queues=2 is the most)" \
	sh -c "! ethtool -L $n combined 3 2>/dev/null"

# iperf3 -J's bytes the receiver counted (its "end" "sum_received").
received() { awk '/"sum_received"/ {f = 1} f && /"bytes"/ {gsub(/[^0-9]/, ""); print; exit}' "$1"; }
# TCP for SECONDS, ARGS...: at least 1 MB received (a slow machine under
# TCG still moves hundreds of Mbit/s; this only asks that TCP works).
# A stalled stream fails after 60 s more, not never.
tcp() {
	_s=$1; shift
	if timeout $((_s + 60)) iperf3 -c "$DOM0_IP" -t "$_s" -J "$@" >/tmp/iperf.json 2>&1 &&
		[ "$(received /tmp/iperf.json)" -ge 1000000 ]; then
		return 0
	fi
	tap_comment "iperf3: $(tail -c 400 /tmp/iperf.json | tr -s ' \n\t' ' ')"
	tap_comment "counters: $(ethtool -S "$n" | grep -v ': 0$' | tr -s ' \n' ' ')"
	return 1
}
gso0=$(xstat tx_gso)
check "TCP guest to dom0, 4 streams" tcp 5 -P 4
tap_comment "$(received /tmp/iperf.json) bytes"
check "TSO used: GSO frames sent" test "$(xstat tx_gso)" -gt "$gso0"
rgso0=$(xstat rx_ring_gso)
check "TCP dom0 to guest, 4 streams" tcp 5 -P 4 -R
tap_comment "$(received /tmp/iperf.json) bytes"
check "GSO frames received from netback" test "$(xstat rx_ring_gso)" -gt "$rgso0"
tap_comment "per queue: $(ethtool -S "$n" | grep -E 'q[0-9]_(tx|rx_ring)_packets' | tr -s ' \n' ' ')"

# The packet tool over both queues: pktgen spreads its frames at random,
# so 2 s of them (thousands under TCG) leave some on each: 100 is far
# below half of what the slowest machine sends in that time.
qtx() { ethtool -S "$n" | sed -n "s/^ *q$1_tx_packets: //p"; }
d0mac=$(ip neigh show "$DOM0_IP" | awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }')
a0=$(qtx 0) a1=$(qtx 1)
check "xnf-pktgen -q 2: 64-byte frames to dom0 for 2 s" \
	sh -c "xnf-pktgen send -i $n -d 10.255.255.1 -m '$d0mac' -t 2 -b 8 -q 2 >/tmp/pktgen-q2.json"
tap_comment "per queue: q0 $(($(qtx 0) - a0)), q1 $(($(qtx 1) - a1)) frames"
check "... from both queues (100 or more each)" \
	test $(($(qtx 0) - a0)) -ge 100 -a $(($(qtx 1) - a1)) -ge 100
check "xnf-pktgen -q 3 refused on a 2-queue device" \
	sh -c "! xnf-pktgen send -i $n -d 10.255.255.1 -m '$d0mac' -t 1 -q 3 2>/dev/null"
# The tool's other frame size: 1500 bytes on the wire are 1496 without
# the FCS, which is what the device counts a frame. Nothing else is
# sent meanwhile but an ARP or two, and no frame at MTU 1500 is over
# 1514 bytes, so the mean is within 2 % of 1496 (100 frames at least:
# thousands go in 2 s under TCG).
dev_tx() { cat "/sys/class/net/$n/statistics/tx_$1"; }
p0=$(dev_tx packets) y0=$(dev_tx bytes)
check "xnf-pktgen -s 1500: 1500-byte frames to dom0 for 2 s" \
	sh -c "xnf-pktgen send -i $n -d 10.255.255.1 -m '$d0mac' -s 1500 -t 2 -b 8 >/tmp/pktgen-1500.json"
p1=$(($(dev_tx packets) - p0)) y1=$(($(dev_tx bytes) - y0))
tap_comment "$p1 frames, $y1 bytes"
check "... sent whole: 1496 bytes a frame on average (within 2 %)" \
	test "$p1" -ge 100 -a "$y1" -ge $((p1 * 1466)) -a "$y1" -le $((p1 * 1514))

check "offloads off (ethtool -K tx off sg off tso off)" ethtool -K "$n" tx off sg off tso off
gso0=$(xstat tx_gso)
check "TCP guest to dom0 without offloads" tcp 3
check "no GSO frame sent with TSO off" test "$(xstat tx_gso)" = "$gso0"
check "offloads on again" ethtool -K "$n" tx on sg on tso on
check "TCP guest to dom0 with offloads again" tcp 3

# Big frames: with MTU 9000 an 8000-byte ping goes whole, not as 6
# fragments: fewer than 2 frames a ping (an ARP may add one or two).
check "MTU 9000" ip link set "$n" mtu 9000
tx0=$(xstat tx_packets)
slots0=$(xstat rx_ring_slots)
rx0=$(xstat rx_ring_packets)
check "8000-byte pings both ways" ping -c 5 -s 8000 -W 5 "$DOM0_IP"
check "each 8000-byte ping left as one frame" test $(($(xstat tx_packets) - tx0)) -lt 10
check "replies came in frames of several slots" test \
	$(($(xstat rx_ring_slots) - slots0)) -gt $(($(xstat rx_ring_packets) - rx0))

ev=$(($(xstat events_sent) + $(xstat rx_events_sent) + $(xstat irqs) + $(xstat tx_irqs)))
pk=$(($(xstat tx_packets) + $(xstat rx_packets)))
tap_comment "events $ev for $pk frames (sent and received over tx + rx)"
echo "VRNG: xnf events $ev frames $pk"

# The same paths with upstream xen-netfront, so that both drivers are
# seen to carry them through this netback: two queues, TCP both ways,
# offloads off and on, 8000-byte frames whole.
check "the vif moves to xen-netfront with 2 queues" \
	sh -c "xnf-use -q 2 netfront $GUEST_IP/24 $DOM0_IP >/tmp/nf-dev"
n=$(cat /tmp/nf-dev)
txqs() { ls -d "/sys/class/net/$n/queues"/tx-* | wc -l; }
check "netfront: 2 queues" test "$(txqs)" = 2
check "netfront: TCP guest to dom0, 4 streams" tcp 5 -P 4
check "netfront: TCP dom0 to guest, 4 streams" tcp 5 -P 4 -R
check "netfront: offloads off" ethtool -K "$n" tx off sg off tso off
check "netfront: TCP guest to dom0 without offloads" tcp 3
check "netfront: offloads on again" ethtool -K "$n" tx on sg on tso on
check "netfront: MTU 9000" ip link set "$n" mtu 9000
check "netfront: 8000-byte pings both ways" ping -c 5 -s 8000 -W 5 "$DOM0_IP"
