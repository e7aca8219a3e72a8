#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad module parameters of xen-vrngback: refused at load, with a line
# saying why.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

modprobe ent-core
rmmod xen-vrngback 2>/dev/null
if ! modprobe xen-vrngback rate=2000000000 2>/dev/null &&
	dmesg | grep -q 'rate=2000000000 or burst=65536 is above'; then
	tap_ok "xen-vrngback rate=2000000000 is refused, and the log says why"
else
	tap_not_ok "xen-vrngback rate=2000000000 is refused" "$(dmesg | tail -2 | tr '\n' ' ')"
fi
check "dom0: modules unload" dom0_unload
