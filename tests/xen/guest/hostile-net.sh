#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "hostile-net": xen-xnf under a hostile netif backend in dom0
# (tests/xen/dom0/hostile-backend-net.sh). For each attack dom0 names in
# this guest's data/hostile key ("attack NAME"), the vif is bound to
# xen-xnf, addressed, pinged (ARP requests: TX) for 10 s, and what the
# driver said is reported:
#   VRNG: net NAME state S rx_errors N broken REASON
# ("tx-mapped": 4 frames of 4000 bytes, their payloads in two page
# fragments, instead of the pings; "stall": 2 s of pktgen bursts, then up to 60 s
# for the watchdog, and before that
#   VRNG: net stall written REQUESTS stops STOPS timeouts T kicked K
# with the TX requests written, the times the queue stopped, the
# watchdog's calls and xen-xnf's lines saying it notified again)
# then the vif is unbound (Closed) and "VRNG: net NAME done" said. At
# "over": kmemleak's finding on a kernel that has it ("VRNG: kmemleak N").
# shellcheck shell=sh
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
# shellcheck source=tests/lib/kmemleak.sh
. "$ENT_LIB/kmemleak.sh"
# shellcheck source=tests/lib/tap.sh
. "$ENT_LIB/tap.sh"
X=/sys/bus/xen/drivers/xnf
kmemleak_start
if [ -e /sys/bus/xen/drivers/vif/vif-0 ]; then
	echo vif-0 >/sys/bus/xen/drivers/vif/unbind	# xen-netfront's
fi
modprobe xen-xnf
[ -e "$X/vif-0" ] && echo vif-0 >"$X/unbind"
echo "VRNG: net ready"
word() { xenstore-read data/hostile 2>/dev/null; }
dev() { ls /sys/bus/xen/devices/vif-0/net 2>/dev/null | head -1; }
backend_connected() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = 4 ]; }
stat_of() { echo "$1" | sed -n "s/^ *q0_$2: //p"; }
timed_out() { [ "$(stat_of "$(ethtool -S "$1")" tx_timeouts)" -gt 0 ] 2>/dev/null; }
done_word=
while :; do
	w=$(word)
	case $w in
	over) break ;;
	"attack "*) [ "$w" != "$done_word" ] || { sleep 0.2; continue; } ;;
	*) sleep 0.2; continue ;;
	esac
	a=${w#attack }
	dmesg -c >/dev/null
	echo vif-0 >"$X/bind"
	n=
	for _ in $(seq 100); do
		n=$(dev)
		[ -n "$n" ] && break
		sleep 0.2
	done
	# The device is there at probe; the backend reads its rings only
	# once it is Connected itself, after this end. A ping before that (a
	# slow handshake under TCG) never meets the attack: wait, 60 s.
	be=$(xenstore-read device/vif/0/backend 2>/dev/null)
	wait_for 60 backend_connected
	if [ -n "$n" ]; then
		# stall: BQL would stop the queue long before the ring is
		# full (its limit grows with answers, and these stop): lifted
		# before the first answer, the ring fills under pktgen's
		# xmit_more bursts
		[ "$a" != stall ] ||
			echo 100000000 >"/sys/class/net/$n/queues/tx-0/byte_queue_limits/limit_min"
		ip addr add 10.99.0.2/24 dev "$n" 2>/dev/null
		ip link set "$n" up
		if [ "$a" = stall ]; then
			xnf-pktgen send -i "$n" -d 10.99.0.1 -m 02:00:00:00:00:01 -t 2 -b 64 >/dev/null 2>&1
			# the stack's watchdog calls the driver for a queue
			# stopped 5 s: 60 s is twelve times that
			wait_for 60 timed_out "$n"
			s=$(ethtool -S "$n")
			echo "VRNG: net stall written $(stat_of "$s" tx_slots) stops $(stat_of "$s" tx_stops) timeouts $(stat_of "$s" tx_timeouts) kicked $(dmesg | grep -c 'queue 0 stalled: .*notifying the backend again')"
		elif [ "$a" = tx-mapped ]; then
			# frames whose payload is in page fragments, which
			# xen-xnf grants, not copies (its default trusted=1)
			xnf-pktgen send -i "$n" -d 10.99.0.1 -m 02:00:00:00:00:01 -t 10 -n 4 -s 4000 -f 2 >/dev/null 2>&1
		else
			ping -c 10 -W 1 10.99.0.1 >/dev/null 2>&1
		fi
	fi
	why=$(dmesg | sed -n 's/.*backend broke the netif protocol on queue [0-9]* (\(.*\)): closing.*/\1/p' | head -1)
	rxe=$(ethtool -S "$n" 2>/dev/null | sed -n 's/^ *q0_rx_ring_errors: //p')
	echo "VRNG: net $a state $(xenstore-read device/vif/0/state) rx_errors ${rxe:-none} broken ${why:-no}"
	echo vif-0 >"$X/unbind"
	echo "VRNG: net $a done"
	done_word=$w
done
kmemleak_report
echo "VRNG: over"
