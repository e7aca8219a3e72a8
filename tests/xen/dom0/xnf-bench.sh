#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The netfront A/B benchmark (tools/xnf-bench/xnf-ab) in a guest on
# Debian's kernel, dom0 serving it (xnf-bench-agent, iperf3): upstream
# xen-netfront against xen-xnf, XNF_AB_ROUNDS rounds of XNF_AB_SECONDS
# per figure (a short smoke run unless the bench target sets more), the
# figures XNF_AB_FIGURES names (xnf-ab's -f; all unless it is set). The
# guest's report comes back as lines "XNFAB: " (tests/bed/vm.sh keeps
# them as build/results/xnf-ab.json) and its "BENCH: " lines. What is
# checked is that every figure was measured (packets and bytes moved both
# ways with both drivers), never how fast: speed is for the benchmark.
# XNF_AB_GUEST_CAP=P caps the guest at P% of a CPU (the scheduler's cap,
# as burstable cloud instances are): the guest, not dom0, is then the
# bottleneck for both drivers (Documentation/benchmarks.rst).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

xnf_bridge_up
modprobe pktgen 2>/dev/null
xnf_serve
check "dom0 serves HTTP on $XNF_DOM0_IP (nginx, for wrk)" test -s /tmp/xnf-http/nginx.pid
if xnf_guest nb xnf-bench 04 "xnf.rounds=${XNF_AB_ROUNDS:-1} xnf.seconds=${XNF_AB_SECONDS:-2}${XNF_AB_FIGURES:+ xnf.figures=$XNF_AB_FIGURES}${XNF_AB_GUEST_CAP:+ xnf.cap=$XNF_AB_GUEST_CAP}"; then
	if [ -n "${XNF_AB_GUEST_CAP:-}" ]; then
		# credit2 is Xen 4.17's default scheduler, credit the older one
		xl sched-credit2 -d nb -c "$XNF_AB_GUEST_CAP" 2>/dev/null ||
			xl sched-credit -d nb -c "$XNF_AB_GUEST_CAP"
		check "the guest is capped at $XNF_AB_GUEST_CAP% of a CPU" sh -c \
			"{ xl sched-credit2 -d nb; xl sched-credit -d nb; } 2>/dev/null | grep -Eq '^nb +[0-9]+ +[0-9]+ +$XNF_AB_GUEST_CAP\$'"
	fi
	xnf_agent nb
	# each round: 2 drivers x 6 figures of XNF_AB_SECONDS, plus switching
	guest_results nb $((600 + ${XNF_AB_ROUNDS:-1} * (12 * ${XNF_AB_SECONDS:-2} + 180)))
	grep -a '^XNFAB: \|^BENCH: ' "$CON/guest-nb.log" | sed 's/\r$//'
	xnf_agent_stop
	xnf_guest_reports nb
fi
guest_stop nb
xnf_bridge_down
