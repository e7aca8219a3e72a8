#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "hostile": the test-only hostile vrng frontend
# (tests/modules/vrng_hostile_front.c) runs the attacks dom0 named on the
# command line (ent.attacks=a,b,...: all by default; ent.cycles=N for the
# attack "cycles"; ent.stream=N for the soak's valid requests, "stream"),
# one at a time. Each lasts at least 10 s, so that
# dom0 can measure an honest guest's rate over it. Lines for dom0's test
# (tests/xen/dom0/hostile-frontend.sh): "VRNG: attack NAME start", then
# "VRNG: result NAME KEY VALUE" for what this side saw, then
# "VRNG: attack NAME done RC". Dom0 takes its counts around each attack:
# the attack waits for its "start NAME" in the guest's data/hostile key,
# the next one for "done NAME" (bounded: 600 s each).
# shellcheck shell=sh
D=/sys/kernel/debug/vrng-hostile
attacks="overflow backwards ids lengths grants double-fetch storm keys states cycles gone"
cycles=1000
stream=100000
for a in $(cat /proc/cmdline); do
	case $a in
	ent.attacks=*) attacks=$(echo "${a#ent.attacks=}" | tr , ' ') ;;
	ent.cycles=*) cycles=${a#ent.cycles=} ;;
	ent.stream=*) stream=${a#ent.stream=} ;;
	esac
done
secs() { cut -d. -f1 /proc/uptime; }
said_go() { [ "$(xenstore-read data/hostile 2>/dev/null)" = "$1" ]; }
wait_go() {
	_n=0
	until said_go "$1"; do
		_n=$((_n + 1))
		[ "$_n" -le 3000 ] || return 1
		sleep 0.2
	done
}

if ! modprobe vrng-hostile-front cycles="$cycles" stream_requests="$stream"; then
	echo "VRNG: no hostile module"
	exit 1
fi
echo "VRNG: ready"
for a in $attacks; do
	t0=$(secs)
	echo "VRNG: attack $a start"
	wait_go "start $a" || echo "VRNG: dom0 did not say start"
	if echo "$a" >"$D/attack"; then rc=0; else rc=1; fi
	sed "s/^\([^:]*\): /VRNG: result $a \1 /" "$D/result"
	while [ $(($(secs) - t0)) -lt 10 ]; do sleep 1; done
	echo "VRNG: attack $a done $rc"
	wait_go "done $a" || echo "VRNG: dom0 did not say done"
done
echo "VRNG: attacks over"
