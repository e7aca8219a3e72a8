#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest role "uk-reflect": the unikernel's reflector (xnf-reflect, its
# own network stack over a packet socket) on this Linux guest's vif, for
# the benchmark beside the unikernel (dom0: tests/xen/dom0/uk-bench.sh).
# dom0 names the driver in data/uk-bench/driver (netfront or xnf; "done"
# ends the role); the guest moves its vif there (xnf-use), starts the
# reflector and answers in data/uk-bench/ready. The kernel's own address
# (.52) is not the reflector's (.51), so only the reflector answers.
# shellcheck shell=sh
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"

REFLECTOR_IP=10.99.0.51
KERNEL_IP=10.99.0.52/24
DOM0_IP=10.99.0.1
key=data/uk-bench
reflector=''

stop_reflector() {
	[ -n "$reflector" ] || return 0
	kill "$reflector" 2>/dev/null
	wait "$reflector" 2>/dev/null
	reflector=''
	tap_comment "$(cat "/tmp/reflect-$last.log" 2>/dev/null)"
}

last='' i=0
# 1800 s: the benchmark's rounds, each a few seconds per figure
while [ $i -lt 9000 ]; do
	want=$(xenstore-read "$key/driver" 2>/dev/null)
	[ "$want" = "done" ] && break
	if [ -n "$want" ] && [ "$want" != "$last" ]; then
		stop_reflector
		last=$want
		if dev=$(xnf-use "$want" "$KERNEL_IP" "$DOM0_IP" 2>/tmp/xnf-use.err); then
			xnf-reflect -i "$dev" -a "$REFLECTOR_IP" >"/tmp/reflect-$want.log" 2>&1 &
			reflector=$!
			sleep 1		# its socket open before dom0 sends
			tap_ok "the reflector runs on $dev through $want"
			xenstore-write "$key/ready" "$want"
		else
			tap_not_ok "the reflector runs through $want" "$(cat /tmp/xnf-use.err)"
			xenstore-write "$key/ready" "failed $want"
		fi
	fi
	sleep 0.2
	i=$((i + 1))
done
stop_reflector
