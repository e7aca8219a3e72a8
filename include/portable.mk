# SPDX-License-Identifier: GPL-2.0
# The portable code for user-space builds (tests, tools, the unikernel
# libraries), the way Kbuild passes it to the kernel build: include paths
# by name, no "../" includes. Set TOP to the tree's root, then include.
PORTABLE_DIRS := $(TOP)/entropy/core/portable $(TOP)/entropy/vrng/portable \
		 $(TOP)/drivers/portable $(TOP)/netfront/portable
PORTABLE_CFLAGS := -I$(TOP)/include $(addprefix -I,$(PORTABLE_DIRS))
PORTABLE_HEADERS := $(wildcard $(TOP)/include/*/*.h \
			$(TOP)/include/xen/interface/io/*.h \
			$(addsuffix /*.h,$(PORTABLE_DIRS)))
ENT_CORE_SRCS := $(wildcard $(TOP)/entropy/core/portable/*.c)
VRNG_SRCS := $(wildcard $(TOP)/entropy/vrng/portable/*.c)
NETFRONT_SRCS := $(wildcard $(TOP)/netfront/portable/*.c)
