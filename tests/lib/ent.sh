# SPDX-License-Identifier: GPL-2.0
# Helpers for test files about the entropy core and its sources.
# shellcheck shell=sh
D=/sys/kernel/debug/ent
# The CPU source, where the CPU has the instruction (its flag in
# /proc/cpuinfo): none on a Raspberry Pi 3's Cortex-A53 or a 32-bit ARM.
case "$(uname -m)" in
x86_64) CPU=cpu-rdrand; _flag=rdrand ;;
aarch64) CPU=cpu-rndrrs; _flag=rng ;;
*) CPU="" _flag="" ;;
esac
[ -n "$_flag" ] && grep -qw "$_flag" /proc/cpuinfo || CPU=""

stat() { sed -n "s/^$2: //p" "$D/sources/$1/stats" 2>/dev/null; }
is_healthy() { [ "$(stat "$1" state)" = healthy ] && [ "$(stat "$1" credited_bits)" -gt 0 ]; }
has_state() { [ "$(stat "$1" state)" = "$2" ]; }
dmesg_has() { dmesg | grep -q "$1"; }
# fault_expect FAULT SOURCE: "TEST BOUND", the health test an injected
# fault (inject_stuck, inject_biased) must fail and the most samples it
# may take, as entropy/core/tests/test_fault.c proves: stuck within the
# RCT cutoff; biased within two APT windows and 5/4 of the APT cutoff.
fault_expect() {
	case $1 in
	stuck) echo "repetition-count $(stat "$2" rct_cutoff)" ;;
	biased) echo "adaptive-proportion $((2 * $(stat "$2" apt_window) + ($(stat "$2" apt_cutoff) * 5 + 3) / 4))" ;;
	esac
}
# fault_caught FAULT SOURCE: it failed that test within that bound
fault_caught() {
	_e=$(fault_expect "$1" "$2")
	[ "$(stat "$2" last_failure)" = "${_e% *}" ] &&
		[ "$(stat "$2" inject_caught_after)" -ge 1 ] &&
		[ "$(stat "$2" inject_caught_after)" -le "${_e#* }" ]
}
module_of() { case $1 in cpu-*) echo ent-cpu ;; *) echo "ent-$1" ;; esac; }
# The board RNG's own declaration: what ent-hwrng is told to credit.
hwrng_quality() { cat /sys/class/misc/hw_random/rng_quality; }

# A greedy reader keeps the pool draining so every source is pulled.
drain_start() { cat /dev/ent_out >/dev/null & DRAIN=$!; }
drain_stop() { kill "$DRAIN" 2>/dev/null; wait "$DRAIN" 2>/dev/null; }

# rngd moves the board RNG's bytes into /dev/ent_hwrng (see ent_hwrng.c),
# those alone: rng-tools5's rngd also reads its own sources in turn, the
# CPU's RDRAND (through AES) and a TPM, and writes them to the same
# device, where the board's quality would credit them.
HWFEED_INPUT="--no-drng=1 --no-tpm=1 -r /dev/hwrng"
hwrng_feed_start() {
	# shellcheck disable=SC2086 # options, one a word
	rngd -f $HWFEED_INPUT -p /tmp/rngd-hwrng.pid -o /dev/ent_hwrng \
		>>/tmp/rngd-hwrng.txt 2>&1 &
	HWFEED=$!
}
# The sources rngd reads with the feed's options, one a line: -v lists
# them, asked of an rngd that writes to /dev/null and so stops at its
# first write (a foreground rngd stopped by a signal loses its output).
hwrng_feed_sources() {
	# shellcheck disable=SC2086
	rngd -f -v $HWFEED_INPUT -p /tmp/rngd-sources.pid -o /dev/null 2>/dev/null |
		awk '/^Available entropy sources:/ { on = 1; next }
			on && /^[ \t]/ { sub(/^[ \t]+/, ""); print; next } { on = 0 }'
}
hwrng_feed_stop() { kill "$HWFEED" 2>/dev/null; wait "$HWFEED" 2>/dev/null; }

# The board RNG: virtio-rng in the VMs, or the driver a board's device
# tree asks for (bcm2835-rng on a Raspberry Pi), loaded as udev would
# from the platform devices' aliases. True when one is current.
board_rng() {
	modprobe virtio_pci 2>/dev/null
	modprobe virtio_rng 2>/dev/null
	for _a in /sys/bus/platform/devices/*/modalias; do
		[ -r "$_a" ] && modprobe -q "$(cat "$_a")" 2>/dev/null
	done
	wait_for 10 sh -c '! grep -qx none /sys/class/misc/hw_random/rng_current'
}
# After board_rng (which check runs in a subshell): HWRNG and SOURCES
# name the sources this machine has.
machine_sources() {
	HWRNG=hwrng
	grep -qx none /sys/class/misc/hw_random/rng_current 2>/dev/null && HWRNG=""
	SOURCES="$CPU $HWRNG jitter"
}

# The core with every source this machine has: the CPU's and the board
# RNG's where it has them, and the jitter source.
sources_load() {
	modprobe ent-core retry_secs=3 max_failures=0 &&
	{ [ -z "$CPU" ] || modprobe ent-cpu; } &&
	{ ! board_rng || modprobe ent-hwrng quality="$(hwrng_quality)"; } &&
	modprobe jitterentropy_rng 2>/dev/null; modprobe ent-jitter
}
# shellcheck disable=SC2034 # for the test files; machine_sources refines it
SOURCES="$CPU hwrng jitter"

# fips_ok LOG NAME: one test, that rngtest's 1000 blocks (its stderr in
# LOG) pass FIPS 140-2 at the expected rate: about 0.8 good blocks in
# 1000 fail, more than 5 is p < 1e-4.
fips_ok() {
	_f=$(sed -n 's/.*FIPS 140-2 failures: \([0-9]*\).*/\1/p' "$1")
	_ok=$(sed -n 's/.*FIPS 140-2 successes: \([0-9]*\).*/\1/p' "$1")
	if [ -n "$_f" ] && [ $((_f + _ok)) -ge 1000 ] && [ "$_f" -le 5 ]; then
		tap_ok "$2: $_ok of $((_f + _ok)) blocks pass FIPS 140-2"
	else
		tap_not_ok "$2: FIPS 140-2 within the expected rate" \
			"successes ${_ok:-?} failures ${_f:-?}"
	fi
}

# Unloads every module of ours; true when none is left.
ent_unload() {
	for m in ent_feed ent_hwrng ent_jitter ent_cpu xen_vrngfront xen_vrngback ent_core; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	! grep -q '^\(ent\|xen_vrng\)' /proc/modules
}

# refused NAME MODULE PARAM MESSAGE: a bad parameter fails the load, logged.
refused() {
	if modprobe "$2" "$3" 2>/dev/null; then
		tap_not_ok "$1"
		rmmod "$2"
	elif dmesg_has "$4"; then
		tap_ok "$1"
	else
		tap_not_ok "$1" "no \"$4\" in the kernel log"
	fi
}
