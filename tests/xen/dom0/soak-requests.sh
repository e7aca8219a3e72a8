#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The soak's stream of entropy requests (make soak; SOAK_REQUESTS, 10^6
# there): the test-only frontend (guest role hostile, its "stream")
# posts valid 16-byte requests a ring at a time, with no rate limit, and
# every one must come back answered: served, refused with an error, or
# "retry"; none unanswered, none of the wrong length, nothing written
# outside what was asked. Then dom0's grant maps, event channels and
# generators are back where they were; the runner adds kmemleak (debug
# kernel). A soak-only test: a normal run skips it (tests/xen/run).
# Bounds: the stream is counted, not timed; the wait for its end is an
# hour and 4 ms a request (a debug guest under TCG takes well under
# 1 ms a request).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

N=${SOAK_REQUESTS:-100000}
LOG=$CON/guest-stream.log
res() { sed -n "s/\r$//; s/^VRNG: result stream $1 //p" "$LOG" | tail -1; }

backend_up
baseline_mark
rm -f "$LOG"
if GUEST_CMDLINE="${GUEST_CMDLINE:-} ent.attacks=stream ent.stream=$N" \
	guest_start stream hostile "--rate 0"; then
	d=$(xl domid stream)
	if wait_for 600 said stream "attack stream start"; then
		xenstore-write "/local/domain/$d/data/hostile" "start stream"
		wait_for $((3600 + N / 250)) said stream "attack stream done" ||
			tap_comment "the stream did not end: $(tail -3 "$LOG" | tr '\r\n' '  ')"
		xenstore-write "/local/domain/$d/data/hostile" "done stream"
		posted=$(res posted)
		answered=$(($(res okay) + $(res error) + $(res retry)))
		if [ "${posted:-0}" = "$N" ] && [ "$answered" = "$N" ] &&
			[ "$(res unanswered)" = 0 ] && [ "$(res other)" = 0 ] &&
			[ "$(res bad_len)" = 0 ] && [ "$(res canary_broken)" = 0 ]; then
			tap_ok "$N requests end to end, every one answered ($(res okay) served, $(res error) refused, $(res retry) retry) in $(res stream_ms) ms"
		else
			tap_not_ok "$N requests end to end, every one answered" \
				"$(sed -n 's/\r$//; s/^VRNG: result stream //p' "$LOG" | tr '\n' ' ')"
		fi
		check "the backend saw every request" test "$(bstat "$d" requests)" -ge "$N"
	else
		tap_not_ok "the stream guest loads its module" "$(tail -5 "$LOG" | tr '\r\n' '  ')"
	fi
else
	tap_not_ok "xl creates the stream guest" "$(tail -3 /tmp/xl-stream.log | tr '\n' ' ')"
fi
guest_stop stream
baseline_verdict 60
check "dom0: modules unload" dom0_unload
