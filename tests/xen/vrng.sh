# dom0's tests of the vrng device with live frontends, sourced by test.sh
# (tap.sh, guests.sh, import_tap and $inject are in scope). Guests run
# tests/xen/guest-vrng.sh; dom0 compares, disturbs and measures.
# shellcheck shell=sh

CON=/var/log/xen/console
VB=/sys/kernel/debug/vrngback

# vrng_guest NAME RATE EXTRA: created paused, attached, then started, so
# the device is there when the guest's kernel enumerates xenbus.
vrng_guest() {
	guest_cfg "$1" "$inject ent.run=guest-vrng ent.name=$1 ${2:+ent.rate=$2} $3" >"/tmp/$1.cfg"
	xl create -p "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1 &&
		vrng-attach attach "$(xl domid "$1")" ${2:+--rate "$2"} >>"/tmp/xl-$1.log" 2>&1 &&
		xl unpause "$1"
}
said() { grep -q "^VRNG: $2" "$CON/guest-$1.log" 2>/dev/null; }
bstat() { sed -n "s/^$2: //p" "$VB/dom$1/stats" 2>/dev/null; }

# Bad module parameters: refused at load, with a line saying why.
rmmod xen-vrngback 2>/dev/null
dmesg -c >/dev/null
if ! modprobe xen-vrngback rate=2000000000 2>/dev/null &&
	dmesg | grep -q 'rate=2000000000 or burst=65536 is above'; then
	tap_ok "xen-vrngback rate=2000000000 is refused, and the log says why"
else
	tap_not_ok "xen-vrngback rate=2000000000 is refused" "$(dmesg | tail -2 | tr '\n' ' ')"
	rmmod xen-vrngback 2>/dev/null
fi
modprobe xen-vrngback
RATE1=262144
if vrng_guest vg1 $RATE1 ent.hold=1 && vrng_guest vg2 "" ent.hold=1; then
	tap_ok "two guests created with the vrng device attached"
	d1=$(xl domid vg1)
	d2=$(xl domid vg2)
	wait_for 600 said vg1 hold && wait_for 300 said vg2 hold
	if [ "$(bstat "$d1" state)" = Connected ] && [ "$(bstat "$d2" state)" = Connected ]; then
		tap_ok "the backend serves both guests (Connected)"
	else
		tap_not_ok "the backend serves both guests" "dom$d1 $(bstat "$d1" state), dom$d2 $(bstat "$d2" state)"
	fi

	# 2. Different bytes: no 32-byte line of one guest's sample in the other's.
	for g in vg1 vg2; do
		# whole 32-byte lines only: a kernel message may split one
		sed -n 's/\r$//; s/^VRNG: sample \([0-9a-f]\{64\}\)$/\1/p' "$CON/guest-$g.log" >"/tmp/$g.sample"
	done
	# (no coreutils wc here: its AVX2 path dies under TCG's Haswell model)
	n1=$(grep -c . /tmp/vg1.sample)
	common=$(sort /tmp/vg1.sample /tmp/vg2.sample | uniq -d | grep -c .)
	n2=$(grep -c . /tmp/vg2.sample)
	if [ "$n1" -ge 120 ] && [ "$n2" -ge 120 ] && [ "$common" = 0 ]; then
		tap_ok "two guests receive different bytes (4 KiB each, nothing in common)"
	else
		tap_not_ok "two guests receive different bytes" "lines $n1 and $n2, in common $common"
	fi
	if [ "$(bstat "$d1" rate)" = $RATE1 ] && [ "$(bstat "$d2" rate)" = 1048576 ]; then
		tap_ok "per-domain rate override and module default are in force"
	else
		tap_not_ok "per-domain rate override and module default" "$(bstat "$d1" rate) $(bstat "$d2" rate)"
	fi

	# 8. Garbage in a guest's frontend keys: refused in one line; others served.
	guest_cfg vg3 "$inject ent.idle" >/tmp/vg3.cfg
	if xl create /tmp/vg3.cfg >/tmp/xl-vg3.log 2>&1; then
		d3=$(xl domid vg3)
		vrng-attach attach "$d3" >/dev/null
		fe=/local/domain/$d3/device/vrng/0
		be=/local/domain/0/backend/vrng/$d3/0
		wait_for 20 sh -c "[ \"\$(xenstore-read $be/state)\" = 2 ]"
		r1=$(bstat "$d1" requests)
		dmesg -c >/dev/null
		# What a hostile guest can write into its own directory.
		xenstore-write "$fe/ring-ref" "12abc" "$fe/event-channel" "x7" \
				"$fe/version" "1" "$fe/state" 3
		closing() { [ "$(xenstore-read "$be/state")" = 5 ]; }
		if wait_for 20 closing; then
			tap_ok "a guest's garbage ring-ref and event-channel: the backend refuses (Closing)"
		else
			tap_not_ok "garbage frontend keys are refused" "backend state $(xenstore-read "$be/state")"
		fi
		n=$(dmesg | grep -c 'malformed')
		[ "$n" = 1 ] && tap_ok "the refusal is one clear log line: $(dmesg | grep -m1 malformed | sed 's/^\[[^]]*\] //')" ||
			tap_not_ok "the refusal is one clear log line" "$n lines: $(dmesg | tail -3 | tr '\n' ' ')"
		# vg1 reads 4 KiB every 0.5 s from a 32 KiB cache: a round trip
		# every 4 s or so
		served() { [ "$(bstat "$d1" requests)" -gt "$r1" ]; }
		if wait_for 15 served && [ "$(bstat "$d1" state)" = Connected ]; then
			tap_ok "other guests are still served after the refusal"
		else
			tap_not_ok "other guests are still served after the refusal" "vg1 $(bstat "$d1" state) requests $r1 -> $(bstat "$d1" requests)"
		fi
		xl destroy vg3
		vrng-attach detach "$d3" >/dev/null 2>&1
	else
		tap_not_ok "xl creates guest vg3" "$(tail -3 /tmp/xl-vg3.log | tr '\n' ' ')"
	fi

	# 6. Backend reload under live guests (they read every half second).
	# xenbus holds the module while devices are bound: unbind them first.
	unbind_all() {
		for d in /sys/bus/xen-backend/drivers/vrng/vrng-*; do
			[ -e "$d" ] || continue
			echo "${d##*/}" >/sys/bus/xen-backend/drivers/vrng/unbind || return 1
		done
	}
	check "the backend's devices unbind with two guests attached" unbind_all
	check "xen-vrngback unloads" rmmod xen-vrngback
	sleep 3
	check "xen-vrngback reloads" modprobe xen-vrngback
	for g in vg1 vg2; do
		wait_for 300 sh -c "! xl list $g" || { tap_not_ok "$g powers off"; xl destroy "$g"; }
		if grep -q TAP-END "$CON/guest-$g.log"; then
			tap_ok "$g ran its tests to the end"
		else
			tap_not_ok "$g ran its tests to the end" "last lines: $(tail -5 "$CON/guest-$g.log" | tr '\n' ' ')"
		fi
		import_tap "$CON/guest-$g.log"
		grep -E '^VRNG: (first_credit_ms|crng|rate|stat)' "$CON/guest-$g.log" | sed 's/^/# /'
	done
	vrng-attach detach "$d1" >/dev/null
	vrng-attach detach "$d2" >/dev/null
else
	tap_not_ok "two guests created with the vrng device attached" "$(cat /tmp/xl-vg1.log /tmp/xl-vg2.log 2>/dev/null | tail -4 | tr '\n' ' ')"
fi

# The watch mode attaches what xl creates and cleans up what xl destroys.
vrng-attach watch >/tmp/watch.log 2>&1 &
WATCH=$!
attached() { [ -n "$(xenstore-read "/local/domain/0/backend/vrng/$1/0/frontend" 2>/dev/null)" ]; }
be_state() { [ "$(xenstore-read "/local/domain/0/backend/vrng/$1/0/state" 2>/dev/null)" = "$2" ]; }
be_gone() { ! xenstore-read "/local/domain/0/backend/vrng/$1" >/dev/null 2>&1; }
# idle_vrng_guest NAME EXTRA: created paused, started once watch attached it.
idle_vrng_guest() {
	guest_cfg "$1" "$inject ent.load=xen-vrngfront $2" >"/tmp/$1.cfg"
	xl create -p "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1 || return 1
	wait_for 20 attached "$(xl domid "$1")" && xl unpause "$1"
}

# 5. Ten destroy/recreate cycles: dom0's grant mappings, event channels,
# generators and slab memory return to where they were.
maps() { grep -c xenbus_map_ring /proc/vmallocinfo; }
irqs() { grep -c vrngback /proc/interrupts; }
gens() { grep -c 'name: vrng:' $D/consumers; }
slab() { sed -n 's/^Slab: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
m0=$(maps) i0=$(irqs) g0=$(gens) s0=$(slab)
ok=0
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	idle_vrng_guest cy "ent.idle" || break
	d=$(xl domid cy)
	wait_for 60 be_state "$d" 4 || break
	[ "$(maps)" -gt "$m0" ] && [ "$(irqs)" -gt "$i0" ] || break
	xl destroy cy
	wait_for 20 be_gone "$d" || break
	ok=$i
done
if [ "$ok" = 10 ]; then
	tap_ok "10 create/connect/destroy cycles, each attached and cleaned up by vrng-attach watch"
else
	tap_not_ok "10 create/connect/destroy cycles" "cycle $i failed: $(tail -3 /tmp/watch.log | tr '\n' ' ')"
	xl destroy cy 2>/dev/null
fi
sleep 1
echo "# dom0 after cycles: maps $m0->$(maps) irqs $i0->$(irqs) generators $g0->$(gens) slab ${s0}->$(slab) kB"
if [ "$(maps)" = "$m0" ] && [ "$(irqs)" = "$i0" ] && [ "$(gens)" = "$g0" ] &&
	[ $(($(slab) - s0)) -lt 2048 ]; then
	tap_ok "dom0's grant mappings, event channels, generators and slab are back to baseline"
else
	tap_not_ok "dom0's resources are back to baseline after the cycles"
fi

# 4. Fair shares of scarce seeds: a greedy guest (no rate limit, reading
# flat out, so wanting a seed every 100 ms, the most a generator takes) and
# a light one (4 KiB every 100 ms: a round trip, and a want, per 0.8 s),
# with dom0's sources cut to about a seed a second. The light guest can
# take at most a seed per round trip (its frontend sends 8 requests at
# once); it must get at least 80% of min(its round trips, half of all
# seeds handed out to the two).
cstat() { sed -n "s/.*name: vrng:dom$1 .*$2: \([0-9]*\).*/\1/p" $D/consumers; }

# 7. xl save and xl restore: the restored guest (a new domain, attached by
# the watch) reconnects and reseeds its CRNG at once.
if idle_vrng_guest sr "ent.run=guest-load ent.demand=restore" &&
	wait_for 120 said sr reading; then
	d0=$(xl domid sr)
	if xl save sr /tmp/sr.save >/tmp/xl-save.log 2>&1 &&
		xl restore /tmp/sr.save >/tmp/xl-restore.log 2>&1; then
		tap_ok "xl save and xl restore a guest with the vrng device"
		if wait_for 120 said sr resumed &&
			grep -q 'VRNG: resumed.*vrng-reseed: CRNG reseed forced' "$CON/guest-sr.log"; then
			tap_ok "the restored guest (domain $d0 -> $(xl domid sr)) reconnects and reseeds: $(sed -n 's/\r$//; s/^VRNG: resumed [0-9]*: //p' "$CON/guest-sr.log" | tail -1)"
			sed -n 's/\r$//; s/^VRNG: resumed-stats /# restored guest: /p' "$CON/guest-sr.log" | tail -1
		else
			tap_not_ok "the restored guest reconnects and reseeds" "$(tail -5 "$CON/guest-sr.log" | tr '\r\n' '  ')"
		fi
	else
		tap_not_ok "xl save and xl restore a guest with the vrng device" "$(tail -3 /tmp/xl-save.log /tmp/xl-restore.log | tr '\n' ' ')"
	fi
	xl destroy sr 2>/dev/null
	rm -f /tmp/sr.save
else
	tap_not_ok "a guest for save/restore comes up with the device" "$(tail -3 "$CON/guest-sr.log" 2>/dev/null | tr '\r\n' '  ')"
	xl destroy sr 2>/dev/null
fi

guest_cfg greedy "$inject ent.load=xen-vrngfront ent.run=guest-load ent.demand=greedy" >/tmp/greedy.cfg
guest_cfg light "$inject ent.load=xen-vrngfront ent.run=guest-load ent.demand=light" >/tmp/light.cfg
kill $WATCH
if xl create -p /tmp/greedy.cfg >/tmp/xl-greedy.log 2>&1 &&
	xl create -p /tmp/light.cfg >/tmp/xl-light.log 2>&1; then
	dg=$(xl domid greedy)
	dl=$(xl domid light)
	vrng-attach attach "$dg" --rate 0 >/dev/null
	vrng-attach attach "$dl" >/dev/null
	xl unpause greedy
	xl unpause light
	wait_for 120 said greedy reading && wait_for 120 said light reading
	sleep 5
	# The greedy guest's /dev/hwrng, unlimited: the device's throughput.
	bg=$(bstat "$dg" bytes)
	sleep 10
	echo "BENCH: xen-x86_64 vrng hwrng_bytes_per_s $((($(bstat "$dg" bytes) - bg) / 10))"
	# Scarcity: RDRAND's source out, the jitter source at 16/1024.
	rmmod ent_cpu 2>/dev/null
	rmmod ent_jitter && modprobe ent-jitter quality=16
	sleep 5
	sg=$(cstat "$dg" reseeds) sl=$(cstat "$dl" reseeds) rl=$(bstat "$dl" requests)
	bg=$(bstat "$dg" bytes)
	sleep 20
	sg=$(($(cstat "$dg" reseeds) - sg)) sl=$(($(cstat "$dl" reseeds) - sl))
	rl=$((($(bstat "$dl" requests) - rl) / 8))
	half=$(((sg + sl) / 2))
	fair=$((rl < half ? rl : half))
	echo "# 20 s: greedy $sg seeds, light $sl seeds in $rl round trips; fair share $fair"
	for g in greedy light; do
		echo "# $g: $(tail -3 "$CON/guest-$g.log" | tr '\r\n' '  ')"
	done
	bgot=$(($(bstat "$dg" bytes) - bg))
	if [ "$bgot" -gt 1048576 ]; then
		tap_ok "the greedy guest reads flat out ($bgot bytes in 20 s)"
	else
		tap_not_ok "the greedy guest reads flat out" "$bgot bytes; $(tr '\n' ' ' <"$VB/dom$dg/stats")"
	fi
	if [ "$sl" -gt 0 ] && [ $((sl * 10)) -ge $((fair * 8)) ]; then
		tap_ok "a light guest next to a greedy one gets its fair share of seeds ($sl of $((sg + sl)))"
	else
		tap_not_ok "a light guest gets its fair share of seeds" "light $sl, greedy $sg, light round trips $rl"
	fi
	# A hostile backend: an answer the greedy guest never asked for. Its
	# frontend must refuse it and close (the backend follows to Closing),
	# and the guest must live on.
	echo 1 >"$VB/dom$dg/stray"
	be_closing() { [ "$(bstat "$dg" state)" = Closing ]; }
	if wait_for 20 be_closing; then
		tap_ok "a guest's frontend refuses an answer to no request and closes the device"
	else
		tap_not_ok "a guest's frontend refuses an answer to no request" "backend state $(bstat "$dg" state)"
	fi
	sleep 3
	check "the guest lives on after its backend turned hostile" xl list greedy

	# Detach under a live, reading frontend: it closes, the backend lets go.
	gone_dev() { [ ! -e "$VB/dom$1" ]; }
	if vrng-attach detach "$dl" >/tmp/detach.out 2>&1 &&
		! grep -q "did not close" /tmp/detach.out && wait_for 10 gone_dev "$dl"; then
		tap_ok "detach with a live frontend: it closes in the handshake, the backend lets go"
	else
		tap_not_ok "detach with a live frontend" "$(cat /tmp/detach.out)"
	fi
	xl destroy greedy
	xl destroy light
	vrng-attach detach "$dg" >/dev/null
else
	tap_not_ok "xl creates the greedy and light guests" "$(tail -3 /tmp/xl-greedy.log /tmp/xl-light.log | tr '\n' ' ')"
fi
