// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 lease journal and snapshot: a pure codec.  See journal.h
 * for the format and how the store uses it.
 */
#include <stdint.h>
#include <string.h>

#include "dhcp6/journal.h"
#include "lib/bytes.h"

#define OFF_VERSION	8
#define OFF_KIND	10
#define OFF_GEN		12
#define OFF_HDR_CRC	20

static const char *const err_names[DHCP6_JNL_ERR_MAX] = {
	[DHCP6_JNL_OK] = "ok",
	[DHCP6_JNL_EMPTY] = "empty",
	[DHCP6_JNL_SHORT] = "short",
	[DHCP6_JNL_MAGIC_BAD] = "magic",
	[DHCP6_JNL_VERSION_BAD] = "version",
	[DHCP6_JNL_KIND_BAD] = "kind",
	[DHCP6_JNL_HDR_CRC] = "header-crc",
};

const char *dhcp6_jnl_err_name(enum dhcp6_jnl_err e)
{
	if ((unsigned int)e >= DHCP6_JNL_ERR_MAX)
		return "unknown";
	return err_names[e];
}

/* ---- CRC-32C, reflected polynomial 0x82f63b78, a byte at a time ---- */

static uint32_t crc_table[256];
static bool crc_ready;

static void crc_init(void)
{
	uint32_t i, k, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
		crc_table[i] = c;
	}
	crc_ready = true;
}

uint32_t dhcp6_crc32c(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;

	if (!crc_ready)
		crc_init();
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* ---- records ---- */

static bool ifname_char_ok(uint8_t ch)
{
	/* What the kernel's dev_valid_name() takes, printable. */
	return ch > 0x20 && ch < 0x7f && ch != '/' && ch != ':';
}

/* Bits of a past plen all zero. */
static bool prefix_clean(const struct in6_addr *a, uint8_t plen)
{
	unsigned int i;

	for (i = plen; i < 128; i++)
		if (a->s6_addr[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

static bool lease_valid(const struct dhcp6_jnl_rec *r, size_t ifname_len)
{
	size_t i;

	if (r->type < DHCP6_JNL_ADD || r->type > DHCP6_JNL_DECLINE)
		return false;
	if (r->kind == DHCP6_OPT_IA_NA) {
		if (r->plen != 128)
			return false;
	} else if (r->kind == DHCP6_OPT_IA_PD) {
		if (r->plen < 1 || r->plen > 128 ||
		    !prefix_clean(&r->addr, r->plen))
			return false;
	} else {
		return false;
	}
	if (!dhcp6_duid_valid(r->duid, r->duid_len) ||
	    r->lladdr_len > DHCP6_JNL_LLADDR_MAX ||
	    ifname_len > DHCP6_JNL_IFNAME_MAX)
		return false;
	for (i = 0; i < ifname_len; i++)
		if (!ifname_char_ok((uint8_t)r->ifname[i]))
			return false;
	return true;
}

/* A CRC-checked body into *r: false when it is not valid. */
static bool body_decode(const uint8_t *b, size_t len, struct dhcp6_jnl_rec *r)
{
	size_t d, h, n;

	memset(r, 0, sizeof(*r));
	r->type = b[0];
	if (r->type == DHCP6_JNL_END) {
		static const uint8_t zero[7];

		if (len != DHCP6_JNL_END_LEN || memcmp(b + 1, zero, 7))
			return false;
		r->count = get_be64(b + 8);
		return true;
	}
	if (len < DHCP6_JNL_LEASE_FIXED)
		return false;
	r->kind = b[1];
	r->plen = b[2];
	d = b[3];
	h = b[4];
	n = b[5];
	if (b[6] || b[7] || d > DHCP6_DUID_MAX || h > DHCP6_JNL_LLADDR_MAX ||
	    n > DHCP6_JNL_IFNAME_MAX || len != DHCP6_JNL_LEASE_FIXED + d + h + n)
		return false;
	r->iaid = get_be32(b + 8);
	memcpy(&r->addr, b + 12, 16);
	r->preferred = get_be32(b + 28);
	r->valid = get_be32(b + 32);
	r->expiry = get_be64(b + 36);
	r->duid_len = (uint8_t)d;
	r->lladdr_len = (uint8_t)h;
	memcpy(r->duid, b + 44, d);
	memcpy(r->lladdr, b + 44 + d, h);
	memcpy(r->ifname, b + 44 + d + h, n);
	r->ifname[n] = '\0';
	return lease_valid(r, n);
}

enum rec_state { REC_NONE, REC_VALID, REC_INVALID };

/* Is there a whole record, marker to CRC, at off? Its length in *rlen. */
static enum rec_state try_rec(const uint8_t *buf, size_t len, size_t off,
			      struct dhcp6_jnl_rec *r, size_t *rlen)
{
	size_t left = len - off, blen;
	const uint8_t *p = buf + off;

	if (left < DHCP6_JNL_REC_OVERHEAD || get_be32(p) != DHCP6_JNL_SYNC)
		return REC_NONE;
	blen = get_be16(p + 4);
	if (blen < DHCP6_JNL_END_LEN || blen > DHCP6_JNL_BODY_MAX ||
	    blen + DHCP6_JNL_REC_OVERHEAD > left)
		return REC_NONE;
	if (get_be32(p + 6 + blen) != dhcp6_crc32c(p + 4, 2 + blen))
		return REC_NONE;
	*rlen = blen + DHCP6_JNL_REC_OVERHEAD;
	return body_decode(p + 6, blen, r) ? REC_VALID : REC_INVALID;
}

/*
 * Could the bytes from off to the end be the start of a record that the
 * end cut short?  A marker (as much of it as there is) and, when the
 * length is there, a length in range that runs past the end.
 */
static bool torn(const uint8_t *buf, size_t len, size_t off)
{
	static const uint8_t sync[4] = { 0xa6, 0xed, 0x6a, 0x11 };
	size_t left = len - off, blen;

	if (memcmp(buf + off, sync, left < 4 ? left : 4))
		return false;
	if (left < 6)
		return true;
	blen = get_be16(buf + off + 4);
	return blen >= DHCP6_JNL_END_LEN && blen <= DHCP6_JNL_BODY_MAX &&
	       blen + DHCP6_JNL_REC_OVERHEAD > left;
}

static void damage(struct dhcp6_jnl_report *rep, size_t at, size_t n)
{
	rep->damaged_regions++;
	rep->damaged_bytes += n;
	if (rep->first_damage == SIZE_MAX)
		rep->first_damage = at;
}

enum dhcp6_jnl_err dhcp6_jnl_open(struct dhcp6_jnl_reader *rd,
				  const uint8_t *buf, size_t len)
{
	enum dhcp6_jnl_err e = DHCP6_JNL_OK;

	memset(rd, 0, sizeof(*rd));
	rd->buf = buf;
	rd->len = len;
	rd->off = len;			/* nothing to read, unless... */
	rd->rep.first_damage = SIZE_MAX;
	if (!len)
		e = DHCP6_JNL_EMPTY;
	else if (len < DHCP6_JNL_HDR_LEN)
		e = DHCP6_JNL_SHORT;
	else if (memcmp(buf, DHCP6_JNL_MAGIC, DHCP6_JNL_MAGIC_LEN))
		e = DHCP6_JNL_MAGIC_BAD;
	if (e) {
		if (e != DHCP6_JNL_EMPTY)
			damage(&rd->rep, 0, len);
		rd->rep.header = e;
		return e;
	}
	rd->version = get_be16(buf + OFF_VERSION);
	rd->kind = buf[OFF_KIND];
	rd->generation = get_be64(buf + OFF_GEN);
	if (get_be32(buf + OFF_HDR_CRC) != dhcp6_crc32c(buf, OFF_HDR_CRC)) {
		/*
		 * The header is damaged, not the records, which carry their
		 * own CRC: read them as version 1.
		 */
		e = DHCP6_JNL_HDR_CRC;
		damage(&rd->rep, 0, DHCP6_JNL_HDR_LEN);
	} else if (rd->version != DHCP6_JNL_VERSION) {
		e = DHCP6_JNL_VERSION_BAD;
	} else if (rd->kind != DHCP6_JNL_JOURNAL &&
		   rd->kind != DHCP6_JNL_SNAPSHOT) {
		e = DHCP6_JNL_KIND_BAD;
	}
	rd->rep.header = e;
	if (e == DHCP6_JNL_OK || e == DHCP6_JNL_HDR_CRC)
		rd->off = DHCP6_JNL_HDR_LEN;
	return e;
}

bool dhcp6_jnl_next(struct dhcp6_jnl_reader *rd, struct dhcp6_jnl_rec *r)
{
	struct dhcp6_jnl_report *rep = &rd->rep;
	size_t rlen = 0;

	while (rd->off < rd->len) {
		size_t start = rd->off, p;

		switch (try_rec(rd->buf, rd->len, start, r, &rlen)) {
		case REC_VALID:
			rd->off += rlen;
			rep->good++;
			if (r->type == DHCP6_JNL_END) {
				rep->end_seen = true;
				rep->end_count = r->count;
				rep->end_ok = r->count == rep->leases;
			} else {
				rep->leases++;
			}
			return true;
		case REC_INVALID:
			rd->off += rlen;
			rep->invalid++;
			continue;
		case REC_NONE:
			break;
		}
		/* Damage: resume at the next whole record, if any. */
		for (p = start + 1; p < rd->len; p++) {
			if (rd->buf[p] != 0xa6)
				continue;
			if (try_rec(rd->buf, rd->len, p, r, &rlen) != REC_NONE)
				break;
		}
		if (p == rd->len && torn(rd->buf, rd->len, start))
			rep->torn_tail = rd->len - start;
		damage(rep, start, p - start);
		rd->off = p;
	}
	memset(r, 0, sizeof(*r));
	return false;
}

/* ---- building ---- */

size_t dhcp6_jnl_hdr_build(uint8_t *buf, size_t size, uint8_t kind,
			   uint64_t generation)
{
	if (size < DHCP6_JNL_HDR_LEN)
		return 0;
	memcpy(buf, DHCP6_JNL_MAGIC, DHCP6_JNL_MAGIC_LEN);
	put_be16(buf + OFF_VERSION, DHCP6_JNL_VERSION);
	buf[OFF_KIND] = kind;
	buf[OFF_KIND + 1] = 0;
	put_be64(buf + OFF_GEN, generation);
	put_be32(buf + OFF_HDR_CRC, dhcp6_crc32c(buf, OFF_HDR_CRC));
	return DHCP6_JNL_HDR_LEN;
}

/* Marker, length and CRC around a body of blen bytes at buf + 6. */
static size_t seal(uint8_t *buf, size_t blen)
{
	put_be32(buf, DHCP6_JNL_SYNC);
	put_be16(buf + 4, (uint16_t)blen);
	put_be32(buf + 6 + blen, dhcp6_crc32c(buf + 4, 2 + blen));
	return blen + DHCP6_JNL_REC_OVERHEAD;
}

size_t dhcp6_jnl_rec_build(uint8_t *buf, size_t size,
			   const struct dhcp6_jnl_rec *r)
{
	size_t n = strnlen(r->ifname, sizeof(r->ifname)), blen;
	uint8_t *b = buf + 6;

	if (n > DHCP6_JNL_IFNAME_MAX || !lease_valid(r, n))
		return 0;
	blen = DHCP6_JNL_LEASE_FIXED + r->duid_len + r->lladdr_len + n;
	if (size < blen + DHCP6_JNL_REC_OVERHEAD)
		return 0;
	b[0] = r->type;
	b[1] = r->kind;
	b[2] = r->plen;
	b[3] = r->duid_len;
	b[4] = r->lladdr_len;
	b[5] = (uint8_t)n;
	b[6] = 0;
	b[7] = 0;
	put_be32(b + 8, r->iaid);
	memcpy(b + 12, &r->addr, 16);
	put_be32(b + 28, r->preferred);
	put_be32(b + 32, r->valid);
	put_be64(b + 36, r->expiry);
	memcpy(b + 44, r->duid, r->duid_len);
	memcpy(b + 44 + r->duid_len, r->lladdr, r->lladdr_len);
	memcpy(b + 44 + r->duid_len + r->lladdr_len, r->ifname, n);
	return seal(buf, blen);
}

size_t dhcp6_jnl_end_build(uint8_t *buf, size_t size, uint64_t count)
{
	uint8_t *b = buf + 6;

	if (size < DHCP6_JNL_END_LEN + DHCP6_JNL_REC_OVERHEAD)
		return 0;
	memset(b, 0, DHCP6_JNL_END_LEN);
	b[0] = DHCP6_JNL_END;
	put_be64(b + 8, count);
	return seal(buf, DHCP6_JNL_END_LEN);
}
