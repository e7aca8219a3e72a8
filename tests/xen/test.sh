#!/bin/sh
# dom0's test script under real Xen: the entropy modules in dom0, then a
# PV guest booted by xl that runs its own tests; the guest's TAP lines
# are read from its console log and reported here.
. /ent/tap.sh
. /ent/guests.sh
D=/sys/kernel/debug/ent
stat() { sed -n "s/^$2: //p" "$D/sources/$1/stats" 2>/dev/null; }
is_healthy() { [ "$(stat "$1" state)" = healthy ] && [ "$(stat "$1" credited_bits)" -gt 0 ]; }

grep -q control_d /proc/xen/capabilities && tap_ok "dom0 runs under Xen" ||
	tap_not_ok "dom0 runs under Xen" "no control_d in /proc/xen/capabilities"
check "xenstore answers" xenstore-read domid
check "dom0: ent-core loads" modprobe ent-core
check "dom0: jitter source loads" modprobe ent-jitter
if grep -q rdrand /proc/cpuinfo; then
	check "dom0: cpu-rdrand source loads" modprobe ent-cpu
fi
# The vrng backend registers with xenbus (no guest is attached yet).
check "dom0: xen-vrngback loads" modprobe xen-vrngback
check "dom0: xenbus lists the vrng backend driver" \
	test -d /sys/bus/xen-backend/drivers/vrng
cat /dev/ent_out >/dev/null &
DRAIN=$!
for s in $(ls $D/sources); do
	if wait_for 120 is_healthy "$s"; then
		tap_ok "dom0: $s passes start-up and is credited ($(stat "$s" credited_bits) bits)"
	else
		tap_not_ok "dom0: $s passes start-up and is credited" "state $(stat "$s" state)"
	fi
done
kill $DRAIN
wait $DRAIN 2>/dev/null

# import_tap LOG: a guest's TAP results, re-numbered into this stream (a
# redirected loop, not a pipe: the counter must survive it).
import_tap() {
	sed -n 's/\r$//; s/^TAP: \(\(not \)\?ok\) [0-9]* \(.*\)$/\1|\3/p' "$1" >/tmp/guest-tap
	while IFS='|' read -r res name; do
		if [ "$res" = ok ]; then tap_ok "$name"; else tap_not_ok "$name"; fi
	done </tmp/guest-tap
	grep '^TAP: #' "$1"
}

inject=$(sed -n 's/.*\(ent.inject=[^ ]*\).*/\1/p' /proc/cmdline)
guest_cfg guest1 "$inject" >/tmp/guest.cfg
if xl create /tmp/guest.cfg >/tmp/xl-create.log 2>&1; then
	tap_ok "xl creates a PV guest"
	wait_for 600 sh -c '! xl list guest1' ||
		{ tap_not_ok "guest1 powers off within 600 s"; xl destroy guest1; }
	log=/var/log/xen/console/guest-guest1.log
	if grep -q 'TAP-END' "$log"; then
		tap_ok "guest1 ran its tests to the end"
	else
		tap_not_ok "guest1 ran its tests to the end" "last lines: $(tail -5 "$log" | tr '\n' ' ')"
	fi
	import_tap "$log"
else
	tap_not_ok "xl creates a PV guest" "$(tail -3 /tmp/xl-create.log | tr '\n' ' ')"
fi

# refused NAME MESSAGE CMD...: CMD fails and says MESSAGE.
refused() {
	_name=$1
	_msg=$2
	shift 2
	if "$@" >/tmp/refused.out 2>&1; then
		tap_not_ok "$_name" "it succeeded"
	elif grep -q "$_msg" /tmp/refused.out; then
		tap_ok "$_name"
	else
		tap_not_ok "$_name" "said: $(cat /tmp/refused.out)"
	fi
}

# The attach tool on a live guest, and the backend's probe.
guest_cfg idle1 "$inject ent.idle" >/tmp/idle.cfg
if xl create /tmp/idle.cfg >/tmp/xl-idle.log 2>&1; then
	dom=$(xl domid idle1)
	be=/local/domain/0/backend/vrng/$dom/0
	be_key() { [ "$(xenstore-read "$be/$1" 2>/dev/null)" = "$2" ]; }
	rmmod xen-vrngback
	refused "vrng-attach refuses while the backend is not loaded" \
		"backend is not loaded" vrng-attach attach "$dom"
	modprobe xen-vrngback
	check "vrng-attach attaches domain $dom" vrng-attach attach "$dom"
	check "the backend probes the device and waits (InitWait)" wait_for 20 be_key state 2
	if be_key version 1 && be_key max-request-bytes 4096 && be_key feature-credit 1; then
		tap_ok "the backend advertises version 1, 4096-byte requests, credit"
	else
		tap_not_ok "the backend advertises version 1, 4096-byte requests, credit"
	fi
	refused "a second attach is refused" "already has a vrng device" \
		vrng-attach attach "$dom"
	refused "attaching a domain that does not exist is refused" \
		"domain 4242 does not exist" vrng-attach attach 4242
	refused "a bad domain id is refused" "not a guest domain id" \
		vrng-attach attach 12abc
	refused "a user other than root is refused" "are you root in dom0" \
		setpriv --reuid=65534 --regid=65534 --clear-groups vrng-attach attach "$dom"
	vrng-attach list >/tmp/vrng-list.txt 2>&1
	if grep -q "^$dom " /tmp/vrng-list.txt && grep -q "generator_bytes: " /tmp/vrng-list.txt; then
		tap_ok "vrng-attach list shows domain $dom with its generator's stats"
	else
		tap_not_ok "vrng-attach list shows domain $dom" "$(cat /tmp/vrng-list.txt)"
	fi
	check "vrng-attach detaches domain $dom" vrng-attach detach "$dom"
	gone() { ! grep -q "vrng:dom$dom " "$D/consumers"; }
	check "detach removes the backend device and its generator" wait_for 20 gone
	refused "detaching twice is refused" "has no vrng device" vrng-attach detach "$dom"
	xl destroy idle1
else
	tap_not_ok "xl creates an idle guest" "$(tail -3 /tmp/xl-idle.log | tr '\n' ' ')"
fi

# The device tests take minutes; the harness's injected-failure pass only
# needs the failure reported, so it goes without them.
case "$inject" in
*xen*) ;;
*) . /ent/vrng.sh ;;
esac

unload_all() {
	for m in xen_vrngback ent_cpu ent_jitter ent_core; do
		! grep -q "^$m " /proc/modules || rmmod "$m" || return 1
	done
}
check "dom0: modules unload" unload_all
tap_clean_dmesg "dom0: no WARN, BUG, oops or KASAN in dom0's kernel log"
tap_injected_failure xen
tap_end
