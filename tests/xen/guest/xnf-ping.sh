#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-ping": the vif moves to xen-xnf, takes an address, and
# pings dom0; then xen-xnf lets go of the vif while a TCP stream runs,
# and unloads (on the debug kernel, whose reports the runner turns into
# failures).
# shellcheck shell=sh
# shellcheck source=tests/xen/guest/xnf.inc
. "$(dirname "$0")/xnf.inc"

check "the guest pings dom0 through xen-xnf" ping -c 5 -W 5 "$DOM0_IP"
echo "VRNG: xnf $(xstat tx_packets) tx, $(xstat rx_packets) rx"

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
