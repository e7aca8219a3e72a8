# SPDX-License-Identifier: GPL-2.0
# Helpers for dom0's test files under Xen: guests, the vrng backend's
# stats, guests' results. Settings (guest kernel and ramdisk, rates) come
# from $ENT_SETTINGS (tests/xen/settings.conf in the test bed).
# shellcheck shell=sh
# shellcheck source=/dev/null
[ -n "${ENT_SETTINGS:-}" ] && [ -f "$ENT_SETTINGS" ] && . "$ENT_SETTINGS"
. "$ENT_LIB/ent.sh"
: "${GUEST_KERNEL:=/ent/guest/vmlinuz}" "${GUEST_RAMDISK:=/ent/guest/initrd.gz}"
: "${GUEST_MEMORY:=256}"
CON=/var/log/xen/console
VB=/sys/kernel/debug/vrngback

# guest_cfg NAME ROLE [EXTRA]: an xl config for a guest of the test
# bed's initramfs, running tests/xen/guest/ROLE.sh (idle: nothing): PV,
# or GUEST_TYPE (pvh on Arm, which has no PV guests).
guest_cfg() {
	cat <<CFG
name = "$1"
type = "${GUEST_TYPE:-pv}"
kernel = "$GUEST_KERNEL"
ramdisk = "$GUEST_RAMDISK"
extra = "console=hvc0 panic=-1 ${GUEST_CMDLINE:-} ent.role=$2 $3"
memory = $GUEST_MEMORY
vcpus = 1
on_poweroff = "destroy"
on_crash = "destroy"
CFG
}

# guest_start NAME ROLE [ATTACH-ARGS]: created paused, given the vrng
# device by vrng-attach (unless ATTACH-ARGS is "none"), then started, so
# the device is there when the guest's kernel enumerates xenbus.
guest_start() {
	guest_cfg "$1" "$2" >"/tmp/$1.cfg"
	xl create -p "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1 || return 1
	if [ "${3:-}" != none ]; then
		# shellcheck disable=SC2086
		vrng-attach attach "$(xl domid "$1")" ${3:-} >>"/tmp/xl-$1.log" 2>&1 || return 1
	fi
	xl unpause "$1"
}

# guest_stop NAME: destroyed, its device detached (whatever is left).
guest_stop() {
	_d=$(xl domid "$1" 2>/dev/null) || return 0
	xl destroy "$1" 2>/dev/null
	vrng-attach detach "$_d" >/dev/null 2>&1
	return 0
}

said() { grep -q "^VRNG: $2" "$CON/guest-$1.log" 2>/dev/null; }
bstat() { sed -n "s/^$2: //p" "$VB/dom$1/stats" 2>/dev/null; }
cstat() { sed -n "s/.*name: vrng:dom$1 .*$2: \([0-9]*\).*/\1/p" /sys/kernel/debug/ent/consumers; }

# guest_results NAME [SECONDS]: waits for the guest to power off, then
# reports its results here, each prefixed with its name.
guest_results() {
	_log=$CON/guest-$1.log
	wait_for "${2:-600}" sh -c "! xl list $1" ||
		{ tap_not_ok "$1 powers off within ${2:-600} s"; xl destroy "$1"; }
	if grep -q 'TAP-END' "$_log"; then
		tap_ok "$1 ran its tests to the end"
	else
		tap_not_ok "$1 ran its tests to the end" "last lines: $(tail -5 "$_log" | tr '\r\n' '  ')"
	fi
	sed -n 's/\r$//; s/^TAP: \(\(not \)\?ok\) [0-9]* \(.*\)$/\1|\3/p' "$_log" >/tmp/guest-tap
	while IFS='|' read -r res name; do
		if [ "$res" = ok ]; then tap_ok "$1: $name"; else tap_not_ok "$1: $name"; fi
	done </tmp/guest-tap
	# the guest's comments, as dom0's: the console keeps only lines "TAP: "
	sed -n 's/\r$//; s/^TAP: # //p' "$_log" | while IFS= read -r _l; do
		tap_comment "$1: $_l"
	done
}

# What the vrng devices hold in dom0: ring mappings, the backend's event
# channels, the core's generators for guests. baseline_mark notes them;
# at_baseline is true while all three are as noted; baseline_verdict
# SECONDS is the test that they come back within SECONDS.
maps() { grep -c xenbus_map_ring /proc/vmallocinfo; }
irqs() { grep -c vrngback /proc/interrupts; }
gens() { grep -c 'name: vrng:' /sys/kernel/debug/ent/consumers; }
baseline_mark() { m0=$(maps) i0=$(irqs) g0=$(gens); }
at_baseline() { [ "$(maps) $(irqs) $(gens)" = "$m0 $i0 $g0" ]; }
above_baseline() { [ "$(maps)" -gt "$m0" ] && [ "$(irqs)" -gt "$i0" ]; }
baseline_diff() { echo "maps $m0 -> $(maps), irqs $i0 -> $(irqs), generators $g0 -> $(gens)"; }
baseline_verdict() {
	if wait_for "$1" at_baseline; then
		tap_ok "dom0's grant maps, event channels and generators back to where they were"
	else
		tap_not_ok "dom0's grant maps, event channels and generators back to where they were" \
			"$(baseline_diff)"
	fi
}

# dom0's entropy core with its sources: seeds for the guests (the CPU's
# where it has one: ent.sh's CPU).
dom0_sources() {
	modprobe ent-core &&
	modprobe ent-jitter &&
	{ [ -z "$CPU" ] || modprobe ent-cpu; }
}

# guest_kmemleak NAME: judges what tests/lib/kmemleak.sh printed on the
# guest's console (one test; a comment for a kernel without kmemleak).
guest_kmemleak() {
	_k=$(sed -n 's/\r$//; s/^VRNG: kmemleak //p' "$CON/guest-$1.log")
	case $_k in
	none) tap_comment "$1's kernel has no kmemleak" ;;
	0) tap_ok "kmemleak in $1 finds nothing leaked" ;;
	*) tap_not_ok "kmemleak in $1 finds nothing leaked" \
		"${_k:-no report}: $(sed -n 's/\r$//; s/^VRNG: leak //p' "$CON/guest-$1.log" | head -20 | tr '\n' ' ')" ;;
	esac
}

# as_nobody CMD...: CMD as the unprivileged user nobody, through
# util-linux's setpriv, or busybox's su where setpriv is busybox's (the
# Arm dom0's), which cannot change users. CMD's words must need no quotes.
as_nobody() {
	if setpriv --help 2>&1 | grep -q -- --reuid; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		su -s /bin/sh nobody -c "$*"
	fi
}

# dom0's sources and the vrng backend: what a test of the device needs.
backend_up() {
	dom0_sources && modprobe xen-vrngback
}

# vrng-attach watch in the background (hosts where xl creates guests).
watch_start() {
	vrng-attach watch >/tmp/watch.log 2>&1 &
	WATCH=$!
}
watch_stop() {
	kill "$WATCH" 2>/dev/null
	wait "$WATCH" 2>/dev/null
}

# Everything a test loaded in dom0, unloaded: true when nothing is left.
# xenbus holds the backend module while devices are bound: unbind first.
dom0_unload() {
	for _d in /sys/bus/xen-backend/drivers/vrng/vrng-*; do
		[ -e "$_d" ] && echo "${_d##*/}" >/sys/bus/xen-backend/drivers/vrng/unbind
	done
	for _m in xen_vrngback ent_cpu ent_jitter ent_core; do
		grep -q "^$_m " /proc/modules && rmmod "$_m"
	done
	! grep -q '^\(ent\|xen_vrng\)' /proc/modules
}

# dom0_hung_info: for a test stopped at its time limit, dom0's load, what
# Xen's daemons wait on, each guest console's last lines (a guest's
# bytes, shown printable only), then the domains (xl needs xenstored:
# bounded, and last).
dom0_hung_info() {
	echo "load: $(cat /proc/loadavg)"
	for _p in /proc/[0-9]*; do
		case $(cat "$_p/comm" 2>/dev/null) in
		xenstored | oxenstored | xenconsoled)
			echo "$(cat "$_p/comm"): $(sed -n 's/^State:[[:space:]]*//p' "$_p/status"), wchan $(cat "$_p/wchan" 2>/dev/null)" ;;
		esac
	done
	for _f in "$CON"/guest-*.log; do
		[ -f "$_f" ] || continue
		_g=${_f##*/guest-}
		tail -8 "$_f" | tr -d '\r' | tr -c ' -~\n' '?' | cut -c1-160 |
			sed "s/^/${_g%.log}: /"
	done
	timeout 10 xl list 2>&1 | tail -n +2 | tr -s ' ' | sed 's/^/domain: /'
}

# dom0_rescue: what a test stopped at its time limit left, cleared so the
# next test starts from a clean dom0 (the runner's ENT_RESCUE): every
# guest destroyed, background tools stopped, the test backends and ours
# unbound and unloaded.
dom0_rescue() {
	grep -q control_d /proc/xen/capabilities 2>/dev/null || return 0
	xl list | awk 'NR > 2 { print $1 }' | while read -r _g; do
		xl destroy "$_g"
	done
	pkill -x vrng-attach
	pkill -x xnf-echo
	xnf_bridge_down		# and iperf3
	# vrng devices (either backend's) are dom0_unload's to unbind
	for _d in /sys/bus/xen-backend/drivers/vif-hostile/vif-*; do
		[ -e "$_d" ] && echo "${_d##*/}" >/sys/bus/xen-backend/drivers/vif-hostile/unbind
	done
	dom0_unload
	rmmod xnf_hostile_back vrng_hostile_back 2>/dev/null
}

# The netfront tests' bridge in dom0, served by the stock netback (a
# module on Debian's kernel, built in on the debug one).
XNF_BRIDGE=xenbr0
XNF_DOM0_IP=10.99.0.1
# shellcheck disable=SC2034 # for the tests that reach the guest
XNF_GUEST_IP=10.99.0.2	# tests/xen/guest/xnf.inc gives it the guest
xnf_bridge_up() {
	modprobe bridge 2>/dev/null
	modprobe xen-netback 2>/dev/null
	ip link add "$XNF_BRIDGE" type bridge 2>/dev/null
	ip addr add "$XNF_DOM0_IP/24" dev "$XNF_BRIDGE" 2>/dev/null
	ip link set "$XNF_BRIDGE" up
}
xnf_bridge_down() {
	pkill -x iperf3
	[ -f /tmp/xnf-http/nginx.pid ] && kill "$(cat /tmp/xnf-http/nginx.pid)" 2>/dev/null
	ip link del "$XNF_BRIDGE" 2>/dev/null
}
# dom0's iperf3 server on the bridge, for the guests' TCP, and its web
# server where there is nginx.
xnf_serve() {
	iperf3 -s -D -B "$XNF_DOM0_IP" --logfile /tmp/iperf3-server.log
	if command -v nginx >/dev/null; then
		xnf_http || tap_comment "nginx: $(tail -2 /tmp/xnf-http/error.log 2>/dev/null | tr '\n' ' ')"
	fi
}

# xnf_http: nginx on the bridge's address, port 80, serving one 600-byte
# page (a small web answer, two or so frames a request), everything
# under /tmp/xnf-http; wrk in the guest is its client.
xnf_http() {
	_w=/tmp/xnf-http
	mkdir -p "$_w/www"
	head -c 600 /dev/zero | tr '\0' x >"$_w/www/index.html"
	cat >"$_w/nginx.conf" <<-EOF
	daemon on;
	worker_processes 1;
	pid $_w/nginx.pid;
	error_log $_w/error.log;
	events { worker_connections 1024; }
	http {
		access_log off;
		client_body_temp_path $_w; proxy_temp_path $_w; fastcgi_temp_path $_w;
		uwsgi_temp_path $_w; scgi_temp_path $_w;
		server { listen $XNF_DOM0_IP:80; root $_w/www; }
	}
	EOF
	nginx -e "$_w/error.log" -p "$_w" -c "$_w/nginx.conf"
}

# xnf_guest NAME ROLE MAC-LAST-BYTE [CMDLINE]: a guest with a vif on the
# bridge, created and reported (tap); false when xl could not create it.
xnf_guest() {
	guest_cfg "$1" "$2" "${4:-}" >"/tmp/$1.cfg"
	echo "vif = [ 'bridge=$XNF_BRIDGE,mac=00:16:3e:00:99:$3' ]" >>"/tmp/$1.cfg"
	rm -f "$CON/guest-$1.log"
	if xl create "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1; then
		tap_ok "xl creates a guest with a vif on $XNF_BRIDGE"
	else
		tap_not_ok "xl creates a guest with a vif on $XNF_BRIDGE" "$(tail -3 "/tmp/xl-$1.log" | tr '\n' ' ')"
		return 1
	fi
}

# netback_reload DOMID: its vif device unbound, and netback unloaded and
# loaded again where it is a module (Debian's kernel; xenbus holds the
# module while a device is bound), or bound again where it is built in.
netback_reload() {
	_dev=vif-$1-0
	_drv=/sys/bus/xen-backend/drivers/vif
	echo "$_dev" >"$_drv/unbind" || return 1
	sleep 2	# away long enough for the guest's traffic to notice
	if grep -q '^xen_netback ' /proc/modules; then
		rmmod xen-netback && modprobe xen-netback
	else
		echo "$_dev" >"$_drv/bind"
	fi
}
# vif_hotplug DOMID: what libxl does when it adds a vif: Xen's vif-bridge
# script puts it on the bridge and writes hotplug-status, which netback
# waits for before it says Connected again.
vif_hotplug() {
	XENBUS_PATH=backend/vif/$1/0 vif=vif$1.0 /etc/xen/scripts/vif-bridge online
}

# xnf_agent NAME: xnf-bench-agent serving guest NAME (once its vif is
# there, 60 s at most); xnf_agent_stop ends it, its first lines of
# complaint as comments.
xnf_agent() {
	_d=$(xl domid "$1")
	has_vif() { [ -e "/sys/class/net/vif$_d.0" ]; }
	wait_for 60 has_vif || return 1
	xnf-bench-agent "$_d" 2>/tmp/xnf-agent.log &
	XNF_AGENT=$!
}
xnf_agent_stop() {
	[ -s /tmp/xnf-agent.log ] && tap_comment "agent: $(head -3 /tmp/xnf-agent.log | tr '\n' ' ')"
	[ -s /tmp/xnf-agent-send.err ] && tap_comment "agent's pktgen: $(tail -3 /tmp/xnf-agent-send.err | tr '\n' ' ')"
	kill "${XNF_AGENT:-}" 2>/dev/null
	XNF_AGENT=''
}

# xnf_guest_reports NAME: the first lines of a kernel report in the
# guest's console, as comments (the guest's own runner fails on them).
xnf_guest_reports() {
	grep -a -m1 -A30 -E 'WARNING:|BUG:|general protection' "$CON/guest-$1.log" |
		tr -d '\r' | while IFS= read -r l; do tap_comment "$1: $l"; done
}

# The project's unikernel (unikernel/): uk_create NAME [EXTRA [LINE]]
# makes a paused one whose command line is EXTRA (default "vrng": it
# seeds), LINE added to its xl config (a vif); crashes are kept, to be
# seen.
: "${UK_KERNEL:=/ent/uk/xenrng-uk}"
uk_create() {
	cat >"/tmp/$1.cfg" <<CFG
name = "$1"
type = "pv"
kernel = "$UK_KERNEL"
extra = "${2:-vrng}"
memory = 32
on_poweroff = "destroy"
on_crash = "preserve"
${3:-}
CFG
	rm -f "$CON/guest-$1.log"
	xl create -p "/tmp/$1.cfg" >"/tmp/xl-$1.log" 2>&1
}
# said_uk NAME TEXT: its console has a line "xenrng-uk: TEXT..."
said_uk() { tr -d '\r' <"$CON/guest-$1.log" 2>/dev/null | grep -q "^xenrng-uk: $2"; }
# uk_line NAME TEXT: the rest of that line, printable only
uk_line() { tr -d '\r' <"$CON/guest-$1.log" 2>/dev/null | sed -n "s/^xenrng-uk: $2//p" | head -1 | tr -c ' -~\n' '?'; }
uk_gone() { ! xl list "$1" >/dev/null 2>&1; }
uk_crashed() { xl list "$1" 2>/dev/null | awk 'NR == 2 { exit $5 !~ /c/ }'; }
