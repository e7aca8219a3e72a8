/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Xen's netif.h for the portable netfront code, under the kernel's names.
 * The protocol is that header (include/xen/interface/io/netif.h in Linux,
 * xen/io/netif.h in Xen's public headers): this file only maps Xen's
 * names onto Linux's, which prefix them with XEN_/xen_, so that one
 * source builds in both.
 */
#ifndef XNF_NETIF_H
#define XNF_NETIF_H

#include <platform/platform.h>

#ifdef __KERNEL__
#include <xen/interface/io/netif.h>
#else
#include <xen/io/netif.h>

#define xen_netif_tx_request netif_tx_request
#define xen_netif_tx_response netif_tx_response
#define xen_netif_rx_request netif_rx_request
#define xen_netif_rx_response netif_rx_response
#define xen_netif_extra_info netif_extra_info
#define xen_netif_tx_sring netif_tx_sring
#define xen_netif_rx_sring netif_rx_sring
#define xen_netif_tx_front_ring netif_tx_front_ring
#define xen_netif_rx_front_ring netif_rx_front_ring
#define xen_netif_tx_back_ring netif_tx_back_ring
#define xen_netif_rx_back_ring netif_rx_back_ring

#define XEN_NETTXF_csum_blank NETTXF_csum_blank
#define XEN_NETTXF_data_validated NETTXF_data_validated
#define XEN_NETTXF_more_data NETTXF_more_data
#define XEN_NETTXF_extra_info NETTXF_extra_info
#define XEN_NETRXF_data_validated NETRXF_data_validated
#define XEN_NETRXF_csum_blank NETRXF_csum_blank
#define XEN_NETRXF_more_data NETRXF_more_data
#define XEN_NETRXF_extra_info NETRXF_extra_info
#define XEN_NETRXF_gso_prefix NETRXF_gso_prefix
#define XEN_NETIF_RSP_DROPPED NETIF_RSP_DROPPED
#define XEN_NETIF_RSP_ERROR NETIF_RSP_ERROR
#define XEN_NETIF_RSP_OKAY NETIF_RSP_OKAY
#define XEN_NETIF_RSP_NULL NETIF_RSP_NULL
#endif

/* Ring pages are 4 KiB on every Xen architecture (XEN_PAGE_SIZE). */
#define XNF_PAGE_SIZE 4096U
#define XNF_TX_RING_SIZE __CONST_RING_SIZE(xen_netif_tx, XNF_PAGE_SIZE)
#define XNF_RX_RING_SIZE __CONST_RING_SIZE(xen_netif_rx, XNF_PAGE_SIZE)

/*
 * Data slots of one packet, at most: the number every backend must
 * accept (netif.h); Linux's netback drops more and disconnects a
 * frontend that sends over 20.
 */
#define XNF_MAX_SLOTS XEN_NETIF_NR_SLOTS_MIN

/* An index the backend writes, read once (the caller then orders). */
static inline RING_IDX xnf_read_idx(const RING_IDX *p)
{
	return plat_read_u32(p);
}

#endif
