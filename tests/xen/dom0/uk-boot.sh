#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The project's unikernel (unikernel/) boots as a PV guest of the real
# Xen with xl: its console says where it booted and with what command
# line; its xenstore client reads the domain's own keys, commits a
# transaction and gets a watch's event, it grants a page
# and ends the grant, makes and closes an event channel; and it powers
# itself off with exit status 0, which xl reports as a poweroff (the
# domain is destroyed) rather than a crash (kept, here).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

# created paused: its domid is known before it can run and end
if uk_create uk "uk-boot test"; then
	tap_ok "xl create boots the unikernel"
	d=$(xl domid uk)
	xl unpause uk
	# 60 s: it prints five lines and stops; Xen builds it in well under 1 s
	check "it powers itself off (no crash kept)" wait_for 60 uk_gone uk
	uk_gone uk || tap_comment "xl list: $(xl list uk 2>&1 | tail -1); xl dmesg: $(xl dmesg | tail -5 | tr '\n' ' ')"
	# what the guest wrote, printable only
	log() { tr -d '\r' <"$CON/guest-uk.log" 2>/dev/null | tr -c ' -~\n' '?'; }
	check "its console: booted on Xen's 64-bit PV ABI with the command line" \
		sh -c "tr -d '\r' <$CON/guest-uk.log | grep -q \"^xenrng-uk: booted on xen-3.0-x86_64: .* command line 'uk-boot test'\""
	check "its xenstore client reads its own name and domid" \
		grep -q "^xenrng-uk: xenstore: name 'uk', domid $d" "$CON/guest-uk.log"
	check "it grants a page and ends the grant, makes and closes an event channel" \
		grep -q '^xenrng-uk: grant [0-9]* made and ended, event channel [0-9]* made and closed' "$CON/guest-uk.log"
	check "its xenstore client commits a transaction and gets a watch's event" \
		grep -q '^xenrng-uk: xenstore: transaction [0-9]* committed, watch fired' "$CON/guest-uk.log"
	check "its console: exit 0" grep -q '^xenrng-uk: exit 0' "$CON/guest-uk.log"
	tap_comment "console: $(log | head -5 | tr '\n' ' ')"
	xl destroy uk 2>/dev/null || true	# gone already, as it should be
else
	tap_not_ok "xl create boots the unikernel" "$(tail -3 /tmp/xl-uk.log | tr '\n' ' ')"
fi
