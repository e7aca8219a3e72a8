# SPDX-License-Identifier: GPL-2.0
#
#   make               build the kernel modules for ARCH against KDIR
#   make demo          boot Xen in QEMU with dom0 and a guest; show what runs
#   make check         install what is missing, run every test layer
#   make bench-net     netfront A/B: upstream xen-netfront against xen-xnf
#                      (XNF_AB_ROUNDS, default 5; XNF_AB_SECONDS, 10;
#                      XNF_AB_GUEST_CAP=P: the guest capped at P% of a CPU;
#                      XNF_AB_FIGURES=tcp_tx,...: only those, xnf-ab's -f)
#   make bench-uk      the unikernel against Linux guests: round trips and
#                      reflection (UK_BENCH_ROUNDS, default 5; UK_BENCH_SECONDS, 10)
#   make soak          hours on the debug kernel under Xen: 10^6 requests,
#                      100 guest cycles, 20 backend reloads, 30 minutes of
#                      netfront traffic across netback reloads, the hostile
#                      frontend's 1000 connect/disconnect cycles, every
#                      attack of the hostile vrng backend
#   make unit|kunit|qemu|xen|xen-arm|lint|cross|fuzz|package|harness
#                      one layer; T=NAME one test
#   make man           the man pages (Documentation/man/, their one source) in build/man
#   make deb           the Debian packages (DKMS modules, dom0, guest, benchmark
#                      tools) in build/deb, checked by lintian
#   make setup         install packages (Debian 12, root)
#
# ARCH: x86_64 (default), arm64 or arm (armhf). KDIR: a kernel build
# directory; by default the running kernel's headers for a native build.
# The test bed passes its own (tests/bed/kdir ARCH prints it).

ARCH ?= x86_64
BED := tests/bed
OUT := $(CURDIR)/build
HOST_ARCH := $(shell uname -m)

ifeq ($(ARCH),x86_64)
  KARCH := x86
  CROSS := $(if $(filter x86_64,$(HOST_ARCH)),,x86_64-linux-gnu-)
else ifeq ($(ARCH),arm64)
  KARCH := arm64
  CROSS := $(if $(filter aarch64,$(HOST_ARCH)),,aarch64-linux-gnu-)
else ifeq ($(ARCH),arm)
  KARCH := arm
  CROSS := $(if $(filter armv7l,$(HOST_ARCH)),,arm-linux-gnueabihf-)
  # A prepared source tree has no Module.symvers: unresolved is expected.
  KBUILD_EXTRA := KBUILD_MODPOST_WARN=1
else
  $(error unknown ARCH=$(ARCH): expected x86_64, arm64 or arm)
endif
ifeq ($(CROSS),)
  KDIR ?= /lib/modules/$(shell uname -r)/build
endif

MODDIR := $(OUT)/modules-$(ARCH)
# The module sources, copied to a build folder of their own per ARCH
# (kbuild writes its objects beside the sources): the tree stays clean.
SRCS := Kbuild include entropy drivers netfront tests/modules
KMAKE = $(MAKE) -s -C $(KDIR) M=$(MODDIR) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS) \
	W=1 $(KBUILD_EXTRA)

modules: kdir-ok
	@mkdir -p $(MODDIR)
	@rsync -aR --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' $(SRCS) $(MODDIR)/
	@$(KMAKE) modules
	@ls $(MODDIR)/*.ko | sed 's|^|built: |'

kdir-ok:
	@test -n "$(KDIR)" -a -f "$(KDIR)/Makefile" || { \
	  if [ -z "$(KDIR)" ]; then \
	    echo "error: a cross build for ARCH=$(ARCH) needs KDIR=<that kernel's build directory>;" \
	         "the test bed's: make ARCH=$(ARCH) KDIR=\$$($(BED)/kdir $(ARCH))" >&2; \
	  else \
	    echo "error: KDIR=$(KDIR) is not a kernel build directory." \
	         "Install the running kernel's headers (apt-get install linux-headers-\$$(uname -r))," \
	         "or pass KDIR=<kernel build dir>; the test bed's: KDIR=\$$($(BED)/kdir $(ARCH))" >&2; \
	  fi; exit 1; }
	@command -v $(CROSS)gcc >/dev/null || { \
	  echo "error: compiler $(CROSS)gcc not found; run 'make setup'" >&2; exit 1; }

# The version is debian/changelog's: one place for it.
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
DEB_OUT := $(OUT)/deb

# The module sources and dkms.conf as DKMS takes them, in
# DESTDIR/usr/src/xenrng-VERSION (debian/rules; or by hand, then
# dkms install xenrng/VERSION). Unit tests and unikernel parts stay out.
dkms-src:
	@test -n "$(DESTDIR)" || { echo "error: make dkms-src needs DESTDIR=<dir>" >&2; exit 1; }
	@d=$(DESTDIR)/usr/src/xenrng-$(VERSION); mkdir -p $$d && \
	  rsync -aR --exclude=tests/ --exclude=unikernel/ --exclude='*.o' \
		--exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod*' \
		Kbuild include entropy drivers netfront $$d/ && \
	  sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf >$$d/dkms.conf

# The packages, built from a copy of the tree's files (tracked and new,
# not ignored ones) in $(DEB_OUT), and lintian's verdict on them.
deb:
	@for c in dpkg-buildpackage dh dh_dkms lintian; do command -v $$c >/dev/null || { \
	  echo "error: make deb needs $$c (debhelper, dh-dkms, lintian); run 'make setup'" >&2; exit 1; }; done
	@rm -rf $(DEB_OUT) && mkdir -p $(DEB_OUT)/xenrng-$(VERSION)
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git ls-files -z -co --exclude-standard | \
	    rsync -a --from0 --files-from=- . $(DEB_OUT)/xenrng-$(VERSION)/; \
	else rsync -a --exclude=/build --exclude=/.git . $(DEB_OUT)/xenrng-$(VERSION)/; fi
	@cd $(DEB_OUT)/xenrng-$(VERSION) && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || { \
	  tail -20 $(DEB_OUT)/build.log >&2; echo "error: dpkg-buildpackage failed; see $(DEB_OUT)/build.log" >&2; exit 1; }
	@lintian --info $(DEB_OUT)/*.changes >$(DEB_OUT)/lintian.txt 2>&1; st=$$?; \
	  cat $(DEB_OUT)/lintian.txt; ls $(DEB_OUT)/*.deb | sed 's|^|built: |'; exit $$st

# The man pages: each one's source is Documentation/man/NAME.SECTION.rst
# (the subject pages include their tables from there); tests/lint/man
# checks them against the programs' --help and the modules' modinfo.
MAN_SRCS := $(wildcard Documentation/man/*.rst)
man:
	@command -v rst2man >/dev/null || { \
	  echo "error: make man needs rst2man (python3-docutils); run 'make setup'" >&2; exit 1; }
	@mkdir -p $(OUT)/man
	@for f in $(MAN_SRCS); do \
	  rst2man --report=2 --halt=2 $$f $(OUT)/man/$$(basename $$f .rst) || exit 1; done

sparse: kdir-ok modules
	@$(KMAKE) C=2 modules

clean:
	rm -rf $(OUT)

setup:
	$(BED)/setup

unit kunit qemu xen lint cross harness fuzz package:
	@$(BED)/layer $@

# every Arm test; make check runs the shorter list (tests/xen-arm/run)
xen-arm:
	@XEN_ARM_ALL=$${XEN_ARM_ALL-1} $(BED)/layer $@

check:
	@$(BED)/check

demo:
	@$(BED)/setup
	@tests/xen/demo

# The report is build/results/xnf-ab.json; plots beside it. A check
# failed after the measuring (the soak's) still leaves its table and
# plots; a report from an earlier run is never shown as this one's.
bench-net:
	@rm -f $(OUT)/results/xnf-ab.json; \
	XNF_AB_ROUNDS=$${XNF_AB_ROUNDS:-5} XNF_AB_SECONDS=$${XNF_AB_SECONDS:-10} \
		XEN_KERNELS=debian T=xnf-bench $(BED)/layer xen; rc=$$?; \
	[ ! -s $(OUT)/results/xnf-ab.json ] || \
		tools/xnf-bench/xnf-plot $(OUT)/results/xnf-ab.json $(OUT)/results || rc=1; \
	exit $$rc

# Counts and times: tests/xen/run (SOAK); T= and XEN_KERNELS= as for xen.
soak:
	@SOAK=1 XEN_KERNELS=$${XEN_KERNELS:-debug} \
		T="$${T:-soak-requests cycles backend-reload xnf-reload hostile-frontend hostile-backend-vrng}" $(BED)/layer xen

# The report is build/results/uk-bench.json.
bench-uk:
	@UK_BENCH_ROUNDS=$${UK_BENCH_ROUNDS:-5} UK_BENCH_SECONDS=$${UK_BENCH_SECONDS:-10} \
		XEN_KERNELS=debian T=uk-bench $(BED)/layer xen

.PHONY: modules kdir-ok dkms-src deb man sparse clean setup unit kunit qemu xen xen-arm lint cross harness fuzz package check demo bench-net bench-uk soak
