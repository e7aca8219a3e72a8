# SPDX-License-Identifier: GPL-2.0
# TAP helpers for test scripts, in the VMs (busybox sh) or on a real host.
# Lines go to the console prefixed "TAP: " so the host harness can pick
# them out from kernel messages; "TAP-END" marks a runner that finished
# (tests/lib/runner.sh). Each test file numbers its own results: the host
# renumbers them.
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

# tap_comment TEXT: a diagnostic line under the result before it.
tap_comment() {
	echo "TAP: # $1"
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

# wait_for SECONDS CMD...: polls CMD every half second, 2 x SECONDS
# times: on a loaded machine, where each poll's forks take time, the
# bound stretches with it (a test's margins count on that).
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

# A harness switch: ENT_INJECT (from the settings file) names the layer.
tap_injected_failure() {
	case ",${ENT_INJECT:-}," in
	*",$1,"*)
		tap_not_ok "$1.injected_failure" "ENT_INJECT_FAIL asked for it"
		;;
	esac
}

tap_end() {
	echo "TAP: 1..$TAP_N"
	echo "TAP-END"
}

# bench_name PREFIX: PREFIX-<machine>, with "-debug" on a debug kernel,
# whose figures are not the ones to compare.
bench_name() {
	case $(uname -r) in
	*debug*) echo "$1-$(uname -m)-debug" ;;
	*) echo "$1-$(uname -m)" ;;
	esac
}
