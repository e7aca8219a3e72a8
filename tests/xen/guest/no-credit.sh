#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "no-credit": the frontend of a guest whose toolstack said
# trusted "0", or whose backend offers no feature-credit (dom0 arranges
# which): it reads bytes and passes no bit of credit to the kernel.
# shellcheck shell=sh
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
F=/sys/kernel/debug/vrngfront/vrng-0
fstat() { sed -n "s/^$1: //p" "$F" 2>/dev/null; }
current() { [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; }

check "xen-vrngfront loads" modprobe xen-vrngfront
check "the guest's rng_current is xen-vrng" wait_for 60 current
n=$(head -c 65536 /dev/hwrng | wc -c)
if [ "$n" = 65536 ] && [ "$(fstat trusted)" = 0 ] &&
	[ "$(fstat credit_passed_bits)" = 0 ] && [ "$(fstat first_credit_ms)" = -1 ]; then
	tap_ok "64 KiB read, no credit passed to the kernel ($(fstat credit_reported_bits) bits reported)"
else
	tap_not_ok "64 KiB read, no credit passed to the kernel" "read $n; $(tr '\n' ' ' <"$F")"
fi
