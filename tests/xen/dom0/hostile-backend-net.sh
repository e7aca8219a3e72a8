#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile backend against xen-xnf: the guest's vif moved from netback
# to the test-only module tests/modules/xnf_hostile_back.c, whose
# answers break one netif rule each (its parameter "attack", read at
# connect; guest role hostile-net binds xen-xnf to the vif once an
# attack). Each that breaks a rule must leave the frontend closed with
# the reason named (tx-mapped: a granted page still mapped when its
# request is answered, which xen-xnf leaves to the grant table to end
# once unmapped); an RX slot with an error status is dropped and
# counted; a silent backend and an event storm leave the guest able to
# let the device go; one that stops answering leaves a ring that pktgen's
# bursts filled with every request pushed, and the stack's watchdog has
# xen-xnf notify it again without closing (stall). The guest survives all
# (a warning there is a panic: panic_on_warn) and, on a debug kernel, kmemleak finds nothing after.
# ATTACKS picks fewer. Bounds: an attack takes the guest ~15 s (10 s of
# pinging); 300 s each.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

ATTACKS=${ATTACKS:-rx-id rx-range rx-error rx-overflow tx-id tx-dup tx-status tx-overflow tx-mapped silent storm stall}
P=/sys/module/xnf_hostile_back/parameters/attack
LOG=$CON/guest-hn.log
report() { tr -d '\r' <"$LOG" | sed -n "s/^VRNG: net $1 state //p" | tail -1; }
expect_broken() {
	case $1 in
	rx-id | tx-id) echo "response to no request in flight" ;;
	# a second answer to the one request in flight, or to one answered
	tx-dup) echo "more responses than requests|response to no request in flight" ;;
	rx-range) echo "data beyond the page" ;;
	tx-status) echo "undefined status" ;;
	rx-overflow | tx-overflow) echo "more responses than requests" ;;
	tx-mapped) echo "page still mapped after its answer" ;;
	esac
}

# a guest that died (a warning panics it) is not waited for
said_or_gone() { said hn "$1" || ! xl list hn >/dev/null 2>&1; }

xnf_bridge_up
modprobe xnf-hostile-back
# Upstream xen-netfront (built into the debug guest) warns when it is
# unbound while its backend is still answering (6.1's xennet_remove
# sleeps inside a wait condition), and a warning panics that guest: it
# is kept from starting at all, and xen-xnf takes the vif from the first.
if xnf_guest hn hostile-net 0a initcall_blacklist=netif_init; then
	d=$(xl domid hn)
	if wait_for 600 said_or_gone "net ready" && said hn "net ready"; then
		echo "vif-$d-0" >/sys/bus/xen-backend/drivers/vif/unbind
		echo "vif-$d-0" >/sys/bus/xen-backend/drivers/vif-hostile/bind
	else
		tap_not_ok "the guest lets its vif go for the attacks" \
			"$(xl list hn >/dev/null 2>&1 || echo 'guest gone: ')$(tail -20 "$LOG" | tr '\r\n' '  ')"
		xnf_guest_reports hn
		ATTACKS=
	fi
	for a in $ATTACKS; do
		echo "$a" >"$P"
		xenstore-write "/local/domain/$d/data/hostile" "attack $a"
		if ! { wait_for 300 said_or_gone "net $a done" && said hn "net $a done"; }; then
			tap_not_ok "$a: the guest reports" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
			xnf_guest_reports hn
			break
		fi
		r=$(report "$a")
		why=$(expect_broken "$a")
		case $a in
		rx-error)
			case $r in
			"4 rx_errors "[1-9]*" broken no") tap_ok "$a: an RX slot with an error status is dropped and counted, the device stays up" ;;
			*) tap_not_ok "$a: an RX slot with an error status is dropped and counted" "$r" ;;
			esac ;;
		stall)
			# the TX requests the backend was shown, read as it
			# lets go of the ring: 60 s for the guest's unbind
			w=$(tr -d '\r' <"$LOG" | sed -n 's/^VRNG: net stall written \([0-9]*\) stops \([0-9]*\) .*/\1 \2/p' | tail -1)
			t=$(tr -d '\r' <"$LOG" | sed -n 's/^VRNG: net stall written .* timeouts \([0-9]*\) kicked \([0-9]*\)$/\1 \2/p' | tail -1)
			pushed() { sed -n 's/^tx_pushed: //p' "/sys/kernel/debug/xnf-hostile-back/dom$d"; }
			shown() { [ "$(pushed)" = "${w%% *}" ]; }
			wait_for 60 shown
			if [ -n "$w" ] && [ "${w#* }" -gt 0 ] && shown; then
				tap_ok "$a: a full ring stops the queue with every request pushed (${w%% *} written, $(pushed) seen, ${w#* } stops)"
			else
				tap_not_ok "$a: a full ring stops the queue with every request pushed" \
					"written and stops: ${w:-none}, seen: $(pushed); $r"
			fi
			case $t in
			"" | 0\ * | *\ 0) tap_not_ok "$a: the watchdog finds the stalled queue, xen-xnf notifies the backend again and keeps the device" "timeouts and lines: ${t:-none}; $r" ;;
			*) case $r in
				*"broken no") tap_ok "$a: the watchdog finds the stalled queue (${t% *} times), xen-xnf notifies the backend again and keeps the device" ;;
				*) tap_not_ok "$a: the watchdog finds the stalled queue, xen-xnf keeps the device" "$r" ;;
				esac ;;
			esac ;;
		silent | storm)
			case $r in
			*"broken no") tap_ok "$a: the guest lives on and lets the device go$([ "$a" = storm ] && echo " ($(sed -n 's/^sent: //p' /sys/kernel/debug/xnf-hostile-back/dom"$d") notifications)")" ;;
			*) tap_not_ok "$a: the guest lives on" "$r" ;;
			esac ;;
		*)
			if printf '%s\n' "$r" | grep -Eq "broken ($why)\$"; then
				tap_ok "$a: xen-xnf refuses it (${r#*broken }) and closes"
			else
				tap_not_ok "$a: xen-xnf refuses it ($why)" "$r"
			fi ;;
		esac
	done
	xenstore-write "/local/domain/$d/data/hostile" over
	wait_for 120 said_or_gone over
	if xl list hn >/dev/null 2>&1; then
		tap_ok "the guest lives through every attack"
	else
		tap_not_ok "the guest lives through every attack" "$(tail -20 "$LOG" | tr '\r\n' '  ')"
	fi
	guest_kmemleak hn
fi
xl destroy hn 2>/dev/null
# (a glob: coreutils ls dies of SIGILL under TCG in dom0)
unbound() {
	for _f in /sys/bus/xen-backend/drivers/vif-hostile/vif-*; do
		[ -e "$_f" ] && return 1
	done
	return 0
}
wait_for 60 unbound
check "dom0: the test backend unloads" rmmod xnf_hostile_back
xnf_bridge_down
