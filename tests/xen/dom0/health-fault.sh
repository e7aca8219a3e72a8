#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Health faults at run time: every source of dom0's made stuck (the
# entropy core's inject_stuck switch) while a guest is served. Each
# source fails its health test; the backend's answers say DEGRADED at
# once and the guest counts them and credits nothing more (its account
# of bits reported before the failure emptied too, V26); when the
# sources come back (retry_secs=3) they re-enter through a fresh start-up
# test, and the guest's credit resumes. Counted, not timed: "nothing
# more" is no credit passed on over ten degraded answers (two seconds of
# the guest's reading here), and each wait is bounded generously (60 s
# for what takes a few seconds).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"
. "$ENT_LIB/ent.sh"

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
inject() {
	for _s in $(sources); do echo "$1" >"$D/sources/$_s/inject_stuck"; done
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
	d0=$(credit degraded)
	inject 1
	if wait_for 60 all_in failed; then
		tap_ok "every dom0 source made stuck fails its health test ($(for s in $(sources); do printf '%s: %s ' "$s" "$(stat "$s" last_failure)"; done))"
	else
		tap_not_ok "every dom0 source made stuck fails its health test" \
			"$(for s in $(sources); do printf '%s: %s ' "$s" "$(stat "$s" state)"; done)"
	fi
	if wait_for 60 credit_above degraded "${d0:-0}"; then
		tap_ok "the guest sees it in its answers (DEGRADED)"
	else
		tap_not_ok "the guest sees it in its answers (DEGRADED)" "$(tail -3 "$LOG" | tr '\r\n' '  ')"
	fi
	p1=$(credit passed) d1=$(credit degraded)
	wait_for 60 credit_above degraded $((d1 + 10))
	p2=$(credit passed) d2=$(credit degraded)
	if [ "$p2" = "$p1" ] && [ "$d2" -ge $((d1 + 10)) ]; then
		tap_ok "while degraded the guest credits nothing ($((d2 - d1)) answers, $p1 bits before and after)"
	else
		tap_not_ok "while degraded the guest credits nothing" "passed $p1 -> $p2 over degraded answers $d1 -> $d2"
	fi
	inject 0
	if wait_for 60 all_healthy; then
		tap_ok "the sources re-enter through a fresh start-up test"
	else
		tap_not_ok "the sources re-enter through a fresh start-up test" \
			"$(for s in $(sources); do printf '%s: %s ' "$s" "$(stat "$s" state)"; done)"
	fi
	if wait_for 60 credit_above passed "$p2"; then
		tap_ok "the guest's credit resumes ($p2 -> $(credit passed) bits)"
	else
		tap_not_ok "the guest's credit resumes" "$(tail -3 "$LOG" | tr '\r\n' '  ')"
	fi
else
	tap_not_ok "xl creates the guest" "$(tail -3 /tmp/xl-hw.log | tr '\n' ' ')"
fi
guest_stop hw
check "dom0: modules unload" dom0_unload
