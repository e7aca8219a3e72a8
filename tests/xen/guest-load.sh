#!/bin/sh
# A guest that loads its vrng device (ent.load=xen-vrngfront, done by
# guest-init) for dom0's tests; ent.demand= says what it does next:
#   greedy   reads /dev/hwrng as fast as it can
#   light    reads 4 KiB every 100 ms
#   restore  reports each resume (xl save/restore) with the frontend's
#            line, vrng-reseed's and the stats
# Runs until dom0 destroys it.
F=/sys/kernel/debug/vrngfront/vrng-0
demand=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^ent\.demand=//p')
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading ($demand)"
case $demand in
greedy) while :; do cat /dev/hwrng >/dev/null; done ;;
light) while :; do head -c 4096 /dev/hwrng >/dev/null; sleep 0.1; done ;;
restore)
	seen=0
	while :; do
		n=$(sed -n 's/^resumes: //p' $F)
		# the frontend's line, then the reseed its uevent asked for
		if [ "$n" != "$seen" ] && dmesg | grep -q 'after restore' &&
			dmesg | grep -q 'vrng-reseed:'; then
			seen=$n
			echo "VRNG: resumed $n: $(dmesg | grep 'after restore' | tail -1 | sed 's/^\[[^]]*\] //'); $(dmesg | grep 'vrng-reseed:' | tail -1 | sed 's/^\[[^]]*\] //')"
			echo "VRNG: resumed-stats $(grep -E '^(state|connects|resumes|bytes):' $F | tr '\n' ' ')"
		fi
		sleep 0.5
	done ;;
esac
