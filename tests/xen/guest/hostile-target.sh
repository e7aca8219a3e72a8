#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "hostile-target": xen-vrngfront under a hostile backend in
# dom0 (tests/xen/dom0/hostile-backend-vrng.sh). It reads /dev/hwrng all
# along (each read bounded at 20 s: the frontend's own timeout is 5 s)
# and, whenever something changes (and every 10th read), says so:
#   VRNG: fe STATE ok N failed N timeouts N broken REASON
# At dom0's word "over" (its data/hostile key) it unbinds the device,
# unloads the frontend and reports it ("VRNG: unloaded yes"), then what kmemleak finds on a
# kernel that has it ("VRNG: kmemleak N").
# shellcheck shell=sh
F=/sys/kernel/debug/vrngfront/vrng-0
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
# shellcheck source=tests/lib/kmemleak.sh
. "$ENT_LIB/kmemleak.sh"
fstat() { sed -n "s/^$1: //p" "$F" 2>/dev/null; }
kmemleak_start
modprobe xen-vrngfront
echo "VRNG: ready"
ok=0 failed=0 last=
until [ "$(xenstore-read data/hostile 2>/dev/null)" = over ]; do
	if timeout 20 head -c 64 /dev/hwrng >/dev/null 2>&1; then
		ok=$((ok + 1))
		sleep 0.1
	else
		failed=$((failed + 1))
		sleep 0.5
	fi
	# every change of state, failures, timeouts or reason; every 10th read
	key="$(fstat state) failed $failed timeouts $(fstat timeouts) broken $(fstat broken)"
	if [ "$key" != "$last" ] || [ $((ok % 10)) = 0 ]; then
		echo "VRNG: fe $(fstat state) ok $ok failed $failed timeouts $(fstat timeouts) broken $(fstat broken)"
		last=$key
	fi
done
# xenbus holds the module while its device is bound: unbind, then unload
echo vrng-0 >/sys/bus/xen/drivers/vrng/unbind
if rmmod xen-vrngfront; then
	echo "VRNG: unloaded yes"
else
	echo "VRNG: unloaded no"
fi
kmemleak_report
echo "VRNG: over"
