#!/bin/sh
# A guest that loads its vrng device for dom0's fairness test:
#   ent.load=xen-vrngfront (guest-init loads it), ent.demand=greedy|light
#   greedy: reads /dev/hwrng as fast as it can; light: 4 KiB every 100 ms.
# Runs until dom0 destroys it.
demand=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^ent\.demand=//p')
until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
	sleep 0.2
done
echo "VRNG: reading ($demand)"
case $demand in
greedy) while :; do cat /dev/hwrng >/dev/null; done ;;
*) while :; do head -c 4096 /dev/hwrng >/dev/null; sleep 0.1; done ;;
esac
