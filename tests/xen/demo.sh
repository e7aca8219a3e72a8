#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dom0's demo under real Xen: what the project's modules do, in plain
# words, on lines starting "DEMO: " (the host prints only those).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"
say() { echo "DEMO: $*"; }

say "Xen $(xl info | sed -n 's/^xen_version *: //p') is running; dom0 kernel $(uname -r)."
dom0_sources
say "dom0 entropy sources (each SP 800-90B health-tested before any credit):"
drain_start
sleep 20
drain_stop
for dir in "$D"/sources/*; do
	s=${dir##*/}
	say "  $s: $(stat "$s" state), H=$(stat "$s" h) bits/sample (RCT cutoff $(stat "$s" rct_cutoff), APT cutoff $(stat "$s" apt_cutoff)/512),"
	say "      $(stat "$s" raw_bytes) raw bytes tested, $(stat "$s" credited_bits) bits credited at $(stat "$s" quality)/1024, $(stat "$s" failures) health failures"
done
say "Pool: $(sed -n 's/^seeds_made: //p' $D/pool) full-entropy 256-bit seeds made from $(sed -n 's/^bits_credited: //p' $D/pool) credited bits."
head -c 32 /dev/ent_out | od -An -tx1 | tr -d '\n' | sed 's/^/DEMO: 32 bytes from a dom0 consumer generator:/'
echo
guest_cfg guest1 core >/tmp/guest.cfg
say "Booting PV guest 'guest1' with xl; it loads the same entropy core in its own kernel..."
xl create /tmp/guest.cfg >/dev/null 2>&1 || say "xl create failed"
i=0
while xl list guest1 >/dev/null 2>&1 && [ $i -lt 600 ]; do sleep 1; i=$((i + 1)); done
sed -n 's/\r$//; s/^TAP: \(not ok\|ok\) [0-9]* /DEMO:   guest1 [\1] /p' /var/log/xen/console/guest-guest1.log
modprobe xen-vrngback
say "The Xen PV entropy device (vrng): backend loaded in dom0. Guest 'seeded' boots"
say "with random.trust_cpu=off, so only our device can seed its kernel's CRNG early;"
say "it is created paused, attached with a 128 KiB/s rate limit, then started."
guest_cfg seeded demo random.trust_cpu=off >/tmp/seeded.cfg
xl create -p /tmp/seeded.cfg >/dev/null 2>&1 || say "xl create failed"
dom=$(xl domid seeded)
vrng-attach attach "$dom" --rate 131072 | sed 's/^/DEMO:   /'
xl unpause seeded
i=0
until grep -q 'GUEST: frontend stats' /var/log/xen/console/guest-seeded.log 2>/dev/null || [ $i -gt 300 ]; do
	sleep 1
	i=$((i + 1))
done
sed -n 's/\r$//; s/^GUEST: /DEMO:   seeded: /p' /var/log/xen/console/guest-seeded.log
say "dom0's view (vrng-attach list: the backend's per-guest stats and generator):"
vrng-attach list | sed 's/^/DEMO:   /'
xl destroy seeded
vrng-attach detach "$dom" >/dev/null

say "The netfront: guest 'nb' gets a vif on a bridge served by Debian's stock netback;"
say "xnf-ab moves the vif between upstream xen-netfront and xen-xnf and measures"
say "both on the same ring (one short round: the figures are a glance, not a benchmark)."
xnf_bridge_up
modprobe pktgen 2>/dev/null
xnf_serve
if xnf_guest nb xnf-bench 04 "xnf.rounds=1 xnf.seconds=2" >/dev/null; then
	if xnf_agent nb; then
		guest_results nb 900 >/dev/null
		xnf_agent_stop >/dev/null
		# the report, for the host to turn into the table (not shown here)
		sed -n 's/\r$//; /^XNFAB: /p' "$CON/guest-nb.log"
		sed -n 's/\r$//; s/^TAP: not ok [0-9]* /DEMO:   nb [not ok] /p' "$CON/guest-nb.log"
	else
		say "guest 'nb' never got its vif"
	fi
	guest_stop nb
else
	say "xl create failed for guest 'nb'"
fi

say "The unikernel: xenrng-uk, the project's own PV kernel (no Linux, no libc), booted"
say "by xl, seeds its ChaCha20 generator through the vrng device (libvrngfront) and"
say "answers on the bridge through the project's netfront library (libxnfront)."
if uk_create uk "vrng ip=10.99.0.50" "vif = [ 'bridge=$XNF_BRIDGE,mac=00:16:3e:00:99:50' ]"; then
	ud=$(xl domid uk)
	vrng-attach attach "$ud" >/dev/null
	xl unpause uk
	up() { said_uk uk 'network up' || uk_gone uk; }
	wait_for 120 up
	sed -n 's/\r$//; s/^xenrng-uk: \(seeded\|first output\|network up\)/DEMO:   uk: \1/p' "$CON/guest-uk.log"
	if busybox ping -c 3 -W 5 10.99.0.50 >/tmp/uk-ping.txt 2>&1; then
		say "  dom0 pings it: $(grep -c 'bytes from' /tmp/uk-ping.txt) replies, $(sed -n 's/.*= \([0-9.]*\)\/\([0-9.]*\)\/.*/\2 ms on average/p' /tmp/uk-ping.txt)"
	else
		say "  dom0 pings it: no answer"
	fi
	xl shutdown uk >/dev/null 2>&1
	wait_for 60 uk_gone uk
	sed -n 's/\r$//; s/^xenrng-uk: \(net: received\|exit\)/DEMO:   uk: \1/p' "$CON/guest-uk.log"
	vrng-attach detach "$ud" >/dev/null 2>&1
else
	say "xl create failed for the unikernel"
fi
xl destroy uk 2>/dev/null || true
xnf_bridge_down
