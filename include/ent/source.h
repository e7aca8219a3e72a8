/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a raw entropy source hands samples to the entropy core (ent-core).
 *
 * A source declares the assessed min-entropy H of one 8-bit raw sample
 * (health-test cutoffs follow from it) and its quality: credited bits per
 * 1024 input bits, 0..1024. Quality 0 means "mix, never credit". Sources
 * either give a read() callback that the core's pull thread calls when the
 * pool wants input, or push with ent_source_feed(), usually through a feed
 * device that rngd writes to.
 */
#ifndef ENT_SOURCE_H
#define ENT_SOURCE_H

#include <linux/types.h>

#define ENT_SOURCE_NAME_MAX 24

struct ent_source;

struct ent_source_info {
	const char *name;
	unsigned int h;
	unsigned int quality;
	/*
	 * Fills buf with up to len raw bytes; returns the count or -errno.
	 * May lower *quality for this batch (the core caps it anyway).
	 */
	int (*read)(struct ent_source *src, u8 *buf, size_t len,
		    unsigned int *quality);
	void *priv;
};

struct ent_source *ent_source_register(const struct ent_source_info *info);
void ent_source_unregister(struct ent_source *src);
u32 ent_source_feed(struct ent_source *src, const u8 *buf, size_t len,
		    unsigned int quality);
void ent_source_fail(struct ent_source *src);
void *ent_source_priv(const struct ent_source *src);
u32 ent_available_bits(void);
bool ent_wants_input(void);

/*
 * A push source together with the device that rngd fills (RNDADDENTROPY);
 * destroying the device unregisters the source. See
 * entropy/core/linux/ent_pushdev.c.
 */
struct ent_pushdev;
struct module;
struct ent_pushdev *ent_pushdev_create(const struct ent_source_info *info,
				       const char *devname,
				       struct module *owner);
void ent_pushdev_destroy(struct ent_pushdev *pd);

#endif
