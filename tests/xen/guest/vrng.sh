#!/bin/sh
# Guest role "vrng": the frontend's tests (vrng.inc).
. "$(dirname "$0")/vrng.inc"
