// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Memory: pages the kernel hands out (whole, page aligned, never freed:
 * a unikernel's devices live as long as it does), their machine frames
 * (start_info's phys-to-machine list: the builder's mapping is virtual =
 * pseudo-physical), and a foreign frame put in place of a page of the
 * image (the shared info page, the grant table's frames).
 */
#include "uk.h"
#include "hypercall.h"

#define UK_POOL_PAGES 128	/* the devices' rings and buffers, and room */

static u8 uk_pool[UK_POOL_PAGES][UK_PAGE_SIZE] __attribute__((__aligned__(4096)));
static unsigned int uk_pool_used;

void *uk_page_alloc(void)
{
	void *p;

	if (uk_pool_used == UK_POOL_PAGES)
		return NULL;
	p = uk_pool[uk_pool_used++];
	memset(p, 0, UK_PAGE_SIZE);
	return p;
}

xen_pfn_t uk_virt_to_mfn(const void *va)
{
	const unsigned long *p2m = (const unsigned long *)uk_start_info->mfn_list;

	return p2m[(unsigned long)va >> UK_PAGE_SHIFT];
}

/* Present, writable, the guest kernel's (PV kernels run in ring 3). */
#define UK_PTE_FLAGS 0x67

int uk_map_frame(void *va, xen_pfn_t mfn)
{
	u64 pte = ((u64)mfn << UK_PAGE_SHIFT) | UK_PTE_FLAGS;

	return (int)uk_update_va_mapping((unsigned long)va, pte, UVMF_INVLPG);
}
