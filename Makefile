# SPDX-License-Identifier: GPL-2.0
#
#   make               build the kernel modules for ARCH against KDIR
#   make demo          boot Xen in QEMU with dom0 and a guest; show what runs
#   make check         install what is missing, run every test layer
#   make unit|kunit|qemu|xen|lint|cross   one layer
#   make setup         install packages (Debian 12, root)
#
# ARCH: x86_64 (default), arm64 or arm (armhf). KDIR defaults to Debian's
# headers for that ARCH from the test bed's cache; any kernel build dir
# works, for example KDIR=/lib/modules/$(uname -r)/build on a real host.

ARCH ?= x86_64
BED := tests/bed
OUT := $(CURDIR)/build

KABI = $(shell $(BED)/kabi)

ifeq ($(ARCH),x86_64)
  KARCH := x86
  CROSS :=
  KDIR ?= /usr/src/linux-headers-$(KABI)-amd64
else ifeq ($(ARCH),arm64)
  KARCH := arm64
  CROSS := aarch64-linux-gnu-
  KDIR ?= $(shell $(BED)/cross-headers arm64)
else ifeq ($(ARCH),arm)
  KARCH := arm
  CROSS := arm-linux-gnueabihf-
  KDIR ?= $(shell $(BED)/cross-headers arm)
  # A prepared source tree has no Module.symvers: unresolved is expected.
  KBUILD_EXTRA := KBUILD_MODPOST_WARN=1
else
  $(error unknown ARCH=$(ARCH): expected x86_64, arm64 or arm)
endif

MODDIR := $(OUT)/modules-$(ARCH)
SRCS := Kbuild include entropy drivers
KMAKE = $(MAKE) -s -C $(KDIR) M=$(MODDIR) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS) \
	W=1 $(KBUILD_EXTRA)

modules: kdir-ok
	@mkdir -p $(MODDIR)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' $(SRCS) $(MODDIR)/ 2>/dev/null || \
		rsync -a $(SRCS) $(MODDIR)/
	@$(KMAKE) modules
	@ls $(MODDIR)/*.ko | sed 's|^|built: |'

kdir-ok:
	@test -n "$(KDIR)" -a -f "$(KDIR)/Makefile" || { \
	  echo "error: KDIR='$(KDIR)' is not a kernel build directory;" \
	       "install headers with 'make setup' or pass KDIR=<dir>" >&2; exit 1; }
	@command -v $(CROSS)gcc >/dev/null || { \
	  echo "error: compiler $(CROSS)gcc not found; run 'make setup'" >&2; exit 1; }

sparse: kdir-ok modules
	@$(KMAKE) C=2 modules

clean:
	rm -rf $(OUT)

setup:
	$(BED)/setup

unit kunit qemu xen lint cross harness:
	@$(BED)/layer $@

check:
	@$(BED)/check

demo:
	@$(BED)/setup
	@tests/xen/demo

.PHONY: modules kdir-ok sparse clean setup unit kunit qemu xen lint cross harness check demo
