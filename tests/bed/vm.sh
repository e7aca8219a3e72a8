# SPDX-License-Identifier: GPL-2.0
# Runs a test VM and turns its console into TAP for the harness.
# shellcheck shell=bash

# vm_collect NAME LOG STATUS: prints the VM's TAP lines renumbered and
# prefixed with NAME; a VM that timed out or never finished its script is
# one failing test, with the last 50 console lines shown.
vm_collect() {
	local name=$1 log=$2 status=$3
	sed -n 's/\r$//; s/^.*TAP: \(\(not \)\?ok\) [0-9]* \(.*\)$/\1 - '"$name"': \3/p' "$log"
	grep -a '^.*TAP: #' "$log" | sed 's/^.*TAP: /    /; s/\r$//' || true
	# The test that was running, and the kernel's first report, if any:
	# a debug kernel panics on a warning (panic_on_warn) mid-test.
	local running report
	running=$(sed -n 's/\r$//; s/^.*TAP: # test //p' "$log" | tail -n 1)
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

# vm_run NAME TIMEOUT LOG QEMU-ARGS...: runs QEMU under a timeout, console
# to LOG, then collects TAP. A VM whose kernel dies before the first test
# starts (a crash while booting the emulated machine, nothing of ours
# loaded yet; seen once in about twenty boots of the KASAN kernel under
# TCG: "KASAN: wild-memory-access in rcu_is_watching" from an interrupt
# during identify_boot_cpu, 7 ms into the boot) boots again, up to three
# boots in all, and says so; a third such death is a failure. So does
# one that hangs there (seen: the KASAN kernel stuck in RCU's boot
# self-tests; once right after the crash above, in one make check): no
# first test within VM_BOOT_LIMIT seconds (300: the slowest boots here,
# the KASAN kernel's and the Xen debug lane's dom0, start their first test
# 20-30 s in during a full make check; ten times that, and a hung boot
# costs 5 minutes, not 10) is a dead boot, not a wait for TIMEOUT.
vm_run() {
	local name=$1 timeout=$2 log=$3 status try start pid
	shift 3
	for try in 1 2 3; do
		status=0 start=$(date +%s)
		note "$name: booting (timeout ${timeout}s, console log $log)"
		: >"$log"	# there before the wait below first looks
		timeout --foreground -k 10 "$timeout" "$@" </dev/null >"$log" 2>&1 &
		pid=$!
		while kill -0 "$pid" 2>/dev/null && ! grep -aq 'TAP: # test \|TAP-END' "$log"; do
			if [ $(($(date +%s) - start)) -ge "${VM_BOOT_LIMIT:-300}" ]; then
				echo "    # $name: no first test in ${VM_BOOT_LIMIT:-300} s: stopped"
				kill "$pid"
				break
			fi
			sleep 2
		done
		wait "$pid" || status=$?
		grep -aq 'TAP: # test \|TAP-END' "$log" && break
		[ "$try" = 3 ] && break
		cp "$log" "$log.boot$try"
		echo "    # $name died before its first test (exit $status): booted again; that console in $log.boot$try"
	done
	echo "    # $name: the VM ran $(($(date +%s) - start)) s"
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
