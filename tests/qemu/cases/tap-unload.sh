#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A reader blocked in a source's tap does not hold up its unload: the
# source goes, the reader gets end of file. ent-feed's source gets bytes
# only from a writer to /dev/ent_feed, and none runs here, so its tap
# reader waits for good. Margins: rmmod takes well under a second; 60 s
# is for a machine that is slow, not for one that hangs.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

modprobe ent-core
check "ent-feed loads" modprobe ent-feed
cat "$D/sources/user-feed/tap" >/tmp/tap-unload.bin &
READER=$!
sleep 1
if timeout 60 rmmod ent-feed; then
	tap_ok "ent-feed unloads while a reader waits in its tap"
else
	tap_not_ok "ent-feed unloads while a reader waits in its tap" "rmmod: exit $?"
fi
gone() { ! kill -0 "$READER" 2>/dev/null; }
if wait_for 60 gone; then
	tap_ok "the tap's reader gets end of file"
else
	tap_not_ok "the tap's reader gets end of file" "still blocked"
	kill "$READER"
fi
wait "$READER" 2>/dev/null
rm -f /tmp/tap-unload.bin
check "every module unloads" ent_unload
