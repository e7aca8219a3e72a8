#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# XDP on the guest's vif with both drivers, upstream xen-netfront and
# xen-xnf (guest role xnf-xdp): dom0 runs xnf-bench-agent so that the
# guest can ask for frames from dom0's pktgen and read what its vif
# counted.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
modprobe pktgen 2>/dev/null
if xnf_guest nx xnf-xdp 05; then
	xnf_agent nx
	guest_results nx
	xnf_agent_stop
	xnf_guest_reports nx
fi
guest_stop nx
xnf_bridge_down
