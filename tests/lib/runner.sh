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

# descendants PID: the ids of the processes below it, from /proc (not
# every dom0 has pkill: busybox's may lack it)
descendants() {
	for _kid in $(
		_ppid=$1
		for _st in /proc/[0-9]*/stat; do
			_line=$(cat "$_st" 2>/dev/null) || continue
			# after the command's name: its state, then its parent's id
			# shellcheck disable=SC2086 # its fields wanted
			set -- ${_line##*) }
			[ "${2:-}" = "$_ppid" ] || continue
			_id=${_st#/proc/}
			echo "${_id%/stat}"
		done
	); do
		echo "$_kid"
		descendants "$_kid"
	done
}

# hung_report PID...: what each waits on (a hang's only trace)
hung_report() {
	for _p in "$@"; do
		echo "pid $_p: $(tr '\0' ' ' <"/proc/$_p/cmdline" 2>/dev/null | cut -c1-120)," \
			"$(sed -n 's/^State:[[:space:]]*//p' "/proc/$_p/status" 2>/dev/null)," \
			"wchan $(cat "/proc/$_p/wchan" 2>/dev/null)"
		head -8 "/proc/$_p/stack" 2>/dev/null | sed 's/^/    /'
	done
}

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
		_tree="$tpid $(descendants "$tpid" | tr '\n' ' ')"
		# shellcheck disable=SC2086 # the ids, as words
		hung_report $_tree >/tmp/runner-hung
		# and what the settings say else to look at (guests' consoles)
		[ -z "${ENT_HUNG_INFO:-}" ] ||
			timeout 60 sh -c "$ENT_HUNG_INFO" >>/tmp/runner-hung 2>&1
		# and every task blocked in the kernel, to the log
		echo w >/proc/sysrq-trigger 2>/dev/null
		# shellcheck disable=SC2086
		kill -TERM $_tree 2>/dev/null
	) &
	wpid=$!
	wait "$tpid"
	rc=$?
	kill "$wpid" 2>/dev/null
	t1=$(date +%s)
	if [ -e /tmp/runner-expired ]; then
		tap_not_ok "$name: ends within ENT_TEST_LIMIT" "stopped after $((t1 - t0)) s"
		while IFS= read -r _l; do tap_comment "hung: $_l"; done </tmp/runner-hung
		sed "1,${mark}d" "$KLOG" | sed 's/^[^;]*;//' |
			sed -n '/Show Blocked State/,$p' | head -100 |
			while IFS= read -r _l; do tap_comment "blocked: $_l"; done
		# bounded: what hung the test may hang its rescue too
		[ -z "${ENT_RESCUE:-}" ] || timeout 300 sh -c "$ENT_RESCUE" >/dev/null 2>&1
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
