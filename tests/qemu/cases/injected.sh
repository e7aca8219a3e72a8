#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The harness's proof that the layer can fail: with ENT_INJECT naming
# qemu, a failing result; naming leak, the test-only module ent-test-bugs
# plants a leak, which the runner's kmemleak check must catch and name
# (a use-after-free: injected-uaf). Nothing otherwise.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

tap_injected_failure qemu
case ",$ENT_INJECT," in
*,leak,*) modprobe ent-test-bugs leak=1 && rmmod ent-test-bugs ;;
esac
exit 0
