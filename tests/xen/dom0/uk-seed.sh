#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The unikernel seeded through the vrng device: two of them at once,
# each attached by vrng-attach before it runs, gather at least 256
# credited bits and say so with their generator's first output, which
# must differ, and with the bits the backend says it credited them. One
# with an untrusted device, and one with none, say they are not seeded
# and end with a failure (a crash, kept here), never with a claim.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if uk_create uk1 && uk_create uk2; then
	d1=$(xl domid uk1) d2=$(xl domid uk2)
	check "vrng-attach gives both unikernels a device" \
		sh -c "vrng-attach attach $d1 >/dev/null && vrng-attach attach $d2 >/dev/null"
	t0=$(cut -d' ' -f1 /proc/uptime)
	xl unpause uk1
	xl unpause uk2
	# the time from unpause to the first one's "seeded" line (0.5 s steps)
	seeded() { said_uk uk1 'seeded in ' || said_uk uk2 'seeded in '; }
	wait_for 120 seeded
	tap_comment "from xl unpause to seeded: $(awk -v a="$t0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { printf "%.1f", b - a }') s (image $(busybox wc -c <"$UK_KERNEL") bytes)"
	# 120 s: each needs 256 credited bits from a seeded backend, which
	# takes it a few hundred milliseconds here; the rest is emulation
	check "both power off (no crash)" wait_for 120 sh -c "! xl list uk1 >/dev/null 2>&1 && ! xl list uk2 >/dev/null 2>&1"
	for ud in "uk1 $d1" "uk2 $d2"; do
		u=${ud% *} d=${ud#* }
		bits=$(uk_line "$u" 'seeded in ' | sed -n 's/^[0-9]* ms: \([0-9]*\) credited bits.*/\1/p')
		check "$u says it is seeded, with 256 credited bits or more" test "${bits:-0}" -ge 256
		tap_comment "$u: seeded in $(uk_line "$u" 'seeded in ')"
		# the backend's own count of what it credited this domain, from
		# the line it logs when the unikernel closes the device
		said=$(dmesg | sed -n "s/.*vrng-$d-0: domain $d disconnected: .*, \([0-9]*\) credited bits$/\1/p" | tail -1)
		check "$u's credited bits are what the backend says it credited it (${said:-nothing said})" \
			test "${bits:-0}" = "${said:-none}"
	done
	o1=$(uk_line uk1 'first output ') o2=$(uk_line uk2 'first output ')
	tap_comment "first outputs: $o1, $o2"
	check "their first outputs are 16 bytes and differ" \
		sh -c "echo '$o1' | grep -Eqx '[0-9a-f]{32}' && [ '$o1' != '$o2' ]"
	for d in "$d1" "$d2"; do
		vrng-attach detach "$d" >/dev/null 2>&1
	done
fi
for u in uk1 uk2; do xl destroy "$u" 2>/dev/null || true; done

# untrusted: the device is there, its credit is not
if uk_create uk3; then
	d3=$(xl domid uk3)
	vrng-attach attach "$d3" --untrusted >/dev/null
	xl unpause uk3
	check "with an untrusted device: a failure, kept as a crash" wait_for 120 uk_crashed uk3
	check "... saying it is not seeded, and why" said_uk uk3 'not seeded: the backend is not trusted'
	check "... and never that it is" sh -c "! tr -d '\r' <$CON/guest-uk3.log | grep -q '^xenrng-uk: seeded'"
	xl destroy uk3 2>/dev/null || true
	vrng-attach detach "$d3" >/dev/null 2>&1
fi
# no device at all
if uk_create uk4; then
	xl unpause uk4
	check "with no device: a failure, kept as a crash" wait_for 120 uk_crashed uk4
	check "... saying there is no vrng device" said_uk uk4 'not seeded: no vrng device'
	xl destroy uk4 2>/dev/null || true
fi
