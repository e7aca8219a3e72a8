#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-xdp" (dom0: tests/xen/dom0/xnf-xdp.sh, which runs
# xnf-bench-agent): native XDP with upstream xen-netfront and xen-xnf,
# programs from Debian's xdp-tools (xdp-bench). DROP: what dom0's pktgen
# sends is counted by the program and none of it reaches the stack; PASS:
# ping works; TX (hairpin) and REDIRECT (to the same device, through
# ndo_xdp_xmit): frames go back to dom0. xen-xnf's own counters must
# agree with the program's, and an MTU a program cannot see whole is
# refused.
# shellcheck shell=sh
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
GUEST_IP=10.99.0.2
DOM0_IP=10.99.0.1

# libxdp keeps its dispatcher in bpffs
mount -t bpf bpf /sys/fs/bpf 2>/dev/null
mkdir -p /tmp/xdp

# field N of dom0's count: 1 the vif's rx (what this guest sent), 2 tx
d0() { xnf-bench-ctl count | cut -d' ' -f"$1"; }
# xstat NAME: xen-xnf's counter NAME over its queues
xstat() { ethtool -S "$n" | sed -n "s/^ *q[0-9]*_$1: //p" | awk '{s += $1} END {print s + 0}'; }
# xdp-loader lists a program in native mode (xdp-bench's own word is
# buffered in its output file)
attached() { xdp-loader status "$n" 2>/dev/null | grep -qw native; }
# prog LOG ARGS...: xdp-bench ARGS in the background, attached (30 s)
prog() {
	_log=$1; shift
	xdp-bench "$@" >"/tmp/xdp/$_log" 2>&1 &
	xp=$!
	wait_for 30 attached && return
	tap_comment "xdp-bench $*: $(tail -5 "/tmp/xdp/$_log" | tr '\n' ' ')"
	return 1
}
# unprog LOG: the program stopped; it detaches before it exits
unprog() {
	kill -INT "$xp" 2>/dev/null
	wait "$xp"
	tap_comment "xdp-bench: $(grep -E 'Packets|Average|rror' "/tmp/xdp/$1" | tr -s ' \n' ' ')"
}
counted() { sed -n "s/^ *Packets $2 *: *\([0-9,]*\).*/\1/p" "/tmp/xdp/$1" | tr -d , | head -1; }
# flood SECS: 64-byte frames from dom0's pktgen to this guest, waited out
flood() {
	xnf-bench-ctl send 64 "$1" "$(cat "/sys/class/net/$n/address")" 10.255.255.2 >/dev/null || return 1
	sleep "$1"
	_i=0
	while [ "$(xnf-bench-ctl sent)" = running ] && [ $_i -lt 60 ]; do sleep 1; _i=$((_i + 1)); done
	xnf-bench-ctl sent
}
ge() { [ "$1" -ge "$2" ]; }

for drv in netfront xnf; do
	n=$(xnf-use "$drv" "$GUEST_IP/24" "$DOM0_IP" 2>/tmp/xdp/use.err)
	check "$drv takes the vif and reaches dom0" test -n "$n" ||
		{ tap_comment "$(cat /tmp/xdp/use.err)"; continue; }

	# DROP: counted by the program, nothing for the stack. At least 1000:
	# dom0's pktgen sends tens of thousands a second here, so a machine
	# 20 times slower passes.
	check "$drv: xdp-bench drop attaches in native mode" prog drop drop -i 1 "$n"
	r0=$(cat "/sys/class/net/$n/statistics/rx_packets")
	x0=$([ "$drv" = xnf ] && xstat xdp_drop || echo 0)
	sent=$(flood 3)
	unprog drop
	got=$(counted drop received)
	tap_comment "dom0 sent ${sent:-?}, the program counted ${got:-?}"
	check "$drv: the XDP program dropped dom0's frames (>= 1000)" ge "${got:-0}" 1000
	check "$drv: none of them reached the stack" \
		test "$(cat "/sys/class/net/$n/statistics/rx_packets")" = "$r0"
	if [ "$drv" = xnf ]; then
		check "xnf: its xdp_drop counter agrees with the program's count" \
			test $(($(xstat xdp_drop) - x0)) = "${got:-x}"
	fi

	# PASS: the stack still gets every frame
	check "$drv: xdp-bench pass attaches" prog pass pass -i 1 "$n"
	check "$drv: ping through XDP_PASS" ping -c 3 -W 5 "$DOM0_IP"
	unprog pass
	check "$drv: the program saw the pings" ge "$(counted pass received)" 3

	# TX and REDIRECT: frames go back out; dom0's vif counts them
	for mode in tx redirect; do
		if [ $mode = tx ]; then
			check "$drv: xdp-bench tx attaches" prog $mode tx -i 1 -p swap-macs "$n"
		else
			check "$drv: xdp-bench redirect (to itself) attaches" prog $mode redirect -i 1 "$n" "$n"
		fi
		a=$(d0 1)
		x0=$([ "$drv" = xnf ] && xstat "xdp_$([ $mode = tx ] && echo tx || echo xmit)" || echo 0)
		flood 2 >/dev/null
		sleep 1	# the last batch's completions
		back=$(($(d0 1) - a))
		unprog $mode
		tap_comment "$mode: $back frames came back to dom0"
		check "$drv: XDP $mode sends frames back to dom0 (>= 1000)" ge "$back" 1000
		if [ "$drv" = xnf ]; then
			x=$(($(xstat "xdp_$([ $mode = tx ] && echo tx || echo xmit)") - x0))
			check "xnf: every frame it sent for XDP $mode reached dom0 ($x)" ge "$back" "$x"
		fi
	done

	if [ "$drv" = xnf ]; then
		check "xnf: MTU 3000" ip link set "$n" mtu 3000
		check "xnf: a program attaches at MTU 3000 (a frame fits a page)" prog mtu drop -i 1 "$n"
		check "xnf: MTU 9000 refused while a program runs" \
			sh -c "! ip link set $n mtu 9000 2>/dev/null"
		unprog mtu
		check "xnf: MTU 9000 without a program" ip link set "$n" mtu 9000
		# refused at once: not run (status 124 from timeout), not attached
		timeout 20 xdp-bench drop -i 1 "$n" >/tmp/xdp/big 2>&1
		rc=$?
		tap_comment "at MTU 9000, xdp-bench: status $rc, $(grep -i 'mtu\|error\|fail' /tmp/xdp/big | head -2 | tr '\n' ' ')"
		check "xnf: a program is refused at MTU 9000" test "$rc" != 0 -a "$rc" != 124
		check "xnf: ... and says why (MTU)" grep -qi mtu /tmp/xdp/big
		ip link set "$n" mtu 1500
		check "xnf: ping after the programs" ping -c 2 -W 5 "$DOM0_IP"
		tap_comment "counters: $(ethtool -S "$n" | grep -E 'xdp|drop' | grep -v ': 0$' | tr -s ' \n' ' ')"
	fi
done
