#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vrng-attach on a live (idle) guest: attach, the backend's probe and
# advertised keys, list, detach, and every refusal named.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

# refused NAME MESSAGE CMD...: CMD fails and says MESSAGE.
refused() {
	_name=$1
	_msg=$2
	shift 2
	if "$@" >/tmp/refused.out 2>&1; then
		tap_not_ok "$_name" "it succeeded"
	elif grep -q "$_msg" /tmp/refused.out; then
		tap_ok "$_name"
	else
		tap_not_ok "$_name" "said: $(cat /tmp/refused.out)"
	fi
}

dom0_sources
if guest_start idle1 idle none; then
	dom=$(xl domid idle1)
	be=/local/domain/0/backend/vrng/$dom/0
	be_key() { [ "$(xenstore-read "$be/$1" 2>/dev/null)" = "$2" ]; }
	refused "vrng-attach refuses while the backend is not loaded" \
		"backend is not loaded" vrng-attach attach "$dom"
	modprobe xen-vrngback
	check "vrng-attach attaches domain $dom" vrng-attach attach "$dom"
	check "the backend probes the device and waits (InitWait)" wait_for 20 be_key state 2
	if be_key version 1 && be_key max-request-bytes 4096 && be_key feature-credit 1; then
		tap_ok "the backend advertises version 1, 4096-byte requests, credit"
	else
		tap_not_ok "the backend advertises version 1, 4096-byte requests, credit"
	fi
	refused "a second attach is refused" "already has a vrng device" \
		vrng-attach attach "$dom"
	refused "attaching a domain that does not exist is refused" \
		"domain 4242 does not exist" vrng-attach attach 4242
	refused "a bad domain id is refused" "not a guest domain id" \
		vrng-attach attach 12abc
	refused "a user other than root is refused" "are you root in dom0" \
		as_nobody vrng-attach attach "$dom"
	vrng-attach list >/tmp/vrng-list.txt 2>&1
	if grep -q "^$dom " /tmp/vrng-list.txt && grep -q "generator_bytes: " /tmp/vrng-list.txt; then
		tap_ok "vrng-attach list shows domain $dom with the backend's sysfs stats"
	else
		tap_not_ok "vrng-attach list shows domain $dom" "$(cat /tmp/vrng-list.txt)"
	fi
	check "vrng-attach detaches domain $dom" vrng-attach detach "$dom"
	gone() { ! grep -q "vrng:dom$dom " /sys/kernel/debug/ent/consumers; }
	check "detach removes the backend device and its generator" wait_for 20 gone
	refused "detaching twice is refused" "has no vrng device" vrng-attach detach "$dom"
	# The frontend's state is the guest's to write: an escape sequence
	# and a fake line for another domain must reach the admin escaped.
	esc=$(printf '\033')
	if vrng-attach attach "$dom" >/dev/null 2>&1; then
		xenstore-write "/local/domain/$dom/device/vrng/0/state" \
			"$(printf '\033[2J\n7      4              4')"
		vrng-attach list >/tmp/vrng-list.txt 2>&1
		if ! grep -q "$esc" /tmp/vrng-list.txt && ! grep -q '^7 ' /tmp/vrng-list.txt &&
			grep -q '\\x1b\[2J\\x0a7' /tmp/vrng-list.txt; then
			tap_ok "vrng-attach list prints a guest's hostile state escaped"
		else
			tap_not_ok "vrng-attach list prints a guest's hostile state escaped" "$(od -c /tmp/vrng-list.txt | head -5 | tr '\n' ' ')"
		fi
		vrng-attach detach "$dom" >/dev/null 2>&1
	else
		tap_not_ok "vrng-attach attaches domain $dom again"
	fi
else
	tap_not_ok "xl creates an idle guest" "$(tail -3 /tmp/xl-idle1.log | tr '\n' ' ')"
fi
guest_stop idle1
check "dom0: modules unload" dom0_unload
