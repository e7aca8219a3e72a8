#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The unikernel on a dom0 bridge through the project's netfront library
# (libxnfront) and the stock netback: dom0 pings it, gets UDP datagrams
# of every size back byte for byte (xnf-echo), has a million packets
# from pktgen reflected with the counts matching on both sides, reloads
# netback under it, and shuts it down with xl.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

UK_IP=10.99.0.50
UK_MAC=00:16:3e:00:99:50
REFLECT=1000000
# pktgen's packets claim to come from a host that is not there: their
# echoes reach dom0's vif (where they are counted) and die in its stack
# (not for dom0, no forwarding) without an answer or a port unreachable.
NOBODY=10.99.0.99
now() { cut -d' ' -f1 /proc/uptime; }

xnf_bridge_up
modprobe pktgen 2>/dev/null
t0=$(now)
if uk_create un "ip=$UK_IP" "vif = [ 'bridge=$XNF_BRIDGE,mac=$UK_MAC' ]"; then
	d=$(xl domid un)
	vif=vif$d.0
	be=/local/domain/0/backend/vif/$d/0
	xl unpause un
	# 120 s: netback connects a frontend in well under a second; the
	# rest is the emulated machine's time to create the domain
	check "its network comes up (libxnfront connected to netback)" \
		wait_for 120 said_uk un 'network up in '
	answers() { busybox ping -c 1 -W 1 "$UK_IP" >/dev/null 2>&1; }
	check "dom0 pings it" wait_for 60 answers
	t1=$(now)
	tap_comment "image $(busybox wc -c <"$UK_KERNEL") bytes; from xl create: network up $(uk_line un 'network up in '), first ping reply in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
	check "it answers pings of 1500-byte packets" \
		busybox ping -c 3 -s 1472 -W 5 "$UK_IP"
	# 5 s a try, 3 tries: an echo takes milliseconds even under TCG
	echoed=$(xnf-echo -w 5000 "$UK_IP" 2>/tmp/xnf-echo.err)
	check "UDP echo: every size 1-1472 comes back byte for byte ($echoed)" \
		test "${echoed%%;*}" = "sizes 1-1472: 1472 echoed, 0 lost"
	echo_sent=$(echo "$echoed" | sed -n 's/.*datagrams sent \([0-9]*\),.*/\1/p')

	# The reflection: pktgen's count exactly, into netback's queue to the
	# guest. 6.1's netback drops (and counts in tx_dropped) a packet that
	# finds that queue full (XSA-392's bound), so what reaches the
	# unikernel is what was sent less those; everything that reaches it
	# must come back.
	vifstat() { cat "/sys/class/net/$vif/statistics/$1"; }
	r0=$(vifstat rx_packets) x0=$(vifstat tx_dropped)
	# 900 s: a million 64-byte packets take 10-60 s on this bed; pktgen
	# waits on netback's queue, so the bound is never what ends a run
	xnf-pktgen send -i "$vif" -d "$UK_IP" -m "$UK_MAC" -S "$NOBODY" -P 7 \
		-n "$REFLECT" -t 900 -r "cat /sys/class/net/$vif/statistics/rx_packets" \
		>/tmp/uk-reflect.json 2>/tmp/uk-reflect.err
	sent=$(sed -n 's/.*"sum_sent": {"packets": \([0-9]*\).*/\1/p' /tmp/uk-reflect.json)
	check "pktgen sent $REFLECT UDP packets to its echo port" test "${sent:-0}" = "$REFLECT"
	[ "${sent:-0}" = "$REFLECT" ] || tap_comment "pktgen: $(tr '\n' ' ' <"/proc/net/pktgen/$vif" | tr -s ' ' | cut -c1-400)"
	dropped=$(($(vifstat tx_dropped) - x0))
	delivered=$((${sent:-0} - dropped))
	all_back() { [ $(($(vifstat rx_packets) - r0)) -ge "$delivered" ]; }
	# 60 s: what was in the rings when pktgen ended is back in milliseconds
	check "dom0's vif counted every one netback delivered reflected back" wait_for 60 all_back
	back=$(($(vifstat rx_packets) - r0))
	check "... and no more" test "$back" = "$delivered"
	tap_comment "reflected: $back back of $delivered delivered ($dropped dropped by netback at its queue's bound), at $(sed -n 's/.*"sum_received": {[^}]*"packets_per_second": \([0-9]*\).*/\1/p' /tmp/uk-reflect.json) packets/s counted at dom0's vif"
	[ -s /tmp/uk-reflect.err ] && tap_comment "xnf-pktgen: $(head -2 /tmp/uk-reflect.err | tr '\n' ' ')"

	has_vif() { [ -e "/sys/class/net/$vif" ]; }
	connected() { [ "$(xenstore-read "$be/state" 2>/dev/null)" = 4 ]; }
	check "netback unbinds and loads again under it" netback_reload "$d"
	# 60 s: netback makes the vif within milliseconds of its probe
	check "netback makes its vif again" wait_for 60 has_vif
	check "Xen's vif-bridge puts it on $XNF_BRIDGE" vif_hotplug "$d"
	check "netback connects to its rings again" wait_for 60 connected
	check "dom0 pings it again" wait_for 60 answers

	xl shutdown un >/dev/null 2>&1
	# 60 s: it reads control/shutdown every 100 ms, then closes its vif
	check "xl shutdown: it powers off" wait_for 60 uk_gone un
	check "... as it was asked" said_uk un 'asked to poweroff'
	counts=$(uk_line un 'net: received ')
	tap_comment "net: received $counts"
	tap_comment "net: ignored $(uk_line un 'net: ignored ')"
	echoes=$(echo "$counts" | sed -n 's/.* \([0-9]*\) echo .*/\1/p')
	check "it echoed every datagram that reached it on port 7: $delivered from pktgen, $echo_sent from xnf-echo" \
		test "${echoes:-0}" = $((delivered + ${echo_sent:-0}))
	check "... dropping none" said_uk un 'net: ignored [0-9]*, malformed [0-9]*, dropped 0,'
fi
xl destroy un 2>/dev/null || true
xnf_bridge_down
