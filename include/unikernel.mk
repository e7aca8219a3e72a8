# SPDX-License-Identifier: GPL-2.0
# A device's unikernel library, freestanding: only the compiler's own
# headers and Xen's public ones, no libc. Set TOP, LIB (the archive's
# name) and SRCS, then include; a unikernel may build the sources its own
# way instead.
#   make [CROSS_COMPILE=aarch64-linux-gnu-] [XEN_INCLUDE=/usr/include] [OUT=dir]
#   make undefined    what the library needs from its host, one a line
include $(TOP)/include/portable.mk
CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
NM := $(CROSS_COMPILE)nm
XEN_INCLUDE ?= /usr/include
OUT ?= build
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdinc \
	  -isystem $(shell $(CC) -print-file-name=include) \
	  -I$(OUT)/include -I. $(PORTABLE_CFLAGS) -DPLATFORM_FREESTANDING
OBJS := $(patsubst %.c,$(OUT)/%.o,$(notdir $(SRCS)))
vpath %.c $(sort $(dir $(SRCS)))

$(OUT)/$(LIB).a: $(OBJS)
	$(AR) rcs $@ $^

# Xen's headers alone: a directory holding just the xen/ link.
$(OUT)/include/xen:
	@mkdir -p $(OUT)/include
	ln -sfn $(XEN_INCLUDE)/xen $@

$(OUT)/%.o: %.c $(wildcard *.h) $(PORTABLE_HEADERS) | $(OUT)/include/xen
	$(CC) $(CFLAGS) -c -o $@ $<

undefined: $(OUT)/$(LIB).a
	@$(NM) --defined-only $< | awk 'NF == 3 { print $$3 }' | sort -u >$(OUT)/defined
	@$(NM) -u $< | awk 'NF >= 2 { print $$NF }' | sort -u | comm -23 - $(OUT)/defined

clean:
	rm -rf $(OUT)

.PHONY: undefined clean
