#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Xen device's modules refuse a kernel that is not under Xen.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

for m in xen-vrngback xen-vrngfront; do
	if ! modinfo "$m" >/dev/null 2>&1; then
		tap_not_ok "$m refuses to load outside Xen" "$m is not installed"
	elif modprobe "$m" 2>/dev/null; then
		tap_not_ok "$m refuses to load outside Xen" "it loaded"
		rmmod "$m"
	else
		tap_ok "$m refuses to load outside Xen"
	fi
done
check "no module of ours is left loaded" ent_unload
