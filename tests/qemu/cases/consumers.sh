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
# FIPS 140-2 fails about 0.8 good blocks per 1000: more than 5 is p < 1e-4.
for i in 1 2; do
	f=$(sed -n 's/.*FIPS 140-2 failures: \([0-9]*\).*/\1/p' "/tmp/rngtest-$i.txt")
	ok=$(sed -n 's/.*FIPS 140-2 successes: \([0-9]*\).*/\1/p' "/tmp/rngtest-$i.txt")
	if [ -n "$f" ] && [ $((f + ok)) -ge 1000 ] && [ "$f" -le 5 ]; then
		tap_ok "rngtest consumer $i: $ok of $((f + ok)) blocks pass FIPS 140-2"
	else
		tap_not_ok "rngtest consumer $i: FIPS 140-2 within the expected rate" \
			"successes ${ok:-?} failures ${f:-?}"
	fi
done
hwrng_feed_stop
check "every module unloads" ent_unload
