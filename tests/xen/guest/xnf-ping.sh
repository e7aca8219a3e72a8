#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "xnf-ping": the vif moves to xen-xnf, takes an address, and
# pings dom0 (tests/xen/dom0/xnf-ping.sh).
# shellcheck shell=sh
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"

# xen-netfront may hold the vif (built in, or loaded): let it go.
if [ -e /sys/bus/xen/drivers/vif/vif-0 ]; then
	echo vif-0 >/sys/bus/xen/drivers/vif/unbind
fi
check "xen-xnf loads" modprobe xen-xnf
[ -e /sys/bus/xen/drivers/xnf/vif-0 ] || echo vif-0 >/sys/bus/xen/drivers/xnf/bind 2>/dev/null
dev() { ls /sys/bus/xen/devices/vif-0/net 2>/dev/null | head -1; }
has() { [ -n "$(dev)" ]; }
check "xen-xnf has the vif: a net device" wait_for 60 has
n=$(dev)
ip addr add 10.99.0.2/24 dev "$n"
ip link set "$n" up
# carrier reads only on a device that is up
up() { [ "$(cat "/sys/class/net/$n/carrier" 2>/dev/null)" = 1 ]; }
# 300 s: 15 times what a debug guest takes to connect under TCG
check "$n has carrier (connected to netback)" wait_for 300 up
check "the guest pings dom0 through xen-xnf" ping -c 5 -W 5 10.99.0.1
echo "VRNG: xnf $(cat "/sys/class/net/$n/statistics/tx_packets") tx, $(cat "/sys/class/net/$n/statistics/rx_packets") rx"
