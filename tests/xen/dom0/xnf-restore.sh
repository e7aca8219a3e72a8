#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xen-xnf across xl save and xl restore: the guest (role xnf-restore)
# passes traffic, is saved and restored, and must reconnect to the new
# netback with its traffic resuming (a migration is the same path).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
iperf3 -s -D -B "$XNF_DOM0_IP" --logfile /tmp/iperf3-server.log
guest_cfg nr xnf-restore "initcall_blacklist=netif_init" >/tmp/nr.cfg
echo "vif = [ 'bridge=$XNF_BRIDGE,mac=00:16:3e:00:99:05' ]" >>/tmp/nr.cfg
rm -f "$CON/guest-nr.log"
if xl create /tmp/nr.cfg >/tmp/xl-nr.log 2>&1; then
	tap_ok "xl creates a guest with a vif on $XNF_BRIDGE"
	# 600 s: the guest's connect is ~20 s even on a debug kernel
	check "the guest's xen-xnf passes traffic" wait_for 600 said nr "xnf ready"
	check "xl save" xl save nr /tmp/nr.save
	check "xl restore" xl restore /tmp/nr.cfg /tmp/nr.save
	rm -f /tmp/nr.save
	guest_results nr
	xnf_guest_reports nr
else
	tap_not_ok "xl creates a guest with a vif on $XNF_BRIDGE" "$(tail -3 /tmp/xl-nr.log | tr '\n' ' ')"
fi
guest_stop nr
pkill -x iperf3
xnf_bridge_down
