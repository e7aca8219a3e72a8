#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile backend against the Linux vrng frontend: dom0 serves the
# guest "target" (role hostile-target) with the test-only module
# tests/modules/vrng_hostile_back.c instead of xen-vrngback, one attack
# a connection (the module's parameter, read at connect; a rebind
# starts the next). Each attack that breaks the protocol must leave the
# frontend Closed with the reason named and the guest alive; answers
# the protocol allows (unknown health bits) must be read; a silent
# backend costs timeouts, not a hung reader; storms and state games
# leave the guest alive. After each, an honest connection serves the
# guest again. Throughout, the backend sees nothing of the guest's it
# was not given: no octet in the data pages or unused ring slots it did
# not write, no non-zero flags or reserved fields. At the end the guest
# unloads its frontend and, on a debug kernel, kmemleak finds nothing.
# The runner adds: no splat in dom0 (and a guest splat kills the guest:
# panic_on_warn). ATTACKS picks fewer.
#
# Bounds: the guest reads all along and reports each change; 120 s for a
# change that takes a read or two here (the frontend's timeout is 5 s).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

# VRNG_BACK_ATTACKS (settings): make check's list; every attack by default.
ATTACKS=${ATTACKS:-${VRNG_BACK_ATTACKS:-unknown-id repeat-id long credit status unseeded overflow padding health-bits silent storm states}}
DRV=/sys/bus/xen-backend/drivers/vrng	# the test backend takes the name
P=/sys/module/vrng_hostile_back/parameters/attack
D=/sys/kernel/debug/vrng-hostile-back
LOG=$CON/guest-target.log

hstat() { sed -n "s/^$1: //p" "$D/dom$dt" 2>/dev/null; }
rebind() {
	echo "vrng-$dt-0" >"$DRV/unbind" 2>/dev/null
	echo "vrng-$dt-0" >"$DRV/bind"
}
# The guest's last report since the mark: "STATE ok N failed N
# timeouts N broken REASON"
last() { tail -n "+$((mark + 1))" "$LOG" | tr -d '\r' | sed -n 's/^VRNG: fe //p' | tail -1; }
field() { last | sed -n "s/.* $1 \([0-9]*\).*/\1/p"; }
# the same over the whole log: the guest's counts are cumulative
total() { tr -d '\r' <"$LOG" | sed -n "s/^VRNG: fe .* $1 \([0-9]*\).*/\1/p" | tail -1; }
broken_as() { last | grep -q "^Closed .* broken $1\$"; }
reads_on() { [ "$(last | cut -d' ' -f1)" = Connected ] && [ "$(field ok)" -gt "$1" ] 2>/dev/null; }
timed_out() { [ "$(field timeouts)" -gt "$1" ] 2>/dev/null; }
# what the backend saw of the guest, per connection: must stay 0
clean() {
	_s="leaked $(hstat leaked) ring_leaked $(hstat ring_leaked) bad_requests $(hstat bad_requests)"
	[ "$_s" = "leaked 0 ring_leaked 0 bad_requests 0" ] || seen_dirty="$seen_dirty $a: $_s;"
}

expect_broken() {
	case $1 in
	unknown-id | repeat-id) echo "response to no outstanding request" ;;
	long) echo "bad length" ;;
	credit) echo "more than 8 credited bits per byte" ;;
	status) echo "unknown status" ;;
	unseeded) echo "bytes from an unseeded generator" ;;
	overflow) echo "producer index more than a ring ahead" ;;
	padding) echo "non-zero reserved field" ;;
	esac
}

dom0_unload	# xen-vrngback, if loaded, has the driver's name
modprobe vrng-hostile-back
echo none >"$P"
seen_dirty=
if guest_start target hostile-target; then
	dt=$(xl domid target)
	mark=0
	wait_for 600 said target ready
	if wait_for 120 reads_on 0; then
		tap_ok "the guest reads from the test backend when it is honest"
	else
		tap_not_ok "the guest reads from the test backend when it is honest" \
			"guest: $(last); backend: $(tr '\n' ' ' <"$D/dom$dt"); dom0: $(dmesg | grep vrng | tail -5 | tr '\n' ' ')"
		ATTACKS=
	fi
	for a in $ATTACKS; do
		clean
		echo "$a" >"$P"
		ok0=$(total ok) t0=$(total timeouts)
		mark=$(grep -c "" "$LOG")	# not coreutils wc: SIGILL under TCG (two-guests.sh)
		rebind
		why=$(expect_broken "$a")
		if [ -n "$why" ]; then
			wait_for 120 broken_as "$why"
			verdict=$?
			what="$a: the frontend refuses it ($why) and rests Closed"
		else
			case $a in
			health-bits) wait_for 120 reads_on "${ok0:-0}"; verdict=$?
				what="$a: health flags version 1 does not define are ignored: the guest reads on" ;;
			silent) wait_for 120 timed_out "${t0:-0}"; verdict=$?
				what="$a: a backend that never answers costs the reader a timeout, not a hang" ;;
			storm) sleep "$(cat /sys/module/vrng_hostile_back/parameters/storm_seconds)"
				wait_for 120 reads_on "${ok0:-0}"; verdict=$?
				what="$a: $(hstat sent) notifications from dom0: the guest reads on" ;;
			states) sleep 5
				xl list target >/dev/null 2>&1; verdict=$?
				what="$a: random backend states while connected: the guest lives on" ;;
			esac
		fi
		if [ "$verdict" = 0 ]; then tap_ok "$what"; else tap_not_ok "$what" "guest: $(last)"; fi
		clean
		# an honest backend again: the guest recovers
		echo none >"$P"
		ok0=$(total ok)
		mark=$(grep -c "" "$LOG")	# not coreutils wc: SIGILL under TCG (two-guests.sh)
		rebind
		if wait_for 120 reads_on "${ok0:-0}"; then
			tap_ok "$a: after it, an honest backend serves the guest again"
		else
			tap_not_ok "$a: after it, an honest backend serves the guest again" "guest: $(last)"
		fi
	done
	clean
	if [ -z "$seen_dirty" ]; then
		tap_ok "the backend saw nothing of the guest's it did not write: data pages, unused ring slots, flags and reserved fields"
	else
		tap_not_ok "the backend saw nothing of the guest's it did not write" "$seen_dirty"
	fi
	xenstore-write "/local/domain/$dt/data/hostile" over
	if wait_for 120 said target over && said target "unloaded yes"; then
		tap_ok "the guest unloads its frontend after the attacks"
	else
		tap_not_ok "the guest unloads its frontend after the attacks" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
	fi
	guest_kmemleak target
else
	tap_not_ok "xl creates the target guest" "$(tail -3 /tmp/xl-target.log | tr '\n' ' ')"
fi
guest_stop target
for _d in "$DRV"/vrng-*; do
	[ -e "$_d" ] && echo "${_d##*/}" >"$DRV/unbind"
done
check "dom0: the test backend unloads" rmmod vrng_hostile_back
check "dom0: modules unload" dom0_unload
