#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-reload" (dom0: tests/xen/dom0/xnf-reload.sh): with
# xen-xnf, then with upstream xen-netfront where this kernel has it, ping
# runs while dom0 unbinds and reloads netback; traffic must resume on the
# same connection (netback re-attaches to the rings), TCP flow again, and
# the kernel say nothing wrong. XNF_RELOAD_SECONDS (the soak) repeats
# the reloads under xen-xnf for that long.
# shellcheck shell=sh
# shellcheck source=tests/xen/guest/xnf.inc
. "$(dirname "$0")/xnf.inc"

reloaded() { [ "$(xenstore-read data/xnf-reload 2>/dev/null)" = "$1" ]; }
pings() { ping -c 1 -W 2 "$DOM0_IP" >/dev/null 2>&1; }
secs() { cut -d. -f1 /proc/uptime; }
rounds=0
# round DRIVER: one reload of netback under traffic; dom0 answers the
# round's number in data/xnf-reload.
round() {
	rounds=$((rounds + 1))
	check "$1: pings dom0 before the reload" ping -c 3 -W 5 "$DOM0_IP"
	# traffic across the reload: a ping every 0.2 s in the background
	ping -i 0.2 "$DOM0_IP" >/tmp/ping-$1.log 2>&1 &
	_p=$!
	echo "VRNG: reload $rounds $1"
	# dom0 reloads once it reads the line: minutes on a slow machine
	check "$1: dom0 reloaded netback" wait_for 900 reloaded "$rounds"
	reloaded "$rounds" || xnf_diag
	# 120 s: the new vif is on the bridge when dom0 says so; only ARP
	# and the bridge's learning stand between it and a reply
	check "$1: traffic resumes after the reload" wait_for 120 pings
	kill "$_p" 2>/dev/null
	wait "$_p" 2>/dev/null
	tap_comment "$1: $(tail -2 /tmp/ping-$1.log | tr '\n' ' ')"
	check "$1: TCP flows after the reload (iperf3, 2 s)" timeout 120 iperf3 -c "$DOM0_IP" -t 2
}

# The soak (make soak) sets XNF_RELOAD_SECONDS: reloads go on under
# xen-xnf's traffic until that much time has passed.
t_end=$(($(secs) + ${XNF_RELOAD_SECONDS:-0}))
round xnf
while [ "$(secs)" -lt "$t_end" ]; do
	round xnf
done
[ "$rounds" -gt 1 ] && tap_comment "xnf: $rounds reloads in ${XNF_RELOAD_SECONDS} s"
check "xen-xnf stayed connected through it (one connection)" \
	test "$(dmesg | grep -c 'xnf vif-0: connected')" = 1
modprobe xen-netfront 2>/dev/null
if [ -d /sys/bus/xen/drivers/vif ]; then
	check "the vif moves to xen-netfront" xnf-use netfront "$GUEST_IP/24" "$DOM0_IP"
	round netfront
else
	tap_comment "no xen-netfront in this kernel (built in and held back): xen-xnf only"
fi
echo "VRNG: reloads done"
check "no kernel warning" sh -c "! dmesg | grep -q 'WARNING:\\|BUG:'"
