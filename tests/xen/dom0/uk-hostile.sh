#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile backend under the unikernel: once it is seeded and drawing
# an answer every half second (command line "vrng hold", 20 s), the
# backend's stray hook gives its next answer an id it never used. It
# must refuse the backend (libvrngfront says -EPROTO; the device is
# closed), run on to the end of its 20 s and power off with exit 0.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if uk_create uh "vrng hold"; then
	d=$(xl domid uh)
	vrng-attach attach "$d" >/dev/null
	xl unpause uh
	# 60 s: seeding takes it under a second; the rest is emulation
	check "the unikernel seeds and draws on" wait_for 60 said_uk uh 'tick 1'
	# armed within a second of tick 1 (dom0 polls twice a second), well
	# inside the 20 s the unikernel holds the device
	echo 1 >"$VB/dom$d/stray"
	# an answer every half second: the stray one comes within a second
	check "it refuses the stray answer" wait_for 30 said_uk uh 'refused the backend'
	tap_comment "uh: $(uk_line uh 'refused the backend')"
	# 20 s of hold, from its first tick: 60 s is three times that
	check "it runs on to the end and powers off (no crash)" wait_for 60 uk_gone uh
	check "... with exit 0" said_uk uh 'exit 0'
	vrng-attach detach "$d" >/dev/null 2>&1
	xl destroy uh 2>/dev/null || true
else
	tap_not_ok "xl create makes the unikernel" "$(tail -3 /tmp/xl-uh.log | tr '\n' ' ')"
fi
