#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-restore" (dom0: tests/xen/dom0/xnf-restore.sh): xen-xnf
# connected and passing traffic, then saved and restored by dom0; after
# the restore it connects again to the new netback and TCP flows.
# shellcheck shell=sh
# shellcheck source=tests/xen/guest/xnf.inc
. "$(dirname "$0")/xnf.inc"

check "the guest pings dom0 through xen-xnf" ping -c 3 -W 5 "$DOM0_IP"
tx0=$(xstat tx_packets)
echo "VRNG: xnf ready"
connects() { [ "$(dmesg | grep -c 'xnf vif-0: connected')" -ge 2 ]; }
# dom0 saves once it read "ready", then restores: minutes on a slow machine
check "xen-xnf connects again after the restore" wait_for 600 connects
check "$n has carrier again" wait_for 300 up
check "the restored guest pings dom0" ping -c 3 -W 5 "$DOM0_IP"
check "TCP flows again (iperf3, 2 s)" timeout 120 iperf3 -c "$DOM0_IP" -t 2
check "counters go on across the reconnection" test "$(xstat tx_packets)" -gt "$tx0"
