#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Clones that diverge. A guest (role restore) is saved once with xl save
# and the image restored twice; both clones print numbered /dev/urandom
# samples (tests/xen/guest/restore.sh). Two such guests at once:
#  - pl, Linux alone (ent.clone=plain, no frontend), clones plA and plB:
#    they continue from one CRNG state, so they read from one stream (some
#    16-byte sample of one is the other's), which shows that the test can
#    tell clones that diverge from clones that do not;
#  - fr, with the frontend, clones frA and frB: each (a new domain,
#    attached by vrng-attach watch, a generator of its own in dom0)
#    reconnects, mixes fresh bytes in and has its CRNG reseeded through
#    the uevent and vrng-reseed; from that reseed on, no sample of one is
#    the other's.
# The samples before that reseed may still be shared: Debian's 6.1 lets
# no module reseed the CRNG at once (Documentation/vrng-linux.rst, "After
# a restore"); the test reports how many there were.
# Bounds are waits for lines the guests print (5 samples a second):
# minutes, for a slow machine.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"
# xl save and restore copy every page: the clones' role (reading
# urandom) fits in half the usual memory, and six guests boot, two are
# saved and four restored.
# shellcheck disable=SC2034 # read by guest_cfg (xen.sh)
GUEST_MEMORY=128

# samples NAME: the guest's "n reseeds hex" lines.
samples() {
	sed -n 's/\r$//; s/^VRNG: urandom \([0-9]*\) \([0-9]*\) \([0-9a-f]*\).*$/\1 \2 \3/p' \
		"$CON/guest-$1.log" 2>/dev/null
}
# common G AFTER RESEEDS: how many sample numbers past AFTER both clones
# of G printed once each had seen RESEEDS forced reseeds.
common() {
	samples "${1}A" >/tmp/common.a
	samples "${1}B" | awk -v s="$2" -v r="$3" 'NR == FNR { if ($1 > s && $2 >= r) a[$1] = 1; next }
		($1 in a) && $2 >= r { n++ } END { print n + 0 }' /tmp/common.a -
}
common_ge() { [ "$(common "$1" "$2" "$3")" -ge "$4" ]; }

# Both modes at once (the guests' wait for their uptime overlaps): guest
# pl (plain) and fr (front), each saved once and restored as two clones,
# plA and plB, frA and frB.
clones_start() {
	for m in plain front; do
		g=$(echo $m | cut -c1-2)
		for c in "$g" "${g}A" "${g}B"; do
			guest_cfg "$c" restore "ent.clone=$m" >"/tmp/$c.cfg"
			rm -f "$CON/guest-$c.log"
		done
		xl create "/tmp/$g.cfg" >"/tmp/xl-$g.log" 2>&1 || return 1
	done
	for m in plain front; do
		g=$(echo $m | cut -c1-2)
		wait_for 300 said "$g" "ready $m" &&
			xl save "$g" "/tmp/$g.save" >>"/tmp/xl-$g.log" 2>&1 || return 1
		tap_comment "$m: saved after sample $(last "$g"), at uptime $(sed -n "s/\r$//; s/^VRNG: ready $m //p" "$CON/guest-$g.log")"
		xl restore "/tmp/${g}A.cfg" "/tmp/$g.save" >>"/tmp/xl-$g.log" 2>&1 &&
			xl restore "/tmp/${g}B.cfg" "/tmp/$g.save" >>"/tmp/xl-$g.log" 2>&1 || return 1
		rm -f "/tmp/$g.save"
	done
}
# shared A B MIN MAX: how many of A's samples taken with MIN..MAX reseeds
# forced are among B's taken so, and how many A has: "shared total".
# Sets, not sample by sample: other consumers of the kernel's CRNG (an
# exec's address-space randomization...) draw from the same stream in an
# order that timing decides, so a clone's n-th sample may be the other's
# (n+1)-th; a shared 16-byte value is the one stream (2^-128 by chance).
shared() {
	awk -v lo="$3" -v hi="$4" '$2 < lo || $2 > hi { next }
		NR == FNR { b[$3] = 1; next } { n++; if ($3 in b) s++ }
		END { print s + 0, n + 0 }' "$2" "$1"
}
# last NAME: the number of the last sample the guest printed (the saved
# guest's: its clones go on from there).
last() { samples "$1" | tail -1 | cut -d' ' -f1; }
# clone_samples G RESEEDS: waits for 10 sample numbers that both clones
# of G printed after RESEEDS forced reseeds; leaves each clone's samples
# taken after the save in /tmp/GA and /tmp/GB ("n reseeds hex").
clone_samples() {
	_s=$(last "$1")
	wait_for 300 common_ge "$1" "${_s:-0}" "$2" 10 || return 1
	for c in "${1}A" "${1}B"; do
		samples "$c" | awk -v s="${_s:-0}" '$1 > s' >"/tmp/$c"
	done
}
clones_stop() {
	rm -f /tmp/pl.save /tmp/fr.save
	for c in pl plA plB fr frA frB; do guest_stop "$c"; done
}

backend_up
watch_start	# attaches each domain xl creates or restores
if clones_start; then
	tap_ok "xl save, then xl restore twice, a guest without and one with the vrng frontend"
else
	tap_not_ok "xl save, then xl restore twice, a guest without and one with the vrng frontend" \
		"$(tail -3 /tmp/xl-pl.log /tmp/xl-fr.log 2>/dev/null | tr '\n' ' ')"
fi

# Linux alone: the clones draw from one CRNG stream.
if clone_samples pl 0; then
	# shellcheck disable=SC2046 # two words: shared, total
	set -- $(shared /tmp/plA /tmp/plB 0 0)
	if [ "$1" -ge 1 ]; then
		tap_ok "Linux alone: two clones of one image read the same bytes after the restore ($1 of $2 samples of one are the other's)"
	else
		tap_not_ok "Linux alone: two clones of one image read the same bytes (the test can tell)" "0 of $2 samples shared"
	fi
else
	tap_not_ok "Linux alone: two clones of one image read the same bytes (the test can tell)" "no 10 samples from each"
fi

# With the frontend: each clone reconnects and reseeds, then diverges.
for c in frA frB; do
	if wait_for 120 said "$c" resumed &&
		grep -q 'VRNG: resumed.*vrng-reseed: CRNG reseed forced' "$CON/guest-$c.log"; then
		tap_ok "clone $c (domain $(xl domid $c)) reconnects and reseeds: $(sed -n 's/\r$//; s/^VRNG: resumed [0-9]*: //p' "$CON/guest-$c.log" | tail -1)"
		sed -n "s/\r$//; s/^VRNG: resumed-stats /# clone $c: /p" "$CON/guest-$c.log" | tail -1
	else
		tap_not_ok "clone $c reconnects and reseeds" "$(tail -5 "$CON/guest-$c.log" 2>/dev/null | tr '\r\n' '  ')"
	fi
done
if clone_samples fr 1; then
	# after both clones' own reseeds: nothing shared; before: counted
	# shellcheck disable=SC2046 # two words: shared, total
	set -- $(shared /tmp/frA /tmp/frB 1 1024)
	after=$1 n=$2
	# shellcheck disable=SC2046 # two words: shared, total
	set -- $(shared /tmp/frA /tmp/frB 0 0)
	if [ "$n" -ge 10 ] && [ "$after" = 0 ]; then
		tap_ok "with the frontend the clones diverge: none of $n samples after their reseeds is the other's ($1 alike before them)"
	else
		tap_not_ok "with the frontend the clones diverge after their reseeds" "$after of $n samples shared"
	fi
else
	tap_not_ok "with the frontend the clones diverge after their reseeds" "no 10 samples from each after its reseed"
fi
clones_stop
watch_stop
check "dom0: modules unload" dom0_unload
