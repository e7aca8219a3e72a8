#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad module parameters fail the load, with a line in the log saying why.
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/ent.sh"

refused "ent-core retry_secs=abc is refused" ent-core retry_secs=abc "retry_secs=abc is invalid"
modprobe ent-core
refused "ent-cpu quality=5000 is refused" ent-cpu quality=5000 "quality=5000 is invalid"
refused "ent-hwrng quality=-2 is refused" ent-hwrng quality=-2 "quality=-2 is invalid"
check "no module of ours is left loaded" ent_unload
