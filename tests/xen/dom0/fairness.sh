#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A greedy guest (reading flat out at 256 KiB/s, 8 round trips a second,
# so wanting a seed every 100 ms or so, the most a generator takes) and a
# light one (a round trip, and a want, per half second and its read),
# with dom0's sources cut to about a seed a second. The light guest can
# take at most a seed per round trip (its frontend sends 8 requests at
# once); it must get at least 80% of min(its round trips, half of all
# seeds handed out to the two). Counted events, not time: the count runs
# until the two have been handed 20 seeds and the light guest has made
# 16 round trips (about 25 s here, bounded at 10 minutes for a slow or
# busy machine), so a slower machine makes the count take longer, not
# smaller; one seed of slack for where the count's window cuts a round
# trip. The hand-out keeps a place only for a reader seen within 2 s
# (ENT_FAIR_IDLE_MS): the light guest's cadence is its sleep, not its
# speed, and the greedy one's rate is capped so that its reads, and
# dom0's making of its bytes, leave CPU to the rest (flat out beside a
# busy host, the light guest's reads came 7 s apart and it lost its
# place). The hand-out's own rules are unit-tested on a fake clock
# (entropy/core/tests/test_fair.c).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

backend_up
if guest_start greedy greedy "--rate 262144" && guest_start light light; then
	dg=$(xl domid greedy)
	dl=$(xl domid light)
	wait_for 300 said greedy reading && wait_for 300 said light reading
	# Scarcity: the CPU's source out, the jitter source at 16/1024.
	rmmod ent_cpu 2>/dev/null
	rmmod ent_jitter && modprobe ent-jitter quality=16
	sleep 5
	sg0=$(cstat "$dg" reseeds) sl0=$(cstat "$dl" reseeds) rl0=$(bstat "$dl" requests)
	bg=$(bstat "$dg" bytes)
	counted() {
		sg=$(($(cstat "$dg" reseeds) - sg0)) sl=$(($(cstat "$dl" reseeds) - sl0))
		rl=$((($(bstat "$dl" requests) - rl0) / 8))
		[ $((sg + sl)) -ge 20 ] && [ "$rl" -ge 16 ]
	}
	wait_for 600 counted || echo "# the count did not reach 20 seeds and 16 round trips in 600 s"
	counted
	half=$(((sg + sl) / 2))
	fair=$((rl < half ? rl : half))
	echo "# greedy $sg seeds, light $sl seeds in $rl round trips; fair share $fair"
	bgot=$(($(bstat "$dg" bytes) - bg))
	if [ "$bgot" -gt 1048576 ]; then
		tap_ok "the greedy guest reads flat out ($bgot bytes)"
	else
		tap_not_ok "the greedy guest reads flat out" "$bgot bytes; $(tr '\n' ' ' <"$VB/dom$dg/stats")"
	fi
	if [ "$sl" -gt 0 ] && [ $(((sl + 1) * 10)) -ge $((fair * 8)) ]; then
		tap_ok "a light guest next to a greedy one gets its fair share of seeds ($sl of $((sg + sl)))"
	else
		tap_not_ok "a light guest gets its fair share of seeds" "light $sl, greedy $sg, light round trips $rl"
	fi
else
	tap_not_ok "xl creates the greedy and light guests" "$(tail -3 /tmp/xl-greedy.log /tmp/xl-light.log | tr '\n' ' ')"
fi
guest_stop greedy
guest_stop light
check "dom0: modules unload" dom0_unload
