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
