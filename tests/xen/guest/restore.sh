#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "restore": reports each resume (xl save/restore) with the
# frontend's line, vrng-reseed's (run through the uevent) and the stats,
# until dom0 destroys it.
# shellcheck shell=sh
F=/sys/kernel/debug/vrngfront/vrng-0
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (restore)"
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
done
