#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The harness's proof that the layer can fail: with ENT_INJECT naming
# qemu, a failing result; naming uaf or leak, the test-only module
# ent-test-bugs plants a use-after-free or a leak, which the runner must
# catch (KASAN or KFENCE, kmemleak) and name. Nothing otherwise.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

tap_injected_failure qemu
params=""
case ",$ENT_INJECT," in *,uaf,*) params="$params uaf=1" ;; esac
case ",$ENT_INJECT," in *,leak,*) params="$params leak=1" ;; esac
[ -n "$params" ] || exit 0
modprobe ent-test-bugs $params
rmmod ent-test-bugs
