#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo's guest: booted without trusting its CPU's RNG, so its kernel's
# CRNG is seeded through the vrng device; says what happened on its console.
F=/sys/kernel/debug/vrngfront/vrng-0
say() { echo "GUEST: $*"; }
modprobe xen-vrngfront
i=0
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ] || [ $i -gt 100 ]; do
	sleep 0.2
	i=$((i + 1))
done
sleep 1
say "hwrng in use: $(cat /sys/class/misc/hw_random/rng_current) (of: $(cat /sys/class/misc/hw_random/rng_available))"
dmesg | grep -E 'vrng|crng init done|trust_cpu' | sed 's/^/GUEST: kernel: /'
t0=$(cut -d' ' -f1 /proc/uptime)
head -c 262144 /dev/hwrng >/dev/null
t1=$(cut -d' ' -f1 /proc/uptime)
say "read 256 KiB from /dev/hwrng in $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s (the backend's limit for this guest: 128 KiB/s after a 64 KiB burst)"
say "frontend stats: $(grep -E '^(bytes|requests|retries|credit_reported_bits|credit_passed_bits|first_credit_ms):' $F | tr '\n' ' ')"
sleep 600	# dom0 lists its view, then destroys this guest
