#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "reader": reads 4 KiB every half second and says "tick"
# every ten reads (whether they succeed or not: it shows it is alive),
# until dom0 destroys it.
# shellcheck shell=sh
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (reader)"
i=0
while :; do
	head -c 4096 /dev/hwrng >/dev/null 2>&1
	i=$((i + 1))
	[ $((i % 10)) = 0 ] && echo "VRNG: tick $i"
	sleep 0.5
done
