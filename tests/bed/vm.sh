# SPDX-License-Identifier: GPL-2.0
# Runs a test VM and turns its console into TAP for the harness.
# shellcheck shell=bash

# vm_tap LOG: what follows the first "TAP: " of each console line (a
# kernel message may come before it on the line). The first, not the
# last: a diagnostic may quote a guest's console, "TAP: ok ..." lines
# and all, and must stay one comment, not become results.
vm_tap() {
	awk '{ sub(/\r$/, ""); i = index($0, "TAP: "); if (i) print substr($0, i + 5) }' "$1"
}

# vm_collect NAME LOG STATUS: prints the VM's TAP lines renumbered and
# prefixed with NAME; a VM that timed out or never finished its script is
# one failing test, with the last 50 console lines shown.
vm_collect() {
	local name=$1 log=$2 status=$3 tap
	tap=$(vm_tap "$log")
	sed -n 's/^\(\(not \)\?ok\) [0-9]* \(.*\)$/\1 - '"$name"': \3/p' <<<"$tap"
	sed -n 's/^#/    #/p' <<<"$tap"
	# The test that was running, and the kernel's first report, if any:
	# a debug kernel panics on a warning (panic_on_warn) mid-test.
	local running report
	running=$(sed -n 's/^# test //p' <<<"$tap" | tail -n 1)
	# The report itself rather than the panic's line (a debug kernel's
	# panic_print=0x20 replays the whole log after that line).
	report=$( (grep -a -m1 -E 'BUG: |WARNING: |Oops|UBSAN|KFENCE' "$log" ||
		grep -a -m1 'Kernel panic' "$log") | sed 's/\r$//; s/^\[[^]]*\] //' || true)
	if [ "$status" = 124 ]; then
		echo "not ok - $name: VM finished in time (timed out${running:+ in test $running})"
	elif ! grep -aq 'TAP-END' "$log"; then
		echo "not ok - $name: VM ran its tests to the end (exit $status${running:+; died in test $running}${report:+: $report})"
	else
		return 0
	fi
	echo "    # last 50 console lines (whole log: $log):"
	tail -n 50 "$log" | sed 's/^/    # /'
}

# budget_allows NAME SECONDS: true while make check's time budget
# (BED_DEADLINE, seconds since the epoch) leaves SECONDS; else one
# failing test says NAME could not start. No budget: always true.
budget_allows() {
	[ -z "${BED_DEADLINE:-}" ] && return 0
	[ $((BED_DEADLINE - $(date +%s))) -ge "$2" ] && return 0
	echo "not ok - $1: make check's time budget (CHECK_BUDGET) was spent before it could start"
	return 1
}

# cpu_seconds VAR: VAR set to the CPU time (user and system) of this
# shell's waited-for children so far, whole seconds. bash's times, in
# this shell: a subshell's (a command substitution's) children start
# from nothing.
cpu_seconds() {
	local f
	f=$(mktemp)
	times >"$f"
	printf -v "$1" '%s' "$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }; printf "%d", t }' "$f")"
	rm -f "$f"
}

# vm_run NAME TIMEOUT LOG QEMU-ARGS...: runs QEMU under a timeout, console
# to LOG, then collects TAP. A boot that dies or hangs before the first
# test starts (nothing of ours loaded yet) is a dead boot, not a failing
# test: the VM boots again, up to VM_BOOTS times (6), saying so and
# keeping each dead boot's console (LOG.bootN); the last one's death is a
# failure. Seen with the KASAN kernel (Debian's 6.1.192 source) under
# TCG: about one boot in twenty dies 7 ms in ("KASAN: wild-memory-access
# in rcu_is_watching" from an interrupt during identify_boot_cpu); the
# hang it had in one boot of two (RCU-tasks' boot self-test) is gone
# without TASKS_RCU (tests/bed/debug-kernel/common.config). A hang is still
# caught: no console output for VM_QUIET_LIMIT seconds before the first
# test (300), or no first test within VM_BOOT_LIMIT seconds (900). Both
# are far above a good boot's: under make check, beside the xen layer
# and under nice, the KASAN kernel reached /init after 101 s and its
# runner's first kmemleak scans were silent for over 60 s (the old
# limit, which stopped that good boot).
vm_run() {
	local name=$1 timeout=$2 log=$3 status try start pid ended halted
	shift 3
	local boots=${VM_BOOTS:-6} size quiet left cpu0 cpu1
	# A VM gets what is left of make check's budget, so that check ends
	# with its summary before CI's limit stops it with none.
	budget_allows "$name" 120 || return 0
	if [ -n "${BED_DEADLINE:-}" ]; then
		left=$((BED_DEADLINE - $(date +%s)))
		[ "$left" -ge "$timeout" ] || {
			timeout=$left
			note "$name: the time budget leaves it ${left} s"
		}
	fi
	cpu_seconds cpu0
	for try in $(seq "$boots"); do
		status=0 start=$(date +%s) size=-1 quiet=$start
		note "$name: booting (timeout ${timeout}s, console log $log)"
		: >"$log"	# there before the wait below first looks
		timeout --foreground -k 10 "$timeout" "$@" </dev/null >"$log" 2>&1 &
		pid=$!
		while kill -0 "$pid" 2>/dev/null && ! grep -aq 'TAP: # test \|TAP-END' "$log"; do
			if [ "$(stat -c %s "$log")" != "$size" ]; then
				size=$(stat -c %s "$log") quiet=$(date +%s)
			elif [ $(($(date +%s) - quiet)) -ge "${VM_QUIET_LIMIT:-300}" ]; then
				echo "    # $name: no console output for ${VM_QUIET_LIMIT:-300} s before its first test: stopped"
				kill "$pid"
				break
			fi
			if [ $(($(date +%s) - start)) -ge "${VM_BOOT_LIMIT:-900}" ]; then
				echo "    # $name: no first test in ${VM_BOOT_LIMIT:-900} s: stopped"
				kill "$pid"
				break
			fi
			sleep 2
		done
		# A board QEMU cannot power off (cubieboard, raspi3b) halts
		# after its last test: 30 s after TAP-END (the init then only
		# syncs and halts), its run is over.
		ended="" halted=""
		while kill -0 "$pid" 2>/dev/null; do
			[ -n "$ended" ] || ! grep -aq 'TAP-END' "$log" || ended=$(date +%s)
			if [ -n "$ended" ] && [ $(($(date +%s) - ended)) -ge 30 ]; then
				kill "$pid"
				halted=1
				break
			fi
			sleep 2
		done
		wait "$pid" || status=$?
		[ -z "$halted" ] || status=0
		grep -aq 'TAP: # test \|TAP-END' "$log" && break
		[ "$try" = "$boots" ] && break
		cp "$log" "$log.boot$try"
		echo "    # $name died before its first test (exit $status): booted again; that console in $log.boot$try"
	done
	# CPU time too: on a machine whose cores are all busy, that is
	# what a VM costs make check (its wall time is the others' too)
	cpu_seconds cpu1
	echo "    # $name: the VM ran $(($(date +%s) - start)) s, $((cpu1 - cpu0)) s of CPU"
	vm_collect "$name" "$log" "$status"
	grep -a '^BENCH: ' "$log" | sed 's/\r$//' >>"$RESULTS/bench.txt" || true
	# the netfront A/B report (tests/xen/dom0/xnf-bench.sh), when one ran
	if grep -aq '^XNFAB: ' "$log"; then
		sed -n 's/\r$//; s/^XNFAB: //p' "$log" >"$RESULTS/xnf-ab.json"
	fi
	# the unikernel's (tests/xen/dom0/uk-bench.sh)
	if grep -aq '^UKBENCH: ' "$log"; then
		sed -n 's/\r$//; s/^UKBENCH: //p' "$log" >"$RESULTS/uk-bench.json"
	fi
}
