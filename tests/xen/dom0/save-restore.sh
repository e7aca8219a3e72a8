#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xl save and xl restore: the restored guest (a new domain, attached by
# vrng-attach watch) reconnects, mixes fresh bytes in and has its CRNG
# reseeded at once through the uevent and vrng-reseed (guest role
# restore reports both lines).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
watch_start
guest_cfg sr restore >/tmp/sr.cfg
if xl create /tmp/sr.cfg >/tmp/xl-sr.log 2>&1 && wait_for 300 said sr reading; then
	d0=$(xl domid sr)
	if xl save sr /tmp/sr.save >/tmp/xl-save.log 2>&1 &&
		xl restore /tmp/sr.save >/tmp/xl-restore.log 2>&1; then
		tap_ok "xl save and xl restore a guest with the vrng device"
		if wait_for 120 said sr resumed &&
			grep -q 'VRNG: resumed.*vrng-reseed: CRNG reseed forced' "$CON/guest-sr.log"; then
			tap_ok "the restored guest (domain $d0 -> $(xl domid sr)) reconnects and reseeds: $(sed -n 's/\r$//; s/^VRNG: resumed [0-9]*: //p' "$CON/guest-sr.log" | tail -1)"
			sed -n 's/\r$//; s/^VRNG: resumed-stats /# restored guest: /p' "$CON/guest-sr.log" | tail -1
		else
			tap_not_ok "the restored guest reconnects and reseeds" "$(tail -5 "$CON/guest-sr.log" | tr '\r\n' '  ')"
		fi
	else
		tap_not_ok "xl save and xl restore a guest with the vrng device" "$(tail -3 /tmp/xl-save.log /tmp/xl-restore.log | tr '\n' ' ')"
	fi
else
	tap_not_ok "a guest for save/restore comes up with the device" "$(tail -3 "$CON/guest-sr.log" 2>/dev/null | tr '\r\n' '  ')"
fi
rm -f /tmp/sr.save
guest_stop sr
watch_stop
check "dom0: modules unload" dom0_unload
