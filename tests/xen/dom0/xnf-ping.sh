#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The project's netfront (xen-xnf) in a guest on a dom0 bridge served by
# the stock netback: the guest's vif moves from xen-netfront to xen-xnf
# (unbind/bind), then the guest pings dom0 (guest role xnf-ping).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

BR=xenbr0
modprobe bridge 2>/dev/null		# modules on Debian's kernel, built in
modprobe xen-netback 2>/dev/null	# on the debug one
ip link add "$BR" type bridge 2>/dev/null
ip addr add 10.99.0.1/24 dev "$BR" 2>/dev/null
ip link set "$BR" up
# The debug kernel has xen-netfront built in, and its remove() warns
# under DEBUG_ATOMIC_SLEEP (6.1's xennet_bus_close() reads xenstore, which
# sleeps, inside a wait_event() condition): a warning is a panic there,
# so that guest keeps xen-netfront from registering at all. Debian's has
# it as a module nobody loads here. On a real guest, unbind it (the role
# does when it holds the vif).
guest_cfg np xnf-ping "initcall_blacklist=netif_init" >/tmp/np.cfg
echo "vif = [ 'bridge=$BR,mac=00:16:3e:00:99:02' ]" >>/tmp/np.cfg
if xl create /tmp/np.cfg >/tmp/xl-np.log 2>&1; then
	tap_ok "xl creates a guest with a vif on $BR"
	guest_results np
	# a guest's kernel report, when there is one: its first lines
	grep -a -m1 -A30 -E 'WARNING:|BUG:|general protection' "$CON/guest-np.log" |
		tr -d '\r' | while IFS= read -r l; do tap_comment "guest: $l"; done
else
	tap_not_ok "xl creates a guest with a vif on $BR" "$(tail -3 /tmp/xl-np.log | tr '\n' ' ')"
fi
guest_stop np
ip link del "$BR" 2>/dev/null
