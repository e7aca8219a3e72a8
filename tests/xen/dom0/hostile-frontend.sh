#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile frontend against the vrng backend: the guest "attacker" runs
# the test-only module tests/modules/vrng_hostile_front.c (guest role
# hostile), one attack at a time, beside an honest guest reading flat out
# at 64 KiB/s, a rate dom0 set. For each attack: what the attacker saw of
# the backend's answers (vrngif.h's rule for them), dom0's log (one line
# where the guest broke the protocol, none where it did not) and the
# honest guest's rate over the attack, within 10% of its rate before the
# attacker came. The runner adds: no splat in dom0, kmemleak clean (debug
# kernel). At the end dom0's grant maps, event channels and generators
# are back where they were. Each attack waits for dom0's word (the
# guest's data/hostile key) before it starts and before the next one.
# ATTACKS and HOSTILE_CYCLES (settings) pick fewer.
#
# Margins: the honest guest's rate is the backend's token bucket (it
# reads faster than 64 KiB/s on any machine that boots it), so a slower
# machine does not lower it; each window is at least 10 s (dom0 waits out
# a shorter attack; 160 requests: one request of quantisation is 0.6%)
# and is measured with dom0's own clock around its own reads of the
# counter. The rate over a window must be at least 90% of the rate alone
# or of the rate dom0 set, whichever is lower (the attack did not starve
# it). The rate alone is measured again before each attack, over
# ALONE_SECS (6 s, 96 requests: one is 1%) while the attacker waits
# for dom0's word: load that rose since the start (another VM beside)
# slows the honest guest with and without an attacker alike (seen:
# 52 122 bytes/s in a window that took 27 s of the wall clock for its
# 10 s, against 69 605 at the start). And it must be at most 110% of
# what the bucket allows in the window, the rate plus one burst: a guest
# that stalled for a second (a busy emulator) finds a full bucket, in the
# window alone too (runs: 72 112 bytes/s over a short window against
# 65 404 alone; 70 819 alone, then 64 170 in a window).
# The storm's bound on dom0 is counted, not timed: the events the
# backend took, which its back-off for events with no work keeps near
# one a second whatever the guest sends
# (the bound, 3 a second plus 30 for the back-off's start, holds however
# fast or slow the guest sends); dom0's CPU time is measured and
# reported. The storm's 10^5 notifications a second are the issue's
# figure, reported against what the guest reached: its sending rate is
# the emulator's speed, not the backend's (a debug-kernel guest under
# TCG sends from some 90 000 a second on a busy machine to several times
# that), so what must hold is that it is a storm to the backend: at
# least a thousand notifications for each event the backend took.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

ATTACKS=${ATTACKS:-overflow backwards ids lengths grants double-fetch storm keys states cycles gone}
CYCLES=${HOSTILE_CYCLES:-1000}
HONEST_RATE=65536
ALONE_SECS=6
LOG=$CON/guest-attacker.log

centisecs() { cut -d' ' -f1 /proc/uptime | tr -d .; }
# dom0's busy and total jiffies, all its vCPUs
jiffies() { awk '/^cpu /{ print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8 }' /proc/stat; }
res() { sed -n "s/\r$//; s/^VRNG: result $a $1 //p" "$LOG" | tail -1; }
results() { sed -n "s/\r$//; s/^VRNG: result $a //p" "$LOG" | tr '\n' ' '; }
logged() { dmesg | grep -c "domain $da $1"; }
events() { cat "/sys/bus/xen-backend/devices/vrng-$da-0/xenbus/events" 2>/dev/null || echo 0; }
verdict() {
	if [ "$1" = 0 ]; then tap_ok "$2"; else tap_not_ok "$2" "$3"; fi
}
# sample: the honest guest's bytes, the time, dom0's jiffies
sample() { echo "$(bstat "$dh" bytes) $(centisecs) $(jiffies)"; }
rate() { echo $((($3 - $1) * 100 / ($4 - $2))); }
busy_pct() { echo $((($3 - $1) * 100 / ($4 - $2))); }

# What the attacker must have seen, per attack. nbroke/nmalf: dom0's log
# lines for this attack.
judge() {
	served=$(res served_after)
	case $a in
	overflow | backwards)
		[ "$(res backend_closed)" = yes ] && [ "$(res okay)" = "$(res posted)" ] && [ "$nbroke" = 1 ]
		verdict $? "$a: the backend stops reading, closes, and says so in one line" \
			"$(results) dom0 lines: $nbroke"
		;;
	ids)
		[ "$(res okay)" = "$(res posted)" ] && [ "$(res bad_id)" = 0 ] &&
			[ "$served" = yes ] && [ "$nbroke" = 0 ]
		verdict $? "$a: one id repeated a ring's worth: each request answered once with it" \
			"$(results)"
		;;
	lengths)
		n=$(res malformed_sent)
		[ "$(res error)" = "$n" ] && [ "$(res okay)" = "$n" ] &&
			[ "$(res bad_len)" = 0 ] && [ "$(res canary_broken)" = 0 ] &&
			[ "$served" = yes ] && [ "$nbroke" = 0 ] &&
			[ "$(bstat "$da" malformed)" = "$n" ] &&
			[ "$nmalf" -ge 1 ] && [ "$nmalf" -le "$n" ]
		verdict $? "$a: $n malformed requests answered ERROR, the valid ones between them served, nothing written outside, logged rate-limited ($nmalf lines)" \
			"$(results) backend malformed $(bstat "$da" malformed), dom0 lines $nmalf"
		;;
	grants)
		[ "$(res error)" = 3 ] && [ "$(res okay)" = 0 ] &&
			[ "$(res race_posted)" -gt 0 ] &&
			[ $(($(res race_okay) + $(res race_error))) = "$(res race_posted)" ] &&
			[ "$(res race_other)" = 0 ] && [ "$(res race_bad_len)" = 0 ] &&
			[ "$(res canary_broken)" = 0 ] && [ "$served" = yes ]
		verdict $? "$a: bad, ungranted and read-only grants answered ERROR; a grant revoked under $(res race_posted) requests: each OKAY ($(res race_okay)) or ERROR ($(res race_error))" \
			"$(results)"
		;;
	double-fetch)
		[ "$(res posted)" -gt 0 ] &&
			[ $(($(res okay) + $(res error))) = "$(res posted)" ] &&
			[ "$(res bad_len)" = 0 ] && [ "$(res canary_broken)" = 0 ] &&
			[ "$(res unanswered)" = 0 ] && [ "$served" = yes ]
		verdict $? "$a: requests rewritten after posting: each answered as one version of it (OKAY $(res okay), ERROR $(res error)), nothing written outside" \
			"$(results)"
		;;
	storm)
		n=$(res notifications) ps=$(res per_second) secs=$(($(res storm_ms) / 1000))
		tap_comment "storm: $n notifications ($ps a second) in $(res storm_ms) ms; the backend took $nevents events, $nlate EOIs held back; dom0 busy $storm_busy% (before the attacker: $quiet_busy%)"
		if [ "$ps" -ge 100000 ]; then
			tap_comment "storm: the issue's 10^5 notifications a second reached"
		else
			tap_comment "storm: the issue's 10^5 notifications a second not reached by this machine's guest ($ps)"
		fi
		[ "$n" -ge $((1000 * (nevents + 1))) ] && [ "$(res failed)" = 0 ] &&
			[ "$nevents" -le $((3 * secs + 30)) ] && [ "$served" = yes ]
		verdict $? "$a: $ps notifications a second for $secs s cost dom0 $nevents events (the bound: 3 a second and 30; at least 1000 notifications an event), then the guest is served" \
			"$(results) events $nevents"
		;;
	keys)
		[ "$(res refused)" = "$(res bad_keys)" ] && [ "$(res connects_after)" = yes ] &&
			[ "$served" = yes ]
		verdict $? "$a: $(res bad_keys) kinds of garbage in the guest's keys, each refused; an honest handshake after them served" \
			"$(results)"
		;;
	states)
		[ "$(res connects_after)" = yes ] && [ "$served" = yes ]
		verdict $? "$a: $(res jumps) random state values, then an honest handshake served (handshakes: $(res tries) of at most 3)" \
			"$(results)"
		;;
	cycles)
		[ "$(res cycles)" = "$CYCLES" ] && [ "$(res served)" = "$CYCLES" ]
		verdict $? "$a: $CYCLES connect/answer/close cycles ($(res cycle_ms) ms each)" \
			"$(results)"
		;;
	gone)
		[ "$(res backend_closed)" = yes ] &&
			wait_for 60 sh -c "! [ -e /sys/bus/xen-backend/devices/vrng-$da-0 ]"
		verdict $? "$a: a state no table lists: the backend lets the device go" \
			"$(results)"
		;;
	esac
}

backend_up
baseline_mark
if guest_start honest greedy "--rate $HONEST_RATE"; then
	dh=$(xl domid honest)
	wait_for 600 said honest reading
	burst=$(bstat "$dh" burst)	# the backend's, for the upper bound
	# none reported: say so, and bound the rate by the rate alone
	[ -n "$burst" ] || tap_not_ok "the backend reports the honest guest's burst" \
		"$(cat "$VB/dom$dh/stats" 2>&1 | tr '\n' ' ')"
	burst=${burst:-0}
	sleep 2		# past the bucket's first burst
	# shellcheck disable=SC2046 # words wanted
	set -- $(sample)
	sleep 15
	# shellcheck disable=SC2046
	set -- "$@" $(sample)
	base=$(rate "$1" "$2" "$5" "$6")
	quiet_busy=$(busy_pct "$3" "$4" "$7" "$8")
	tap_comment "the honest guest alone: $base bytes/s (its rate: $HONEST_RATE); dom0 busy $quiet_busy%"
	if GUEST_CMDLINE="${GUEST_CMDLINE:-} ent.attacks=$(echo "$ATTACKS" | tr ' ' ,) ent.cycles=$CYCLES" \
		guest_start attacker hostile; then
		da=$(xl domid attacker)
		wait_for 600 said attacker ready ||
			tap_not_ok "the attacker loads its module" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
		for a in $ATTACKS; do
			if ! wait_for 600 said attacker "attack $a start"; then
				tap_not_ok "$a: starts" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
				break
			fi
			# the honest guest alone just before: this attack's
			# yardstick (Margins)
			# shellcheck disable=SC2046
			set -- $(sample)
			sleep "$ALONE_SECS"
			# shellcheck disable=SC2046
			set -- "$@" $(sample)
			near=$(rate "$1" "$2" "$5" "$6")
			# shellcheck disable=SC2046
			set -- $(sample)
			b0=$(logged broke) m0l=$(logged "sent a malformed") e0=$(events)
			l0=$(bstat "$da" late_eois)
			xenstore-write "/local/domain/$da/data/hostile" "start $a"
			# bounded by the cycles' count: 10 s a cycle, 16 times
			# a debug kernel's here (614 ms)
			if ! wait_for $((600 + 10 * CYCLES)) said attacker "attack $a done"; then
				tap_not_ok "$a: ends" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
				break
			fi
			# at least 10 s of the honest guest's reading (Margins)
			short=$((1000 - $(centisecs) + $2))
			[ "$short" -le 0 ] || sleep $((short / 100 + 1))
			# shellcheck disable=SC2046
			set -- "$@" $(sample)
			nbroke=$(($(logged broke) - b0))
			nmalf=$(($(logged "sent a malformed") - m0l))
			nevents=$(($(events) - e0))
			nlate=$(($(bstat "$da" late_eois) - ${l0:-0}))
			storm_busy=$(busy_pct "$3" "$4" "$7" "$8")
			said attacker "attack $a done 0" ||
				tap_comment "$a: the attack's write failed: $(results)"
			judge
			xenstore-write "/local/domain/$da/data/hostile" "done $a"
			r=$(rate "$1" "$2" "$5" "$6")
			most=$((HONEST_RATE + burst * 100 / ($6 - $2)))
			least=$((near < HONEST_RATE ? near : HONEST_RATE))
			[ $((r * 10)) -ge $((least * 9)) ] && [ $((r * 10)) -le $((most * 11)) ]
			verdict $? "$a: the honest guest keeps its rate ($r bytes/s; alone just before $near, at the start $base)" \
				"$r against $near; the bucket's most over $((($6 - $2) / 100)) s: $most"
		done
		wait_for 60 said attacker "attacks over"
	else
		tap_not_ok "xl creates the attacker" "$(tail -3 /tmp/xl-attacker.log | tr '\n' ' ')"
	fi
else
	tap_not_ok "xl creates the honest guest" "$(tail -3 /tmp/xl-honest.log | tr '\n' ' ')"
fi
guest_stop attacker
guest_stop honest
baseline_verdict 60
check "dom0: modules unload" dom0_unload
