#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The stock netback unbound and reloaded under a guest passing traffic
# (guest role xnf-reload), once for each frontend the guest kernel has:
# netback re-attaches to the rings the frontend still holds (its dynamic
# unbind/bind), the new vif goes back on the bridge through Xen's own
# hotplug script, and the guest's traffic must resume.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
xnf_serve
# Debian's kernel has both Xen net drivers as modules, the debug kernel
# builds them in: there xen-netfront must not take the vif at boot
# (unbinding it warns on that kernel, which panics on a warning), and
# here it must stay loadable (the blacklist stops a module's init too).
hold=initcall_blacklist=netif_init
grep -q '^xen_netback ' /proc/modules && hold=''
if xnf_guest nl xnf-reload 06 "$hold"; then
	d=$(xl domid nl)
	be=/local/domain/0/backend/vif/$d/0
	connected() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = 4 ]; }
	has_vif() { [ -e "/sys/class/net/vif$d.0" ]; }
	# The guest says "reload N DRIVER" with traffic running, once for
	# each frontend its kernel has (more under xen-xnf in the soak), and
	# waits for data/xnf-reload to say N; "reloads done" ends the rounds.
	# 600 s: a debug guest's connect under TCG is ~20 s.
	r=0
	while :; do
		r=$((r + 1))
		next() { said nl "reload $r " || said nl "reloads done"; }
		wait_for 600 next && said nl "reload $r " || break
		drv=$(sed -n "s/\r$//; s/^VRNG: reload $r //p" "$CON/guest-nl.log" | tr -cd 'a-z')
		check "$drv: netback unbinds and loads again under the guest's traffic" netback_reload "$d"
		# 60 s: netback makes the vif within milliseconds of its probe
		check "$drv: netback makes the guest's vif again" wait_for 60 has_vif
		check "$drv: Xen's vif-bridge puts it on $XNF_BRIDGE" vif_hotplug "$d"
		check "$drv: netback connects to the frontend's rings again" wait_for 60 connected
		connected || tap_comment "backend state $(xenstore-read "$be/state" 2>/dev/null), hotplug-status $(xenstore-read "$be/hotplug-status" 2>/dev/null)"
		xenstore-write "/local/domain/$d/data/xnf-reload" "$r"
	done
	guest_results nl
	xnf_guest_reports nl
fi
guest_stop nl
xnf_bridge_down
