#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The packages as a host has them installed (tests/xen/pkg-install):
# dom0 runs the modules DKMS built from xenrng-dkms and attaches with
# xenrng-dom0's vrng-attach; a guest boots the initramfs that
# initramfs-tools made with xenrng-guest installed, whose frontend (also
# DKMS's) seeds the CRNG before the root's first program starts. The
# guest's kernel trusts neither the CPU's RDRAND nor a bootloader's seed
# (random.trust_cpu=off, random.trust_bootloader=off: Debian's kernel
# would otherwise be seeded by RDRAND before any driver loads), so its
# seed is the device's. Reported: when the kernel said "crng init done"
# and when the root's first program started, from the guest's kernel
# log. The same guest without the device is the comparison, reported,
# not asserted (what else seeds it, and when, is the emulator's timing).
ENT_LIB=${ENT_LIB:-$(dirname "$0")/../../lib}
. "$ENT_LIB/tap.sh"
. "$ENT_LIB/xen.sh"

PKG=${PKG_DIR:-/ent/pkg}
if [ ! -f "$PKG/initrd.img" ] || [ ! -x "$PKG/dom0/vrng-attach" ]; then
	tap_not_ok "the installed packages' files are here ($PKG)" \
		"tests/xen/pkg-install did not make them: see the lane's pkg-install.log"
	exit 0
fi
LOG=$CON/guest-pkg.log
# what the root's first program said (tests/xen/pkg-root-init)
root_said() { sed -n "s/\r$//; s/^PKGROOT: $1//p" "$2" | head -1; }
# seconds of the kernel's clock on a line of its log that says TEXT
klog_time() { sed -n "s/\r$//; s/^PKGROOT: kernel: \[ *\([0-9.]*\)\] .*$1.*/\1/p" "$2" | head -1; }
boot_pkg_guest() {	# NAME ATTACH-ARGS: boots, waits for poweroff
	GUEST_RAMDISK=$PKG/initrd.img GUEST_MEMORY=512 \
		GUEST_CMDLINE="quiet boot=xenrng-root init=/init random.trust_cpu=off random.trust_bootloader=off" \
		PATH="$PKG/dom0:$PATH" guest_start "$1" none "$2" ||
		{ tap_not_ok "xl creates $1" "$(tail -3 "/tmp/xl-$1.log" | tr '\n' ' ')"; return 1; }
	# under a minute in an idle bed; 300 s for a busy one
	wait_for 300 sh -c "! xl list $1 >/dev/null 2>&1" ||
		{ tap_not_ok "$1 powers off" "$(tail -5 "$CON/guest-$1.log" | tr '\r\n' '  ')"; xl destroy "$1"; }
}

dom0_unload
modprobe -a chacha-x86_64 jitterentropy_rng
check "dom0 loads the core, its sources and the backend DKMS built" \
	sh -c "insmod $PKG/dom0/ent-core.ko && insmod $PKG/dom0/ent-jitter.ko &&
		{ ! grep -q rdrand /proc/cpuinfo || insmod $PKG/dom0/ent-cpu.ko; } &&
		insmod $PKG/dom0/xen-vrngback.ko"
baseline_mark

# With the device, attached by xenrng-dom0's vrng-attach before the
# guest runs.
if boot_pkg_guest pkg ""; then
	if grep -q '^PKGROOT: end' "$LOG"; then
		tap_ok "the root's first program ran"
	else
		tap_not_ok "the root's first program ran" \
			"the guest's last lines: $(tail -12 "$LOG" | tr -d '\r' | tr '\n' '|')"
	fi
	mods=$(root_said "modules " "$LOG")
	check "the guest loaded xen-vrngfront from its initramfs (modules.d)" \
		sh -c "echo '$mods' | grep -qw xen_vrngfront"
	waited=$(sed -n 's/\r$//; s/.*xenrng: CRNG seeded before the root.s programs (waited \([0-9]*\) tenths.*/\1/p' "$LOG" | head -1)
	check "xenrng-guest's wait saw the CRNG seeded (${waited:-no word} tenths of a second)" test -n "$waited"
	avail=$(root_said "entropy_avail " "$LOG")
	check "the root's first program starts with the CRNG seeded (entropy_avail ${avail:-?})" \
		test "${avail:-0}" -ge 256
	passed=$(root_said "frontend: credit_passed_bits: " "$LOG")
	first=$(root_said "frontend: first_credit_ms: " "$LOG")
	check "the frontend passed the kernel ${passed:-no} credited bits (256 or more: ${first:-?} ms from its probe)" \
		test "${passed:-0}" -ge 256
	seeded=$(klog_time 'crng init done' "$LOG")
	started=$(root_said "started at " "$LOG" | cut -d' ' -f1)
	check "\"crng init done\" (${seeded:-never} s) before the root's first program (${started:-?} s)" \
		awk -v a="${seeded:-x}" -v b="${started:-x}" 'BEGIN { exit !(a != "x" && b != "x" && a + 0 < b + 0) }'
	tap_comment "with the device: seeded at ${seeded:-?} s of the guest's clock, the root's first program at ${started:-?} s"
fi
guest_stop pkg

# The comparison: no device.
LOG=$CON/guest-pkg0.log
if boot_pkg_guest pkg0 none; then
	tap_comment "without the device: \"crng init done\" at $(klog_time 'crng init done' "$LOG" || true) s (empty: not by then), the root's first program at $(root_said "started at " "$LOG" | cut -d' ' -f1) s with entropy_avail $(root_said "entropy_avail " "$LOG")"
fi
guest_stop pkg0
baseline_verdict 60
check "dom0: the modules unload" dom0_unload
