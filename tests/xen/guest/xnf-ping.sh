#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-ping": the vif moves to xen-xnf, takes an address, and
# pings dom0; then xen-xnf is unloaded while a TCP stream runs (on the
# debug kernel, whose reports the runner turns into failures).
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
check "xen-xnf unloads under traffic" rmmod xen-xnf
gone() { [ ! -e "/sys/class/net/$n" ]; }
check "$n is gone with it" wait_for 30 gone
kill "$ip" 2>/dev/null
wait "$ip" 2>/dev/null
