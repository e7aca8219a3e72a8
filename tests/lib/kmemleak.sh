# SPDX-License-Identifier: GPL-2.0
# kmemleak in a guest, for dom0's test to read off its console:
# kmemleak_start before the work, kmemleak_report after it prints
# "VRNG: kmemleak N" (N objects two scans found unreferenced, or "none"
# on a kernel without kmemleak) and the first reports as "VRNG: leak"
# lines. dom0 judges them with guest_kmemleak (tests/lib/xen.sh).
# shellcheck shell=sh
KMEMLEAK=/sys/kernel/debug/kmemleak
kmemleak_start() { [ ! -e "$KMEMLEAK" ] || echo clear >"$KMEMLEAK"; }
kmemleak_report() {
	if [ -e "$KMEMLEAK" ]; then
		# an object is reported once two scans found it unreferenced
		echo scan >"$KMEMLEAK"
		sleep 5
		echo scan >"$KMEMLEAK"
		echo "VRNG: kmemleak $(grep -c 'unreferenced object' "$KMEMLEAK")"
		grep -A12 'unreferenced object' "$KMEMLEAK" | head -40 | sed 's/^/VRNG: leak /'
	else
		echo "VRNG: kmemleak none"
	fi
}
