#!/bin/sh
# Guest role "frontend-idle": the frontend loaded, nothing read, until
# dom0 destroys it.
modprobe xen-vrngfront
sleep 3600
