#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Two guests with the vrng device, one rate-limited by vrng-attach --rate:
# both are served, get different bytes and pass their own tests (guest
# roles vrng-rated and vrng: rngtest, the rate within 5%).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start vg1 vrng-rated "--rate $RATE1" && guest_start vg2 vrng; then
	tap_ok "two guests created with the vrng device attached"
	d1=$(xl domid vg1)
	d2=$(xl domid vg2)
	# What the backend wrote when each guest connected stays in xenstore
	# after the guest is gone: one guest may finish and power off before
	# the other has booted, so the backend's live stats are not read here.
	# The guests' own results below show each was served (rngtest over
	# /dev/hwrng) and vg1's override in force (its measured rate).
	rate_key() { xenstore-read "/local/domain/0/backend/vrng/$1/0/rate-bytes-per-sec" 2>/dev/null; }
	if wait_for 600 said vg1 connected && wait_for 600 said vg2 connected; then
		tap_ok "both guests connect to the backend"
	else
		tap_not_ok "both guests connect to the backend" "vg1: $(tail -2 "$CON/guest-vg1.log" | tr '\r\n' '  ') vg2: $(tail -2 "$CON/guest-vg2.log" | tr '\r\n' '  ')"
	fi
	if [ "$(rate_key "$d1")" = "$RATE1" ] && [ "$(rate_key "$d2")" = 1048576 ]; then
		tap_ok "the backend's rates in force: the per-domain override and the module default"
	else
		tap_not_ok "the backend's rates in force" "dom$d1 $(rate_key "$d1"), dom$d2 $(rate_key "$d2")"
	fi
	guest_results vg1
	guest_results vg2
	# No 32-byte line of one guest's sample in the other's.
	for g in vg1 vg2; do
		# whole 32-byte lines only: a kernel message may split one
		sed -n 's/\r$//; s/^VRNG: sample \([0-9a-f]\{64\}\)$/\1/p' "$CON/guest-$g.log" >"/tmp/$g.sample"
	done
	# (no coreutils wc here: its AVX2 path dies under TCG's Haswell model)
	n1=$(grep -c . /tmp/vg1.sample)
	n2=$(grep -c . /tmp/vg2.sample)
	common=$(sort /tmp/vg1.sample /tmp/vg2.sample | uniq -d | grep -c .)
	if [ "$n1" -ge 120 ] && [ "$n2" -ge 120 ] && [ "$common" = 0 ]; then
		tap_ok "two guests receive different bytes (4 KiB each, nothing in common)"
	else
		tap_not_ok "two guests receive different bytes" "lines $n1 and $n2, in common $common"
	fi
	grep -hE '^VRNG: (first_credit_ms|crng|rate)' "$CON/guest-vg1.log" "$CON/guest-vg2.log" | sed 's/\r$//; s/^/# /'
else
	tap_not_ok "two guests created with the vrng device attached" "$(cat /tmp/xl-vg1.log /tmp/xl-vg2.log 2>/dev/null | tail -4 | tr '\n' ' ')"
fi
guest_stop vg1
guest_stop vg2
check "dom0: modules unload" dom0_unload
