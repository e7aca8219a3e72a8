#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The project's netfront (xen-xnf) in a guest on a dom0 bridge served by
# the stock netback: the guest's vif moves from xen-netfront to xen-xnf
# (unbind/bind), the guest pings dom0, sends TCP to it trusted, then
# untrusted (this end writes the frontend's trusted key on the guest's
# word), then unloads xen-xnf under a TCP stream (guest role xnf-ping).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
xnf_serve
# The debug kernel has xen-netfront built in, and its remove() warns
# under DEBUG_ATOMIC_SLEEP (6.1's xennet_bus_close() reads xenstore, which
# sleeps, inside a wait_event() condition): a warning is a panic there,
# so that guest keeps xen-netfront from registering at all. Debian's has
# it as a module nobody loads here. On a real guest, unbind it (the role
# does when it holds the vif).
if xnf_guest np xnf-ping 02 "initcall_blacklist=netif_init"; then
	# the guest's word, then the key xl's "untrusted" vif flag writes;
	# 600 s: a debug guest under TCG boots and runs TCP first
	asked() { said np "xnf untrust me" || ! xl list np >/dev/null 2>&1; }
	if wait_for 600 asked && said np "xnf untrust me"; then
		xenstore-write "/local/domain/$(xl domid np)/device/vif/0/trusted" 0
	fi
	guest_results np
	# a guest's kernel report, when there is one: its first lines
	xnf_guest_reports np
fi
guest_stop np
xnf_bridge_down
