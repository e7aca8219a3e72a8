#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "health-watch": reads 4 KiB from /dev/hwrng five times a
# second and says, whenever its frontend's account changes,
#   VRNG: credit passed BITS degraded ANSWERS
# (bits passed on to this guest's RNG; answers whose health said a
# source of dom0's failed), until dom0 destroys it.
# shellcheck shell=sh
F=/sys/kernel/debug/vrngfront/vrng-0
fstat() { sed -n "s/^$1: //p" "$F" 2>/dev/null; }
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (health-watch)"
last=
while :; do
	head -c 4096 /dev/hwrng >/dev/null 2>&1
	line="passed $(fstat credit_passed_bits) degraded $(fstat degraded_answers)"
	if [ "$line" != "$last" ]; then
		echo "VRNG: credit $line"
		last=$line
	fi
	sleep 0.2
done
