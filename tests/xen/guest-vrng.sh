#!/bin/sh
# Runs inside a PV guest that dom0 attached to its vrng backend before the
# guest booted. Kernel command line options (set by dom0's test script):
#   ent.name=N   the guest's name, prefixed to its test names
#   ent.rate=R   the rate dom0 configured for this guest: measure it
#   ent.hold=1   stay and read through a backend reload
# Lines "VRNG: key value" are for dom0's script (samples, progress).
. /tests/tap.sh
arg() { tr ' ' '\n' </proc/cmdline | sed -n "s/^ent\.$1=//p"; }
name=$(arg name)
F=/sys/kernel/debug/vrngfront/vrng-0
fstat() { sed -n "s/^$1: //p" "$F" 2>/dev/null; }
current() { [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; }
credited() { [ "$(fstat first_credit_ms)" -ge 0 ] 2>/dev/null; }
now() { cut -d' ' -f1 /proc/uptime; }

if ! modprobe xen-vrngfront quality=0 2>/dev/null &&
	dmesg | grep -q 'quality=0 is out of range'; then
	tap_ok "$name: xen-vrngfront quality=0 is refused, and the log says why"
else
	tap_not_ok "$name: xen-vrngfront quality=0 is refused" "$(dmesg | tail -2 | tr '\n' ' ')"
	rmmod xen-vrngfront 2>/dev/null
fi
check "$name: xen-vrngfront loads" modprobe xen-vrngfront
check "$name: the guest's rng_current is xen-vrng" wait_for 60 current
if wait_for 60 credited; then
	tap_ok "$name: first 256 credited bits reach the kernel, $(fstat first_credit_ms) ms after probe"
else
	tap_not_ok "$name: first 256 credited bits reach the kernel" "$(cat $F | tr '\n' ' ')"
fi
echo "VRNG: first_credit_ms $(fstat first_credit_ms)"
dmesg | grep -m1 'crng init done' | sed 's/^/VRNG: crng /'

# A sample for dom0 to compare across guests: 4 KiB in 32-byte lines.
head -c 4096 /dev/hwrng | od -An -v -tx1 -w32 | tr -d ' ' |
	sed 's/^/VRNG: sample /'

# FIPS 140-2's tests reject about 0.1% of random blocks: expect ~1.
if rngtest -c 1000 </dev/hwrng >/tmp/rngtest.txt 2>&1 ||
	[ "$(sed -n 's/.*FIPS 140-2 failures: //p' /tmp/rngtest.txt)" -le 5 ]; then
	tap_ok "$name: rngtest passes 1000 blocks of /dev/hwrng ($(sed -n 's/.*FIPS 140-2 failures: //p' /tmp/rngtest.txt) failures)"
else
	tap_not_ok "$name: rngtest passes 1000 blocks of /dev/hwrng" \
		"$(grep -E 'successes|failures' /tmp/rngtest.txt | tr '\n' ' ')"
fi

# The bucket is empty after rngtest: 4 s worth of bytes take 4 s.
rate=$(arg rate)
if [ -n "$rate" ]; then
	want=$((rate * 4))
	t0=$(now)
	got=$(head -c "$want" /dev/hwrng | wc -c)
	t1=$(now)
	measured=$(awk -v b="$got" -v a="$t0" -v z="$t1" 'BEGIN { printf "%d", b / (z - a) }')
	echo "VRNG: rate $measured"
	if [ "$got" = "$want" ] && awk -v m="$measured" -v r="$rate" \
		'BEGIN { d = (m - r) / r; exit !(d <= 0.1 && d >= -0.1) }'; then
		tap_ok "$name: measured rate $measured B/s is within 10% of the configured $rate"
	else
		tap_not_ok "$name: measured rate is within 10% of the configured $rate" \
			"read $got of $want bytes at $measured B/s"
	fi
fi

# Backend reload: reads fail cleanly while it is away, then resume.
if [ "$(arg hold)" = 1 ]; then
	echo "VRNG: hold"
	c0=$(fstat connects)
	failed=0
	back=0
	i=0
	while [ $i -lt 240 ]; do
		if [ "$(head -c 4096 /dev/hwrng 2>/dev/null | wc -c)" = 4096 ]; then
			[ "$failed" = 1 ] && [ "$(fstat connects)" -gt "$c0" ] &&
				back=1 && break
		else
			failed=1
		fi
		sleep 0.5
		i=$((i + 1))
	done
	[ "$failed" = 1 ] && tap_ok "$name: reads fail cleanly while the backend is unloaded" ||
		tap_not_ok "$name: reads fail cleanly while the backend is unloaded" "no read failed"
	[ "$back" = 1 ] && tap_ok "$name: the frontend reconnects to the reloaded backend and reads go on" ||
		tap_not_ok "$name: the frontend reconnects to the reloaded backend" "$(cat $F | tr '\n' ' ')"
	dmesg | grep -q 'backend went away' && tap_ok "$name: the guest logs the disconnect" ||
		tap_not_ok "$name: the guest logs the disconnect"
fi
sed 's/^/VRNG: stat /' "$F"
# xenbus holds the module while its device is bound: unbind, then unload.
check "$name: the device unbinds (frontend Closed)" \
	sh -c 'echo vrng-0 >/sys/bus/xen/drivers/vrng/unbind'
check "$name: xen-vrngfront unloads" rmmod xen-vrngfront
tap_clean_dmesg "$name: no WARN, BUG, oops or KASAN in the guest kernel log"
tap_end
