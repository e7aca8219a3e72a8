// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unikernel's life: from Xen's start_info to a shutdown whose
 * reason says how it went (poweroff when all went well, crash else).
 */
#include "uk.h"
#include "hypercall.h"

start_info_t *uk_start_info;

/*
 * A machine frame of the builder's initial mapping as a pointer: the
 * image is linked at virtual 0, so a frame's virtual address is its
 * pseudo-physical one, which Xen's machine-to-phys table gives.
 */
void *uk_mfn_to_virt(xen_pfn_t mfn)
{
	const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;

	return (void *)(m2p[mfn] << UK_PAGE_SHIFT);
}

void uk_exit(int code)
{
	struct sched_shutdown sd = {
		.reason = code ? SHUTDOWN_crash : SHUTDOWN_poweroff,
	};

	uk_printf("xenrng-uk: exit %d\n", code);
	for (;;)
		uk_sched_op(SCHEDOP_shutdown, &sd);
}

void uk_main(start_info_t *si);
void uk_main(start_info_t *si)
{
	uk_start_info = si;
	uk_console_init();
	uk_printf("xenrng-uk: booted on %s: %lu pages, command line '%s'\n",
		  si->magic, si->nr_pages, (const char *)si->cmd_line);
	uk_exit(0);
}
