#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-ping": the vif moves to xen-xnf, takes an address, and
# pings dom0; sends TCP to a trusted backend, whose frames go without a
# copy, then to an untrusted one (dom0 sets the key), whose are copied;
# then xen-xnf lets go of the vif while a TCP stream runs, and unloads (on the debug kernel, whose reports the runner turns into
# failures).
# shellcheck shell=sh
# shellcheck source=tests/xen/guest/xnf.inc
. "$(dirname "$0")/xnf.inc"

check "the guest pings dom0 through xen-xnf" ping -c 5 -W 5 "$DOM0_IP"
echo "VRNG: xnf $(xstat tx_packets) tx, $(xstat rx_packets) rx"

# TCP's TSO frames, their data in page fragments: to a trusted backend
# (no trusted key: 1) their pages are granted, not copied; the grants end
# when netback answers, which it does only once it has unmapped them.
tcp3() { timeout 120 iperf3 -c "$DOM0_IP" -t 3 >/tmp/iperf3.log 2>&1; }
g0=$(xstat tx_granted)
check "TCP to dom0 for 3 s" tcp3
check "large frames go to a trusted backend without a copy" test "$(xstat tx_granted)" -gt "$g0"
check "every granted page was unmapped when answered" test "$(xstat tx_grant_busy)" = 0
# An untrusted backend (the toolstack's trusted key 0: xl's "untrusted"
# vif flag) would see the rest of every page granted: all is copied.
# dom0 writes the key on the guest's word; xen-xnf reads it at probe.
echo "VRNG: xnf untrust me"
untrusted() { [ "$(xenstore-read device/vif/0/trusted 2>/dev/null)" = 0 ]; }
check "dom0 marks the backend untrusted" wait_for 600 untrusted
echo vif-0 >/sys/bus/xen/drivers/xnf/unbind
echo vif-0 >/sys/bus/xen/drivers/xnf/bind
check "xen-xnf has the vif again: a net device" wait_for 60 has
n=$(dev)
ip addr add "$GUEST_IP/24" dev "$n"
ip link set "$n" up
check "$n has carrier again" wait_for 300 up
check "TCP to an untrusted backend for 3 s" tcp3
# 1 MB in 3 s is 2.7 Mbit/s, far below a debug guest's TCP under TCG
gr=$(xstat tx_granted) cp=$(xstat tx_copied_bytes)
check "no page granted to it ($gr): every frame copied ($cp bytes)" \
	sh -c "[ $gr = 0 ] && [ $cp -gt 1000000 ]"

iperf3 -c "$DOM0_IP" -t 600 >/tmp/iperf.log 2>&1 &
ip=$!
# traffic is flowing: 1000 frames sent beyond what the pings took
base=$(xstat tx_packets)
flowing() { [ "$(xstat tx_packets)" -gt $((base + 1000)) ]; }
check "a TCP stream runs through xen-xnf" wait_for 120 flowing
# A bound xenbus device holds its driver's module: unbind (remove() runs
# under the stream), then unload.
check "xen-xnf lets go of vif-0 under traffic" sh -c 'echo vif-0 >/sys/bus/xen/drivers/xnf/unbind'
gone() { [ ! -e "/sys/class/net/$n" ]; }
check "$n is gone with it" wait_for 30 gone
check "xen-xnf unloads" rmmod xen-xnf
kill "$ip" 2>/dev/null
wait "$ip" 2>/dev/null || true	# killed: not a failure
