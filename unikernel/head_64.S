/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The PV entry: what Xen's domain builder reads from the image (its ELF
 * notes), the page it fills with hypercall stubs, and the first
 * instructions. Xen starts the vCPU at _start with %rsi pointing at
 * start_info and the image mapped where it was linked (virtual base 0),
 * interrupts (event upcalls) masked, and no stack of ours yet.
 */
#include <xen/elfnote.h>

#define XEN_NOTE(type, kind, value)		\
	.pushsection .note.Xen, "a", @note;	\
	.balign 4;				\
	.long 2f - 1f;				\
	.long 4f - 3f;				\
	.long type;				\
1:	.asciz "Xen";				\
2:	.balign 4;				\
3:	kind value;				\
4:	.balign 4;				\
	.popsection

XEN_NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "xenrng-uk")
XEN_NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
XEN_NOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
XEN_NOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0)
XEN_NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
XEN_NOTE(XEN_ELFNOTE_ENTRY, .quad, _start)
XEN_NOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)

	.text
	.globl _start
_start:
	cld
	leaq	uk_stack_top(%rip), %rsp
	movq	%rsi, %rdi		/* uk_main(start_info) */
	call	uk_main
	/* uk_main shuts the domain down; should that ever return, spin */
1:	jmp	1b

	/* Xen writes 32-byte stubs here: "call hypercall_page + nr * 32" */
	.balign 4096
	.globl hypercall_page
hypercall_page:
	.fill	4096, 1, 0

	.bss
	.balign 16
	.globl uk_stack_top
uk_stack:
	.fill	16384, 1, 0
uk_stack_top:
