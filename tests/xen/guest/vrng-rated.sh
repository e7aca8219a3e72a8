#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "vrng-rated": vrng.inc, and the rate dom0 set (RATE1 of the
# settings file) measured within 5%, without polling.
# shellcheck disable=SC2034 # read by vrng.inc
RATE=$RATE1
. "$(dirname "$0")/vrng.inc"
