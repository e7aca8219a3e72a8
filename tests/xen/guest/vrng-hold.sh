#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "vrng-hold": vrng.inc, reading on through a backend reload.
# shellcheck disable=SC2034 # read by vrng.inc
HOLD=1
. "$(dirname "$0")/vrng.inc"
