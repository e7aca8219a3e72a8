#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "vrng": the frontend's tests (vrng.inc).
. "$(dirname "$0")/vrng.inc"
