#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xen-xnf across xl save and xl restore: the guest (role xnf-restore)
# passes traffic, is saved and restored, and must reconnect to the new
# netback with its traffic resuming (a migration is the same path).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
xnf_serve
if xnf_guest nr xnf-restore 05 "initcall_blacklist=netif_init"; then
	# 600 s: the guest's connect is ~20 s even on a debug kernel
	check "the guest's xen-xnf passes traffic" wait_for 600 said nr "xnf ready"
	check "xl save" xl save nr /tmp/nr.save
	check "xl restore" xl restore /tmp/nr.cfg /tmp/nr.save
	rm -f /tmp/nr.save
	guest_results nr
	xnf_guest_reports nr
fi
guest_stop nr
xnf_bridge_down
