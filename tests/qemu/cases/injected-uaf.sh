#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The harness's proof that a debug kernel stops a use-after-free: with
# ENT_INJECT naming uaf, the test-only module ent-test-bugs reads freed
# memory at load, which KASAN (or KFENCE) reports; panic_on_warn stops the
# VM in this test and the host names it with the report. Its own file, run
# after injected: the VM dies here, once the leak check has run there.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"

case ",$ENT_INJECT," in
*,uaf,*) modprobe ent-test-bugs uaf=1 && rmmod ent-test-bugs ;;
esac
exit 0
