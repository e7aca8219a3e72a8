# SPDX-License-Identifier: GPL-2.0
# Shared by the test-bed scripts: cache location, kernel ABI, messages.
# shellcheck shell=bash

# Slow artifacts live outside the clone so a fresh clone reuses them.
BED_CACHE=${BED_CACHE:-/var/cache/xenrng-bed}

note() { printf '# %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The Debian kernel ABI (the N in 6.1.0-N) that linux-headers-amd64 points
# at today; everything else (images, cross headers) is pinned to it.
bed_kabi() {
	local f="$BED_CACHE/kabi"
	if [ -s "$f" ]; then cat "$f"; return; fi
	local dep
	dep=$(apt-cache depends linux-headers-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-headers-\(6\.1\.0-[0-9]*\)-amd64.*/\1/p' | head -1)
	[ -n "$dep" ] || die "cannot find linux-headers-amd64 in the apt cache; run apt-get update"
	mkdir -p "$BED_CACHE"
	echo "$dep" >"$f"
	echo "$dep"
}
KABI=${KABI:-$(bed_kabi)}

# copy_kmods IMG KVER DEST MODULE...: copies Debian kernel modules and all
# they depend on (modprobe --show-depends) from the unpacked image IMG
# into DEST, with the files depmod needs; dies naming a missing module.
copy_kmods() {
	local img=$1 kver=$2 dest=$3 m path rel
	shift 3
	[ -f "$img/lib/modules/$kver/modules.dep" ] || depmod -b "$img" "$kver"
	for m in "$@"; do
		modprobe -d "$img" -S "$kver" --show-depends "$m" >/dev/null 2>&1 ||
			die "kernel module $m not found for $kver"
		modprobe -d "$img" -S "$kver" --show-depends "$m" |
			sed -n 's/^insmod \([^ ]*\).*/\1/p' | while read -r path; do
				rel=${path#"$img"/}
				mkdir -p "$dest/$(dirname "$rel")"
				cp "$path" "$dest/$rel"
			done
	done
	mkdir -p "$dest/lib/modules/$kver"
	cp "$img/lib/modules/$kver"/modules.{builtin,builtin.modinfo,order} \
		"$dest/lib/modules/$kver/"
}

# pkg_root_open DIR IMAGE: the package layer's Debian root (IMAGE, from
# tests/bed/pkg-chroot) unpacked into DIR, with /proc and the host's /dev
# mounted for dpkg and DKMS. pkg_root_close DIR [REMOVE]: unmounts them
# and removes REMOVE (default DIR) only once nothing is mounted in it:
# rm -rf through the bind mount of /dev would delete the host's device
# nodes. Says so on standard error when it must leave it.
pkg_root_open() {
	mkdir -p "$1"
	tar -C "$1" --zstd -xf "$2" &&
		mount -t proc proc "$1/proc" &&
		mount --bind /dev "$1/dev"
}
pkg_root_close() {
	local m
	for m in "$1/proc" "$1/dev"; do
		mountpoint -q "$m" && { umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; }
	done
	if mountpoint -q "$1/proc" || mountpoint -q "$1/dev"; then
		echo "$1 is left: something is still mounted in it" >&2
	else
		rm -rf --one-file-system "${2:-$1}"
	fi
}

# bed_modules ARCH KDIR DEST: the project's modules, the test modules
# too, built for ARCH against KDIR, their .ko files in DEST (the build's
# output on stdout and stderr). Within one make check (BED_MODCACHE, set
# by tests/bed/check) each ARCH and KDIR is built once and later layers
# copy its .ko files: seven of the VM layers' twelve builds were the
# same ones, some 45 s of CPU each. Layers run at once: a build holds a
# lock on its entry, and a failed one is not kept.
bed_modules() {
	local arch=$1 kdir=$2 dest=$3 top entry
	top=$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")
	if [ -z "${BED_MODCACHE:-}" ]; then
		make -s -C "$top" ARCH="$arch" KDIR="$kdir" MODDIR="$dest" TEST_MODULES=1 modules
		return
	fi
	mkdir -p "$BED_MODCACHE" "$dest"
	entry="$BED_MODCACHE/$arch-$(printf '%s' "$kdir" | md5sum | cut -c1-12)"
	(
		flock 9
		if [ -f "$entry.done" ]; then
			echo "built earlier in this make check: $entry"
		else
			rm -rf "$entry"
			make -s -C "$top" ARCH="$arch" KDIR="$kdir" MODDIR="$entry" TEST_MODULES=1 modules ||
				exit 1
			touch "$entry.done"
		fi
	) 9>"$entry.lock" && cp "$entry"/*.ko "$dest/"
}
