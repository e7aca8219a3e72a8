#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Each source's raw samples, for offline SP 800-90B assessment: its tap
# streams them (the tap makes the core pull the source whatever consumers
# take); 16 KiB is many pulls, a quarter of the tap's buffer. The jitter
# source gives a few kB/s natively and a few hundred B/s under a debug
# kernel in emulation: the wait ends when the bytes are there, and its
# bound (10 minutes) is over twenty times what the debug VM took here on
# a machine busy with another VM (about 25 s).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

check "ent-core and every source load" sources_load
hwrng_feed_start
for s in $SOURCES; do
	timeout 600 head -c 16384 "$D/sources/$s/tap" >"/tmp/raw-$s.bin"
	n=$(wc -c <"/tmp/raw-$s.bin")
	[ "$n" -eq 16384 ] && tap_ok "$s raw tap streams 16 KiB" ||
		tap_not_ok "$s raw tap streams 16 KiB" "got $n bytes"
	rm -f "/tmp/raw-$s.bin"
done
hwrng_feed_stop
check "every module unloads" ent_unload
