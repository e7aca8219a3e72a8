#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "light": reads 32 KiB (the frontend's cache: one round trip
# to dom0) every half second, until dom0 destroys it. One read a round
# trip: the cadence is the sleep's, whatever the guest's speed.
# shellcheck shell=sh
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (light)"
while :; do head -c 32768 /dev/hwrng >/dev/null; sleep 0.5; done
