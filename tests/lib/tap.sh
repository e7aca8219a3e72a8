# TAP helpers for test scripts that run inside the VMs (busybox sh).
# Lines go to the console prefixed "TAP: " so the host harness can pick
# them out from kernel messages; "TAP-END" marks a script that finished.
# shellcheck shell=sh

TAP_N=0

tap_ok() {
	TAP_N=$((TAP_N + 1))
	echo "TAP: ok $TAP_N $1"
}

tap_not_ok() {
	TAP_N=$((TAP_N + 1))
	echo "TAP: not ok $TAP_N $1"
	[ -n "$2" ] && echo "TAP: # $2"
	return 0
}

tap_skip() {
	TAP_N=$((TAP_N + 1))
	echo "TAP: ok $TAP_N $1 # SKIP $2"
}

# check NAME CMD...: one test, passing when CMD succeeds; CMD output shown.
check() {
	_name=$1
	shift
	if _out=$("$@" 2>&1); then
		tap_ok "$_name"
	else
		tap_not_ok "$_name" "command failed: $* :: $(echo "$_out" | tail -3 | tr '\n' ' ') :: kernel: $(dmesg | tail -2 | tr '\n' ' ')"
	fi
}

# wait_for SECONDS CMD...: polls CMD every half second.
wait_for() {
	_left=$(($1 * 2))
	shift
	while [ $_left -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
		_left=$((_left - 1))
	done
	return 1
}

# A harness switch: ent.inject=<layer,...> on the kernel command line.
tap_injected_failure() {
	case " $(cat /proc/cmdline) " in
	*" ent.inject="*"$1"*)
		tap_not_ok "$1.injected_failure" "ENT_INJECT_FAIL asked for it"
		;;
	esac
}

# No WARN, BUG, oops or KASAN report in the kernel log.
tap_clean_dmesg() {
	if dmesg | grep -E 'WARNING:|BUG:|Oops|KASAN|Call Trace|general protection' >/tmp/bad-dmesg; then
		tap_not_ok "$1" "kernel log: $(head -3 /tmp/bad-dmesg | tr '\n' ' ')"
	else
		tap_ok "$1"
	fi
}

tap_end() {
	echo "TAP: 1..$TAP_N"
	echo "TAP-END"
}
