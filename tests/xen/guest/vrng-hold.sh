#!/bin/sh
# Guest role "vrng-hold": vrng.inc, reading on through a backend reload.
HOLD=1
. "$(dirname "$0")/vrng.inc"
