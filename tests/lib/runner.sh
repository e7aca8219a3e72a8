#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs a layer's test files one at a time, each in a shell of its own, as
# root in a VM of the test bed or on a real host:
#   sh tests/lib/runner.sh tests/qemu/cases [NAME...]
# NAME is a file name without .sh; none runs them all, in name order.
# Each file does its own setup and cleanup. After each, the runner fails
# the test by name if the kernel logged a report (KASAN, UBSAN, KFENCE,
# lockdep, WARN, BUG, oops) while it ran, or if kmemleak, where the kernel
# has it, finds memory it leaked. Settings (ENT_INJECT, ENT_TESTS...) come
# from the file in $ENT_SETTINGS, when set.
# shellcheck shell=sh
lib=$(cd "$(dirname "$0")" && pwd)
. "$lib/tap.sh"
# The settings reach every test file: exported.
if [ -n "${ENT_SETTINGS:-}" ] && [ -f "$ENT_SETTINGS" ]; then
	set -a
	# shellcheck source=/dev/null
	. "$ENT_SETTINGS"
	set +a
fi
dir=${1:?usage: runner.sh DIR [NAME...]}
shift
names=${*:-${ENT_TESTS:-}}
# All of them by default, but the harness's injected* files, which do
# nothing without an ENT_INJECT switch, and those ENT_SKIP names.
if [ -z "$names" ]; then
	names=$(cd "$dir" && ls ./*.sh | sed 's|^\./||; s|\.sh$||')
	[ -n "${ENT_INJECT:-}" ] || names=$(echo "$names" | grep -v '^injected')
	for _skip in ${ENT_SKIP:-}; do
		names=$(echo "$names" | grep -vxF "$_skip")
	done
fi
export ENT_LIB="$lib" ENT_INJECT="${ENT_INJECT:-}"
# The longest a test may take: twice the slowest test's time on a debug
# kernel under TCG beside the other layers (hostile-frontend, some 15
# minutes), so that only a hang reaches it.
limit=${ENT_TEST_LIMIT:-1800}

# Every kernel message from now on, whatever a test does with dmesg -c.
KLOG=${TMPDIR:-/tmp}/runner-kmsg.$$
cat /dev/kmsg >"$KLOG" 2>/dev/null &
KLOG_PID=$!
KMEMLEAK=/sys/kernel/debug/kmemleak
REPORTS='BUG: |WARNING: |Oops|KASAN|UBSAN|KFENCE|kfence|general protection|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|ODEBUG|Call Trace'

# kmemleak reports an object that two scans found unreferenced and
# unchanged and that was at least 5 s old (its minimum age) when the
# second began: scan at once, then again once 6 s have passed since SINCE
# (the test's end). Under emulation the first scan takes that long itself.
leak_scan() {
	echo scan >"$KMEMLEAK"
	_wait=$(($1 + 6 - $(date +%s)))
	[ "$_wait" -gt 0 ] && sleep "$_wait"
	echo scan >"$KMEMLEAK"
	cat "$KMEMLEAK"
}

# What leaked before the first test is not a test's: reported and set
# aside (kmemleak's clear); each test's own scan does the same for the next.
if [ -w "$KMEMLEAK" ]; then
	leak_scan "$(date +%s)" >/dev/null
	echo clear >"$KMEMLEAK"
fi

for name in $names; do
	file="$dir/$name.sh"
	if [ ! -f "$file" ]; then
		tap_not_ok "$name: no such test in $dir"
		continue
	fi
	echo "TAP: # test $name"
	mark=$(grep -c '' "$KLOG")
	t0=$(date +%s)
	# A test that hangs is stopped at ENT_TEST_LIMIT and fails by name;
	# the runner goes on with the next after ENT_RESCUE (a command from
	# the settings that clears what the test left: guests, modules).
	rm -f /tmp/runner-expired
	sh "$file" &
	tpid=$!
	(
		sleep "$limit" && kill -0 "$tpid" 2>/dev/null || exit 0
		: >/tmp/runner-expired
		pkill -TERM -P "$tpid"
		kill -TERM "$tpid"
	) &
	wpid=$!
	wait "$tpid"
	rc=$?
	kill "$wpid" 2>/dev/null
	t1=$(date +%s)
	if [ -e /tmp/runner-expired ]; then
		tap_not_ok "$name: ends within ENT_TEST_LIMIT" "stopped after $((t1 - t0)) s"
		[ -z "${ENT_RESCUE:-}" ] || sh -c "$ENT_RESCUE" >/dev/null 2>&1
	elif [ "$rc" != 0 ]; then
		tap_not_ok "$name: the test script exits 0" "exit $rc"
	fi
	sleep 1
	if sed "1,${mark}d" "$KLOG" | sed 's/^[^;]*;//' | grep -E "$REPORTS" >/tmp/runner-reports; then
		tap_not_ok "$name: the kernel reported nothing while it ran" \
			"$(head -3 /tmp/runner-reports | tr '\n' ' ')"
	fi
	if [ -w "$KMEMLEAK" ] && leak_scan "$t1" >/tmp/runner-leaks; then
		[ -s /tmp/runner-leaks ] &&
			tap_not_ok "$name: kmemleak finds nothing it leaked" \
				"$(grep -m1 'unreferenced object' /tmp/runner-leaks) $(grep -m3 '\[<' /tmp/runner-leaks | tr -s ' \n' '  ')"
		echo clear >"$KMEMLEAK"
	fi
	echo "TAP: # $name took $((t1 - t0)) s, its checks $(($(date +%s) - t1)) s"
done
kill "$KLOG_PID" 2>/dev/null
rm -f "$KLOG"
echo "TAP-END"
