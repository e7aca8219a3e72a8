#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "restore", saved once and restored as two clones by dom0
# (tests/xen/dom0/save-restore.sh). It forces a CRNG reseed, says
# "ready", then prints a numbered 16-byte sample of /dev/urandom every
# 0.2 s with the count of reseeds forced since "ready", and reports each
# resume with the frontend's line and vrng-reseed's (the uevent's).
# ent.clone=plain: Linux alone, the frontend never loaded.
#
# Why reseed before "ready": Linux's CRNG reseeds itself on the first read
# after its seed has aged by the reseed interval (uptime/2 early on). A
# seed fresh at the save is still young when the clones first read, so
# Linux alone gives both the same bytes: the baseline the test needs. The
# role waits until an uptime of 30 s, making that interval 15 s, against
# the few seconds between "ready" and the save's suspend.
# shellcheck shell=sh
F=/sys/kernel/debug/vrngfront/vrng-0
mode=front
for a in $(cat /proc/cmdline); do
	case $a in ent.clone=*) mode=${a#ent.clone=} ;; esac
done
if [ "$mode" != plain ]; then
	modprobe xen-vrngfront
	until [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" = xen-vrng ]; do
		sleep 0.2
	done
fi
up() { cut -d. -f1 /proc/uptime; }
while [ "$(up)" -lt 30 ]; do sleep 0.5; done
# A CRNG not ready yet refuses the reseed (and, once ready, reseeds from
# the input pool, which differs between clones): wait until it takes.
until vrng-reseed 2>/dev/null; do sleep 0.5; done
forced() { dmesg | grep -c 'vrng-reseed: CRNG reseed forced'; }
base=$(forced)
echo "VRNG: ready $mode $(up) (entropy_avail $(cat /proc/sys/kernel/random/entropy_avail), rdrand $(grep -c -m1 rdrand /proc/cpuinfo))"
n=0
seen=0
while :; do
	n=$((n + 1))
	echo "VRNG: urandom $n $(($(forced) - base)) $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	r=$(sed -n 's/^resumes: //p' $F 2>/dev/null)
	# the frontend's line, then the reseed its uevent asked for
	if [ -n "$r" ] && [ "$r" != "$seen" ] && [ "$(($(forced) - base))" -gt 0 ] &&
		dmesg | grep -q 'after restore'; then
		seen=$r
		echo "VRNG: resumed $r: $(dmesg | grep 'after restore' | tail -1 | sed 's/^\[[^]]*\] //'); $(dmesg | grep 'vrng-reseed:' | tail -1 | sed 's/^\[[^]]*\] //')"
		echo "VRNG: resumed-stats $(grep -E '^(state|connects|resumes|bytes):' $F | tr '\n' ' ')"
	fi
	sleep 0.2
done
