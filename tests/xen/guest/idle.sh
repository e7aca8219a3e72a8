#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "idle": nothing at all (dom0 works on its xenstore keys),
# until dom0 destroys it.
sleep 3600
