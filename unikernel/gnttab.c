// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The grant table (version 1): one frame, 512 entries, mapped over a
 * page of the image. Entries 0-7 are the toolstack's (console, xenstore);
 * the kernel hands out the rest and takes one back only when the other
 * domain is neither reading nor writing it, as the entry's flags say.
 */
#include "uk.h"
#include "hypercall.h"
#include <xen/grant_table.h>

#define UK_GNT_FIRST 8
#define UK_GNT_COUNT (UK_PAGE_SIZE / sizeof(grant_entry_v1_t))

static u8 uk_gnt_page[UK_PAGE_SIZE] __attribute__((__aligned__(4096)));
static grant_entry_v1_t *uk_gnt;
static bool uk_gnt_used[UK_GNT_COUNT];

int uk_gnttab_init(void)
{
	unsigned long frame;
	struct gnttab_setup_table op = {
		.dom = DOMID_SELF,
		.nr_frames = 1,
	};
	int err;

	set_xen_guest_handle(op.frame_list, &frame);
	err = (int)uk_grant_table_op(GNTTABOP_setup_table, &op, 1);
	if (err || op.status != GNTST_okay)
		return err ? err : -EIO;
	err = uk_map_frame(uk_gnt_page, frame);
	if (!err)
		uk_gnt = (grant_entry_v1_t *)uk_gnt_page;
	return err;
}

/* domid may read and write the page at va: 0 and its reference, or -errno. */
int uk_grant(domid_t domid, const void *va, u32 *gref)
{
	u32 ref;

	if (!uk_gnt)
		return -ENODEV;
	for (ref = UK_GNT_FIRST; ref < UK_GNT_COUNT && uk_gnt_used[ref]; ref++)
		;
	if (ref == UK_GNT_COUNT)
		return -ENOSPC;
	uk_gnt_used[ref] = true;
	uk_gnt[ref].domid = domid;
	uk_gnt[ref].frame = (u32)uk_virt_to_mfn(va);
	xen_wmb();	/* the frame and domain before the permission */
	uk_gnt[ref].flags = GTF_permit_access;
	*gref = ref;
	return 0;
}

/*
 * Ends a grant: false while the other domain still uses it (the entry
 * then stays its, and the page with it).
 */
bool uk_ungrant(u32 gref)
{
	u16 flags;

	if (!uk_gnt || gref < UK_GNT_FIRST || gref >= UK_GNT_COUNT || !uk_gnt_used[gref])
		return false;
	flags = __atomic_load_n(&uk_gnt[gref].flags, __ATOMIC_ACQUIRE);
	do {
		if (flags & (GTF_reading | GTF_writing))
			return false;
	} while (!__atomic_compare_exchange_n(&uk_gnt[gref].flags, &flags, 0,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_ACQUIRE));
	uk_gnt_used[gref] = false;
	return true;
}
