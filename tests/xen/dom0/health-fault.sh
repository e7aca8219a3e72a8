#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Health faults at run time: every source of dom0's made stuck, then
# biased (the entropy core's inject_stuck and inject_biased switches,
# entropy/core/portable/ent_fault.h) while a guest is served. Each source
# fails the test meant for the fault (repetition count; adaptive
# proportion) within the bound entropy/core/tests/test_fault.c proves
# for it, counted in samples: stuck within the RCT cutoff, biased within
# two APT windows and 5/4 of the APT cutoff. The backend's answers say
# DEGRADED at once; the guest counts them and credits nothing more (its
# account of bits reported before the failure emptied too, V26); when
# the sources come back (retry_secs=3) they re-enter through a fresh
# start-up test, and the guest's credit resumes. Counted, not timed:
# "nothing more" is no credit passed on over ten degraded answers (two
# seconds of the guest's reading here), and each wait is bounded
# generously (60 s for what takes a few seconds).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"	# and ent.sh, which it sources

LOG=$CON/guest-hw.log
credit() { tr -d '\r' <"$LOG" | sed -n "s/^VRNG: credit .*$1 \([0-9]*\).*/\1/p" | tail -1; }
credit_above() { [ "$(credit "$1")" -gt "$2" ] 2>/dev/null; }
# (coreutils ls dies of SIGILL under TCG in dom0: a glob)
sources() { for _p in "$D"/sources/*; do echo "${_p##*/}"; done; }
all_in() {
	for _s in $(sources); do has_state "$_s" "$1" || return 1; done
}
all_healthy() {
	for _s in $(sources); do is_healthy "$_s" || return 1; done
}
all_caught() {
	for _s in $(sources); do [ "$(stat "$_s" inject_caught_after)" -gt 0 ] || return 1; done
}
inject() {
	for _s in $(sources); do echo "$2" >"$D/sources/$_s/inject_$1"; done
}
each() {
	for _s in $(sources); do printf '%s: %s ' "$_s" "$(stat "$_s" "$1")"; done
}
caught_in_bound() {
	for _s in $(sources); do fault_caught "$1" "$_s" || return 1; done
}

fault() {
	f=$1
	d0=$(credit degraded)
	inject "$f" 1
	if wait_for 60 all_in failed && wait_for 60 all_caught && caught_in_bound "$f"; then
		tap_ok "$f: every dom0 source fails its $(fault_expect "$f" "$(sources | head -1)" | cut -d' ' -f1) test within the bound (samples: $(each inject_caught_after))"
	else
		tap_not_ok "$f: every dom0 source fails its test within the bound" \
			"state: $(each state) test: $(each last_failure) caught after: $(each inject_caught_after) bounds: $(for s in $(sources); do printf '%s ' "$(fault_expect "$f" "$s")"; done)"
	fi
	if wait_for 60 credit_above degraded "${d0:-0}"; then
		tap_ok "$f: the guest sees it in its answers (DEGRADED)"
	else
		tap_not_ok "$f: the guest sees it in its answers (DEGRADED)" "$(tail -3 "$LOG" | tr '\r\n' '  ')"
	fi
	p1=$(credit passed) d1=$(credit degraded)
	wait_for 60 credit_above degraded $((d1 + 10))
	p2=$(credit passed) d2=$(credit degraded)
	if [ "$p2" = "$p1" ] && [ "$d2" -ge $((d1 + 10)) ]; then
		tap_ok "$f: while degraded the guest credits nothing ($((d2 - d1)) answers, $p1 bits before and after)"
	else
		tap_not_ok "$f: while degraded the guest credits nothing" "passed $p1 -> $p2 over degraded answers $d1 -> $d2"
	fi
	inject "$f" 0
	if wait_for 60 all_healthy; then
		tap_ok "$f: the sources re-enter through a fresh start-up test"
	else
		tap_not_ok "$f: the sources re-enter through a fresh start-up test" "$(each state)"
	fi
	if wait_for 60 credit_above passed "$p2"; then
		tap_ok "$f: the guest's credit resumes ($p2 -> $(credit passed) bits)"
	else
		tap_not_ok "$f: the guest's credit resumes" "$(tail -3 "$LOG" | tr '\r\n' '  ')"
	fi
}

modprobe ent-core retry_secs=3 max_failures=0 && dom0_sources &&
	modprobe xen-vrngback
if guest_start hw health-watch; then
	wait_for 600 said hw reading
	if wait_for 60 credit_above passed 0; then
		tap_ok "the guest's RNG is credited while dom0's sources are healthy ($(credit passed) bits)"
	else
		tap_not_ok "the guest's RNG is credited while dom0's sources are healthy" "$(tail -3 "$LOG" | tr '\r\n' '  ')"
	fi
	fault stuck
	fault biased
else
	tap_not_ok "xl creates the guest" "$(tail -3 /tmp/xl-hw.log | tr '\n' ' ')"
fi
guest_stop hw
check "dom0: modules unload" dom0_unload
