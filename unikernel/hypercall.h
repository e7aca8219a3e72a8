/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Hypercalls of a 64-bit PV guest: a call into the stub Xen wrote for
 * each number in hypercall_page. Arguments in rdi, rsi, rdx, r10, r8,
 * the result in rax; the stub's syscall clobbers rcx and r11, and Xen
 * may leave the argument registers changed.
 */
#ifndef UK_HYPERCALL_H
#define UK_HYPERCALL_H

#include "uk.h"

extern char hypercall_page[4096];

#define UK_HC_STR(x) #x
#define UK_HC_CALL(nr) "call hypercall_page + (" UK_HC_STR(nr) " * 32)"

#define uk_hc2(nr, a1, a2)						\
({									\
	long __res;							\
	register unsigned long __d asm("rdi") = (unsigned long)(a1);	\
	register unsigned long __s asm("rsi") = (unsigned long)(a2);	\
	asm volatile (UK_HC_CALL(nr)					\
		      : "=a" (__res), "+r" (__d), "+r" (__s)		\
		      :							\
		      : "rcx", "r11", "rdx", "r10", "r8", "memory");	\
	__res;								\
})

#define uk_hc3(nr, a1, a2, a3)						\
({									\
	long __res;							\
	register unsigned long __d asm("rdi") = (unsigned long)(a1);	\
	register unsigned long __s asm("rsi") = (unsigned long)(a2);	\
	register unsigned long __x asm("rdx") = (unsigned long)(a3);	\
	asm volatile (UK_HC_CALL(nr)					\
		      : "=a" (__res), "+r" (__d), "+r" (__s), "+r" (__x) \
		      :							\
		      : "rcx", "r11", "r10", "r8", "memory");		\
	__res;								\
})

#define uk_hc4(nr, a1, a2, a3, a4)					\
({									\
	long __res;							\
	register unsigned long __d asm("rdi") = (unsigned long)(a1);	\
	register unsigned long __s asm("rsi") = (unsigned long)(a2);	\
	register unsigned long __x asm("rdx") = (unsigned long)(a3);	\
	register unsigned long __t asm("r10") = (unsigned long)(a4);	\
	asm volatile (UK_HC_CALL(nr)					\
		      : "=a" (__res), "+r" (__d), "+r" (__s), "+r" (__x), \
			"+r" (__t)					\
		      :							\
		      : "rcx", "r11", "r8", "memory");			\
	__res;								\
})

static inline long uk_sched_op(int cmd, void *arg)
{
	return uk_hc2(__HYPERVISOR_sched_op, cmd, arg);
}

static inline long uk_event_channel_op(int cmd, void *arg)
{
	return uk_hc2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static inline long uk_grant_table_op(int cmd, void *uop, unsigned int count)
{
	return uk_hc3(__HYPERVISOR_grant_table_op, cmd, uop, count);
}

static inline long uk_update_va_mapping(unsigned long va, u64 pte,
					unsigned long flags)
{
	return uk_hc3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

#endif
