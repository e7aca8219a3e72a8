#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A guest booted by xl loads the entropy core in its own kernel
# (guest role "core"), which credits and produces output there.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

if guest_start guest1 core none; then
	tap_ok "xl creates a guest"
	guest_results guest1
else
	tap_not_ok "xl creates a guest" "$(tail -3 /tmp/xl-guest1.log | tr '\n' ' ')"
fi
guest_stop guest1
