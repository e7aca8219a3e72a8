#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The real rngd pumps a source it supports into /dev/ent_feed.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

modprobe ent-core
board_rng
check "ent-feed loads" modprobe ent-feed
drain_start
rngd -f -p /tmp/rngd-feed.pid -r /dev/hwrng -o /dev/ent_feed >/tmp/rngd-feed.txt 2>&1 &
RNGD=$!
if wait_for 60 is_healthy user-feed; then
	tap_ok "rngd feeds the pool: user-feed credited $(stat user-feed credited_bits) bits"
else
	tap_not_ok "rngd feeds the pool through /dev/ent_feed" \
		"state $(stat user-feed state), raw $(stat user-feed raw_bytes), credited $(stat user-feed credited_bits)"
fi
kill $RNGD
wait $RNGD 2>/dev/null
drain_stop
check "every module unloads" ent_unload
