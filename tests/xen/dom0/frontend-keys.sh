#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The keys the Linux frontend reads, taken as vrngif.h says: no credit
# when the toolstack's trusted key is "0" (guest fk1, attached
# --untrusted, [V4]) or when the backend offers no feature-credit (guest
# fk2, [V3]), though the bytes are read (guest role no-credit); no
# connection when max-request-bytes is out of range (guest fk3, [V1]):
# the frontend's set-up fails and it rests Closed.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

be_key() { xenstore-read "/local/domain/0/backend/vrng/$1/0/$2" 2>/dev/null; }
fe_closed() { [ "$(xenstore-read "/local/domain/$1/device/vrng/0/state" 2>/dev/null)" = 6 ]; }
be_waits() { [ "$(be_key "$1" state)" = 2 ]; }
# offer NAME ROLE KEY VALUE: a guest whose backend's KEY is VALUE when
# its frontend first reads it (the guest starts after the write).
offer() {
	guest_cfg "$1" "$2" >"/tmp/$1.cfg"
	xl create -p "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1 &&
		_d=$(xl domid "$1") && vrng-attach attach "$_d" >>"/tmp/xl-$1.log" 2>&1 &&
		wait_for 60 be_waits "$_d" &&
		xenstore-write "/local/domain/0/backend/vrng/$_d/0/$3" "$4" &&
		xl unpause "$1"
}

backend_up
if guest_start fk1 no-credit --untrusted && offer fk2 no-credit feature-credit 0 &&
	offer fk3 frontend-idle max-request-bytes 5000; then
	d3=$(xl domid fk3)
	if wait_for 300 fe_closed "$d3"; then
		tap_ok "max-request-bytes 5000: the frontend does not connect (Closed)"
	else
		tap_not_ok "max-request-bytes 5000: the frontend does not connect" \
			"frontend state $(xenstore-read "/local/domain/$d3/device/vrng/0/state" 2>/dev/null)"
	fi
	guest_results fk1
	guest_results fk2
else
	tap_not_ok "three guests, each offered other keys" "$(tail -3 /tmp/xl-fk*.log | tr '\n' ' ')"
fi
for g in fk1 fk2 fk3; do guest_stop "$g"; done
check "dom0: modules unload" dom0_unload
