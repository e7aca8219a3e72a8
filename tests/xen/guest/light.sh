#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "light": reads 4 KiB every 100 ms, until dom0 destroys it.
# shellcheck shell=sh
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (light)"
while :; do head -c 4096 /dev/hwrng >/dev/null; sleep 0.1; done
