#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xen-xnf under load through the stock netback: dom0 serves iperf3 on its
# bridge, gives the guest's vif and the bridge MTU 9000, and the guest
# (role xnf-traffic) runs TCP both ways with two queues, offloads on and
# off, and big frames.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
# before the vif exists: vif-bridge gives it the bridge's MTU, which
# netback takes while it does not know the frontend's feature-sg yet
ip link set "$XNF_BRIDGE" mtu 9000
iperf3 -s -D -B "$XNF_DOM0_IP" --logfile /tmp/iperf3-server.log
check "dom0 serves iperf3 on $XNF_DOM0_IP" pgrep -x iperf3
guest_cfg nt xnf-traffic "initcall_blacklist=netif_init" >/tmp/nt.cfg
echo "vif = [ 'bridge=$XNF_BRIDGE,mac=00:16:3e:00:99:03' ]" >>/tmp/nt.cfg
if xl create /tmp/nt.cfg >/tmp/xl-nt.log 2>&1; then
	tap_ok "xl creates a guest with a vif on $XNF_BRIDGE"
	be=/local/domain/0/backend/vif/$(xl domid nt)/0
	vif=vif$(xl domid nt).0
	connected() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = 4 ]; }
	# 300 s: as the guest's own wait for carrier
	check "netback connects to xen-xnf" wait_for 300 connected
	check "$vif keeps MTU 9000 (xen-xnf asked for scatter-gather)" \
		test "$(cat "/sys/class/net/$vif/mtu")" = 9000
	q=$(xenstore-read "$be/multi-queue-max-queues")
	check "netback offers 2 queues or more (one per dom0 CPU)" test "$q" -ge 2
	guest_results nt
	xnf_guest_reports nt
else
	tap_not_ok "xl creates a guest with a vif on $XNF_BRIDGE" "$(tail -3 /tmp/xl-nt.log | tr '\n' ' ')"
fi
guest_stop nt
pkill -x iperf3
xnf_bridge_down
