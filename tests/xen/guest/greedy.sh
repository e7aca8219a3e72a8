#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "greedy": reads /dev/hwrng as fast as it can, until dom0
# destroys it.
# shellcheck shell=sh
modprobe xen-vrngfront
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading (greedy)"
while :; do cat /dev/hwrng >/dev/null; done
