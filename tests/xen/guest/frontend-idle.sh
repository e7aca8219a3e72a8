#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "frontend-idle": the frontend loaded, nothing read, until
# dom0 destroys it.
modprobe xen-vrngfront
sleep 3600
