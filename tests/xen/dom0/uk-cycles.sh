#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Ten unikernels one after another, each attached, seeded, powered off
# and detached: dom0's grant mappings, the backend's event channels and
# the entropy core's generators must come back to where they were.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

# its own count: the settings' CYCLES is the Linux guests' (cycles.sh)
CYCLES=${UK_CYCLES:-10}

backend_up
baseline_mark
ok=0 i=0 step=''
# Bounds: a unikernel seeds in well under a second here; 60 s each step
while [ "$i" -lt "$CYCLES" ]; do
	i=$((i + 1))
	step="xl create"
	uk_create uc || break
	d=$(xl domid uc)
	step="vrng-attach attach $d"
	vrng-attach attach "$d" >/dev/null || break
	xl unpause uc
	step="domain $d seeds and powers off"
	wait_for 60 uk_gone uc && said_uk uc 'seeded' || break
	step="vrng-attach detach $d"
	vrng-attach detach "$d" >/dev/null || break
	step="dom0 back to its baseline after domain $d"
	wait_for 60 at_baseline || break
	ok=$i
done
if [ "$ok" = "$CYCLES" ]; then
	tap_ok "$CYCLES unikernels seeded one after another, dom0's grant maps, event channels and generators back to baseline each time"
else
	tap_not_ok "$CYCLES unikernels seeded one after another" \
		"cycle $i: $step failed; $(baseline_diff)"
	tap_comment "console: $(uk_line uc '' | head -3)"
	xl destroy uc 2>/dev/null || true
fi
