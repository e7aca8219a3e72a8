#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmarks, not tests (BENCH lines): what a guest's /dev/hwrng gives
# through virtio-rng (QEMU's default backend), the reference for the vrng
# device; then each source's raw bytes per second alone, as fast as it
# goes (its tap open: pulled whatever the consumers want).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

board_rng
# 4 MiB: seconds at the speeds seen, long against the 10 ms clock.
t0=$(cut -d' ' -f1 /proc/uptime)
head -c 4194304 /dev/hwrng >/dev/null
t1=$(cut -d' ' -f1 /proc/uptime)
echo "BENCH: $(bench_name qemu) virtio-rng hwrng_bytes_per_s $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", 4194304 / (b - a) }')"
modprobe ent-core
for s in $SOURCES; do
	m=$(module_of "$s")
	case $s in
	hwrng) modprobe "$m" quality="$(hwrng_quality)"; hwrng_feed_start ;;
	jitter) modprobe jitterentropy_rng 2>/dev/null; modprobe "$m" ;;
	*) modprobe "$m" ;;
	esac
	cat "$D/sources/$s/tap" >/dev/null &
	TAPPER=$!
	sleep 1
	b0=$(stat "$s" raw_bytes)
	sleep 5
	b1=$(stat "$s" raw_bytes)
	kill "$TAPPER"
	wait "$TAPPER" 2>/dev/null
	[ "$s" = hwrng ] && hwrng_feed_stop
	echo "BENCH: $(bench_name qemu) source $s raw_bytes_per_s $(((b1 - b0) / 5))"
	rmmod "$m"
done
check "every module unloads" ent_unload
