#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loaded without quality=, ent-hwrng cannot know what the board RNG is
# worth: its bytes are mixed and health-tested, never credited.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

modprobe ent-core
board_rng
check "ent-hwrng loads without quality=" modprobe ent-hwrng
hwrng_feed_start
raw_seen() { [ "$(stat hwrng raw_bytes)" -ge 65536 ]; }
if wait_for 60 raw_seen && [ "$(stat hwrng credited_bits)" = 0 ]; then
	tap_ok "ent-hwrng without quality= mixes $(stat hwrng raw_bytes) bytes and credits none"
else
	tap_not_ok "ent-hwrng without quality= credits nothing" \
		"raw $(stat hwrng raw_bytes), credited $(stat hwrng credited_bits)"
fi
hwrng_feed_stop
check "every module unloads" ent_unload
