#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every source loads, passes its start-up health test and is credited;
# the board RNG's credit stays within the quality it was loaded with.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

check "ent-core and every source load" sources_load
hwrng_feed_start
drain_start
for s in $SOURCES; do
	if wait_for 120 is_healthy "$s"; then
		tap_ok "$s passes its start-up test and is credited ($(stat "$s" credited_bits) bits)"
	else
		tap_not_ok "$s passes its start-up test and is credited" \
			"state $(stat "$s" state), raw $(stat "$s" raw_bytes), credited $(stat "$s" credited_bits)"
	fi
done
drain_stop
hwrng_feed_stop
# the board RNG's credit is for the board RNG's bytes alone
feeds=$(hwrng_feed_sources | tr '\n' ',')
if [ "$feeds" = "Intel/AMD hardware rng," ]; then
	tap_ok "rngd feeds /dev/ent_hwrng from /dev/hwrng alone (not its RDRAND or TPM sources)"
else
	tap_not_ok "rngd feeds /dev/ent_hwrng from /dev/hwrng alone" "rngd's sources: ${feeds:-none listed}"
fi
# rngd claims 8 bits per byte; virtio-rng declares 1000/1024: the cap wins.
declared=$(hwrng_quality)
raw=$(stat hwrng raw_bytes)
cred=$(stat hwrng credited_bits)
if [ "$cred" -gt 0 ] && [ "$cred" -le $((raw * 8 * declared / 1024)) ]; then
	tap_ok "hwrng credit ($cred bits of $raw bytes) within the declared quality $declared/1024"
else
	tap_not_ok "hwrng credit within the declared quality" "credited $cred, raw $raw, declared $declared"
fi
check "every module unloads" ent_unload
