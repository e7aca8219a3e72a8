#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What this machine has, end to end: the CPU's source where the CPU has
# the instruction, the board RNG where there is one (fed by the real
# rngd), the jitter source always. Each passes its start-up test and is
# credited no more than the quality it runs with (its stats' "quality",
# per 1024 bits); the board RNG's is its driver's rng_quality (0, as
# bcm2835-rng declares, credits nothing). The core's output passes
# rngtest. Figures (BENCH
# lines, not tests): each source's raw and credited rate over a window.
# Run on a real board as well as in the emulated ones.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

check "ent-core and this machine's sources load" sources_load
machine_sources
tap_comment "$(uname -m): sources $SOURCES (CPU source: ${CPU:-none}; board RNG: $(cat /sys/class/misc/hw_random/rng_current))"
[ -n "$HWRNG" ] && hwrng_feed_start
drain_start
# raw bytes seen, start-up passed: credit is judged below, per source
started() { [ "$(stat "$1" state)" = healthy ] && [ "$(stat "$1" raw_bytes)" -gt 0 ]; }
for s in $SOURCES; do
	# 300 s: the jitter source's start-up test needs its 1024 samples
	# on a 32-bit board emulated by TCG beside a busy host
	if wait_for 300 started "$s"; then
		tap_ok "$s passes its start-up test ($(stat "$s" raw_bytes) raw bytes)"
	else
		tap_not_ok "$s passes its start-up test" \
			"state $(stat "$s" state), raw $(stat "$s" raw_bytes), last failure $(stat "$s" last_failure)"
		[ "$s" = hwrng ] && tap_comment "rngd: $(tail -n 3 /tmp/rngd-hwrng.txt | tr '\n' ' '); /dev/hwrng gives $(timeout 10 head -c 64 /dev/hwrng | wc -c) of 64 bytes"
	fi
done
# Each source's rates over 10 s of the drain: long against the 10 ms
# clock, and only reported.
for s in $SOURCES; do
	echo "$s $(stat "$s" raw_bytes) $(stat "$s" credited_bits)"
done >/tmp/board-rates
t0=$(cut -d' ' -f1 /proc/uptime)
sleep 10
t1=$(cut -d' ' -f1 /proc/uptime)
# the figures' name: the machine's, and the board's (its device tree's
# first compatible string) where it has one
name=$(bench_name qemu)
dt=$(tr '\0' '\n' </proc/device-tree/compatible 2>/dev/null | head -1 | tr -c 'a-z0-9\n' -)
[ -n "$dt" ] && name=$name-$dt
per_s() { awk -v n="$1" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", n / (b - a) }'; }
while read -r s r0 c0; do
	echo "BENCH: $name board $s raw_bytes_per_s $(per_s $(($(stat "$s" raw_bytes) - r0))) credited_bits_per_s $(per_s $(($(stat "$s" credited_bits) - c0)))"
done </tmp/board-rates
drain_stop
[ -n "$HWRNG" ] && hwrng_feed_stop
# Credit: never above what each source declares, per raw byte. A source
# may rightly be credited nothing while faster ones meet the consumers'
# demand (the jitter source beside RNDRRS and virtio-rng on virt): the
# consumers' seeds must come from some source, judged after the loop.
within() { # SOURCE QUALITY/1024
	_raw=$(stat "$1" raw_bytes) _cred=$(stat "$1" credited_bits)
	if [ "$2" = 0 ] && [ "$_cred" = 0 ]; then
		tap_ok "$1 declares quality 0: nothing credited ($_raw raw bytes mixed)"
	elif [ "$2" -gt 0 ] && [ "$_cred" -le $((_raw * 8 * $2 / 1024)) ]; then
		tap_ok "$1 credited $_cred bits of $_raw bytes: within its quality $2/1024"
	else
		tap_not_ok "$1 credited within its quality" "credited $_cred of $_raw bytes, quality $2/1024"
	fi
}
[ -z "$HWRNG" ] || [ "$(stat hwrng quality)" = "$(hwrng_quality)" ] ||
	tap_not_ok "hwrng runs with its driver's quality" "$(stat hwrng quality), declared $(hwrng_quality)"
total=0
for s in $SOURCES; do
	within "$s" "$(stat "$s" quality)"
	total=$((total + $(stat "$s" credited_bits)))
done
if [ "$total" -gt 0 ]; then
	tap_ok "the consumers were seeded: $total credited bits from this machine's sources"
else
	tap_not_ok "the consumers were seeded from this machine's sources" "no source credited"
fi
# A board RNG that declares nothing (bcm2835-rng) is credited once its
# operator declares a quality, as on a real board (rng_quality, or
# rng_core.default_quality= at boot) and ent-hwrng is loaded with it:
# 512/1024 here, a figure for the test, not a claim about the device.
if [ -n "$HWRNG" ] && [ "$(hwrng_quality)" = 0 ]; then
	rmmod ent_hwrng
	echo 512 >/sys/class/misc/hw_random/rng_quality
	modprobe ent-hwrng quality="$(hwrng_quality)"
	hwrng_feed_start
	drain_start
	wait_for 120 is_healthy hwrng
	drain_stop
	hwrng_feed_stop
	within hwrng "$(stat hwrng quality)"
	echo 0 >/sys/class/misc/hw_random/rng_quality
fi
# The output: 1000 FIPS 140-2 blocks (2.5 MB).
rngtest -c 1000 </dev/ent_out 2>/tmp/rngtest-board.txt
fips_ok /tmp/rngtest-board.txt "rngtest on /dev/ent_out"
check "every module unloads" ent_unload
# the harness's proof that a board VM's results count (ENT_INJECT=board)
tap_injected_failure board
