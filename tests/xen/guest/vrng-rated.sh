#!/bin/sh
# Guest role "vrng-rated": vrng.inc, and the rate dom0 set (RATE1 of the
# settings file) measured within 10%.
RATE=$RATE1
. "$(dirname "$0")/vrng.inc"
