#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xen-xnf under load through the stock netback: dom0 serves iperf3 on its
# bridge, gives the guest's vif and the bridge MTU 9000, and the guest
# (role xnf-traffic) changes its queue count under pings from dom0, then
# runs TCP both ways with two queues, offloads on and off, and big
# frames, with xen-xnf and then upstream xen-netfront.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
# before the vif exists: vif-bridge gives it the bridge's MTU, which
# netback takes while it does not know the frontend's feature-sg yet
ip link set "$XNF_BRIDGE" mtu 9000
xnf_serve
check "dom0 serves iperf3 on $XNF_DOM0_IP" pgrep -x iperf3
# no initcall_blacklist: the guest loads xen-netfront after xen-xnf
if xnf_guest nt xnf-traffic 03; then
	be=/local/domain/0/backend/vif/$(xl domid nt)/0
	vif=vif$(xl domid nt).0
	connected() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = 4 ]; }
	# 300 s: as the guest's own wait for carrier
	check "netback connects to xen-xnf" wait_for 300 connected
	check "$vif keeps MTU 9000 (xen-xnf asked for scatter-gather)" \
		test "$(cat "/sys/class/net/$vif/mtu")" = 9000
	q=$(xenstore-read "$be/multi-queue-max-queues")
	check "netback offers 2 queues or more (one per dom0 CPU)" test "$q" -ge 2
	# The guest's queue changes run under pings from here, every 2 ms,
	# from its "stream on" to its "stream off" (or its end), each
	# answered in its data/xnf-stream. 600 s: the guest waits 300 for
	# its carrier before it asks.
	d=$(xl domid nt)
	over() { said nt "stream off" || ! xl list nt >/dev/null 2>&1; }
	if wait_for 600 said nt "stream on"; then
		busybox ping -q -i 0.002 "$XNF_GUEST_IP" >/dev/null 2>&1 &
		pinger=$!
		xenstore-write "/local/domain/$d/data/xnf-stream" on
		wait_for 600 over
		kill "$pinger"
		wait "$pinger" 2>/dev/null
		xenstore-write "/local/domain/$d/data/xnf-stream" off
	fi
	guest_results nt
	xnf_guest_reports nt
fi
guest_stop nt
xnf_bridge_down
