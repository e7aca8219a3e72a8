#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Output: each open of /dev/ent_out is a consumer of its own; two get
# different bytes, and both pass FIPS 140-2 over 1000 blocks.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

check "ent-core and every source load" sources_load
hwrng_feed_start
head -c 64 /dev/ent_out >/tmp/a
head -c 64 /dev/ent_out >/tmp/b
if [ "$(wc -c </tmp/a)" = 64 ] && ! cmp -s /tmp/a /tmp/b; then
	tap_ok "two consumers receive different bytes"
else
	tap_not_ok "two consumers receive different bytes"
fi
rngtest -c 1000 </dev/ent_out 2>/tmp/rngtest-1.txt &
R1=$!
rngtest -c 1000 </dev/ent_out 2>/tmp/rngtest-2.txt &
R2=$!
wait $R1 $R2
for i in 1 2; do
	fips_ok "/tmp/rngtest-$i.txt" "rngtest consumer $i"
done
hwrng_feed_stop
check "every module unloads" ent_unload
