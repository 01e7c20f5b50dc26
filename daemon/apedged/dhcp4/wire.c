// SPDX-License-Identifier: GPL-2.0
/*
 * DHCPv4 messages, their IPv4/UDP frame and ARP: parsing and building.
 * See wire.h.
 *
 * The message parser works in two passes over up to three option areas
 * (the options field, then file, then sname when option 52 says so, the
 * order RFC 2131 §4.1 sets):
 *
 *  1. structure: every area is walked with the bounded cursor; an option
 *     whose length runs past its area is refused, and so is an overload
 *     that is not in the options field or names a field without an end
 *     option (a field "holding no valid options");
 *  2. values: for each option we decode, the values of all its instances
 *     are concatenated in area order (RFC 3396 §5) into one buffer, and
 *     only then is the length checked and the value decoded.
 *
 * Nothing is ever read through a cast; all multi-byte fields go through
 * lib/bytes.h.
 */
#include <string.h>

#include "dhcp4/wire.h"
#include "lib/bytes.h"

/* Offsets into the fixed part (RFC 2131 §2, figure 1). */
#define OFF_OP		0
#define OFF_HTYPE	1
#define OFF_HLEN	2
#define OFF_HOPS	3
#define OFF_XID		4
#define OFF_SECS	8
#define OFF_FLAGS	10
#define OFF_CIADDR	12
#define OFF_YIADDR	16
#define OFF_SIADDR	20
#define OFF_GIADDR	24
#define OFF_CHADDR	28
#define OFF_SNAME	44
#define SNAME_LEN	64
#define OFF_FILE	108
#define FILE_LEN	128
#define OFF_COOKIE	DHCP4_FIXED_LEN
#define OFF_OPTIONS	DHCP4_MIN_LEN

#define FLAG_BROADCAST	0x8000
/* RFC 1542 §3.3: relays may drop BOOTP messages shorter than 300 bytes. */
#define BOOTP_MIN_LEN	300

/* Option codes (RFC 2132 and later). */
#define OPT_PAD		0
#define OPT_MASK	1
#define OPT_ROUTERS	3
#define OPT_DNS		6
#define OPT_HOSTNAME	12
#define OPT_DOMAIN	15
#define OPT_MTU		26
#define OPT_BROADCAST	28
#define OPT_REQUESTED	50
#define OPT_LEASE	51
#define OPT_OVERLOAD	52
#define OPT_TYPE	53
#define OPT_SERVER_ID	54
#define OPT_PRL		55
#define OPT_MESSAGE	56
#define OPT_MAX_SIZE	57
#define OPT_T1		58
#define OPT_T2		59
#define OPT_VENDOR	60
#define OPT_CLIENT_ID	61
#define OPT_SEARCH	119
#define OPT_ROUTES	121
#define OPT_END		255

#define IP_HDR_LEN	20
#define UDP_HDR_LEN	8

static const char *const err_names[DHCP4_ERR_MAX] = {
	[DHCP4_OK] = "ok",
	[DHCP4_ERR_SHORT] = "short",
	[DHCP4_ERR_HTYPE] = "htype",
	[DHCP4_ERR_COOKIE] = "cookie",
	[DHCP4_ERR_OPT_TRUNC] = "opt-trunc",
	[DHCP4_ERR_OPT_LEN] = "opt-len",
	[DHCP4_ERR_OVERLOAD] = "overload",
	[DHCP4_ERR_NO_TYPE] = "no-type",
	[DHCP4_ERR_BAD_TYPE] = "bad-type",
	[DHCP4_ERR_ROUTES] = "routes",
	[DHCP4_ERR_IP] = "ip",
	[DHCP4_ERR_UDP] = "udp",
	[DHCP4_ERR_ARP] = "arp",
	[DHCP4_ERR_LONG] = "long",
};

const char *dhcp4_err_name(enum dhcp4_err e)
{
	if ((unsigned int)e >= DHCP4_ERR_MAX)
		return "unknown";
	return err_names[e];
}

static const char *const type_names[DHCP4_TYPE_MAX + 1] = {
	[DHCP4_NONE] = "NONE",
	[DHCP4_DISCOVER] = "DISCOVER",
	[DHCP4_OFFER] = "OFFER",
	[DHCP4_REQUEST] = "REQUEST",
	[DHCP4_DECLINE] = "DECLINE",
	[DHCP4_ACK] = "ACK",
	[DHCP4_NAK] = "NAK",
	[DHCP4_RELEASE] = "RELEASE",
	[DHCP4_INFORM] = "INFORM",
};

const char *dhcp4_type_name(enum dhcp4_type t)
{
	if ((unsigned int)t > DHCP4_TYPE_MAX)
		return "unknown";
	return type_names[t];
}

/* ---- the message: structure ---- */

struct area {
	const uint8_t *p;
	size_t len;
};

/*
 * Walk one area.  Returns DHCP4_OK and whether an end option was met, or
 * DHCP4_ERR_OPT_TRUNC.  In the options field, *ov_len and *ov_val get
 * option 52's total length and last byte; in file and sname, option 52
 * is an error.  Every area must end with an end option: the options
 * field's missing end is a truncation, file's or sname's an overload
 * that names a field without options.
 */
static enum dhcp4_err walk_area(const struct area *a, bool options_field,
				size_t *ov_len, uint8_t *ov_val, bool *ended)
{
	struct cur c = cur_init(a->p, a->len);

	*ended = false;
	while (cur_left(&c)) {
		uint8_t code = cur_u8(&c), len;
		const uint8_t *v;

		if (code == OPT_PAD)
			continue;
		if (code == OPT_END) {
			*ended = true;
			return DHCP4_OK;
		}
		len = cur_u8(&c);
		v = cur_take(&c, len);
		if (!v)
			return DHCP4_ERR_OPT_TRUNC;
		if (code == OPT_OVERLOAD) {
			if (!options_field)
				return DHCP4_ERR_OVERLOAD;
			*ov_len += len;
			if (len)
				*ov_val = v[len - 1];
		}
	}
	return DHCP4_OK;
}

/*
 * The values of every instance of code, concatenated (RFC 3396).  The
 * areas were walked already, so their structure is sound.  Returns the
 * total length (at most out_size is copied) and sets *present.
 */
static size_t collect(const struct area *ar, unsigned int nar, uint8_t code,
		      uint8_t *out, size_t out_size, bool *present)
{
	size_t n = 0;
	unsigned int i;

	*present = false;
	for (i = 0; i < nar; i++) {
		struct cur c = cur_init(ar[i].p, ar[i].len);

		while (cur_left(&c)) {
			uint8_t oc = cur_u8(&c), len;
			const uint8_t *v;

			if (oc == OPT_PAD)
				continue;
			if (oc == OPT_END)
				break;
			len = cur_u8(&c);
			v = cur_take(&c, len);
			if (!v)
				break;
			if (oc != code)
				continue;
			*present = true;
			if (n + len <= out_size)
				memcpy(out + n, v, len);
			n += len;
		}
	}
	return n;
}

/* ---- the message: values ---- */

static bool addr_list(const uint8_t *v, size_t len, struct in_addr *out,
		      unsigned int max, uint8_t *n)
{
	size_t i;

	if (!len || len % 4)
		return false;
	*n = 0;
	for (i = 0; i + 4 <= len; i += 4) {
		if (*n < max)
			memcpy(&out[(*n)++], v + i, 4);
	}
	return true;
}

static bool name_char_ok(uint8_t ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

/*
 * Option 15: a domain name as text.  Trailing NULs (some servers count
 * them) and one trailing dot go; anything but letters, digits, '-', '_'
 * and dots leaves the domain empty, for it ends up in resolv.conf and in
 * a hook's environment.
 */
static void decode_domain(const uint8_t *v, size_t len, char *out)
{
	size_t i;

	out[0] = '\0';
	while (len && v[len - 1] == '\0')
		len--;
	if (len && v[len - 1] == '.')
		len--;
	if (!len || len > DHCP4_NAME_MAX)
		return;
	for (i = 0; i < len; i++)
		if (!name_char_ok(v[i]) && v[i] != '.')
			return;
	memcpy(out, v, len);
	out[len] = '\0';
}

/* Option 56: printable ASCII kept, the rest shown as '?'. */
static void decode_text(const uint8_t *v, size_t len, char *out, size_t max)
{
	size_t i;

	if (len > max)
		len = max;
	for (i = 0; i < len; i++)
		out[i] = (v[i] >= 0x20 && v[i] < 0x7f) ? (char)v[i] : '?';
	out[len] = '\0';
}

/* A walk never follows more pointers than a name could have labels. */
#define SEARCH_HOPS_MAX	128

/*
 * Option 119 (RFC 3397): a sequence of DNS names in wire form, with
 * RFC 1035 §4.1.4 compression whose pointers are offsets into the
 * (concatenated) option value.  The walk is iterative and bounded: each
 * pointer must point before every position this name has visited, so
 * the walk moves strictly backwards at each jump and cannot loop, and a
 * name may not exceed 255 bytes.  A name with a label holding other than
 * letters, digits, '-' or '_' is skipped; a malformed list refuses the
 * option.
 */
static bool decode_search(const uint8_t *v, size_t len, struct dhcp4_msg *m)
{
	size_t pos = 0;

	m->n_search = 0;
	if (!len)
		return false;
	while (pos < len) {
		char name[DHCP4_NAME_MAX + 1];
		size_t p = pos, low = pos, nlen = 0, wire = 0;
		bool jumped = false, ok = true;
		unsigned int hops = 0;

		for (;;) {
			uint8_t l;

			if (p >= len)
				return false;
			l = v[p];
			if ((l & 0xc0) == 0xc0) {
				size_t to;

				if (p + 1 >= len)
					return false;
				to = (size_t)(l & 0x3f) << 8 | v[p + 1];
				if (to >= low || ++hops > SEARCH_HOPS_MAX)
					return false;
				if (!jumped)
					pos = p + 2;
				jumped = true;
				low = to;
				p = to;
				continue;
			}
			if (l & 0xc0)
				return false;	/* 0x40, 0x80: not in use */
			if (l == 0) {
				if (!jumped)
					pos = p + 1;
				break;
			}
			if (p + 1 + l > len)
				return false;
			wire += 1 + (size_t)l;
			if (wire + 1 > 255)
				return false;
			if (nlen)
				name[nlen++] = '.';
			for (size_t i = 0; i < l; i++) {
				uint8_t ch = v[p + 1 + i];

				if (!name_char_ok(ch))
					ok = false;
				name[nlen++] = (char)ch;
			}
			p += 1 + (size_t)l;
		}
		name[nlen] = '\0';
		if (ok && nlen && m->n_search < DHCP4_SEARCH_MAX)
			memcpy(m->search[m->n_search++], name, nlen + 1);
	}
	return true;
}

/*
 * Option 121 (RFC 3442 §3): entries of a prefix length (0..32), the
 * significant octets of the destination (ceil(plen / 8)) and a router.
 * Bits of the destination beyond plen are cleared.  Entries past
 * DHCP4_ROUTES_MAX are checked but not kept.
 */
static bool decode_routes(const uint8_t *v, size_t len, struct dhcp4_msg *m)
{
	struct cur c = cur_init(v, len);

	m->n_routes = 0;
	if (len < 5)
		return false;
	while (cur_left(&c)) {
		uint8_t plen = cur_u8(&c), dst[4] = { 0 };
		size_t sig = (plen + 7u) / 8u;
		struct dhcp4_route r;
		uint32_t d, mask;

		if (plen > 32)
			return false;
		if (!cur_copy(&c, dst, sig))
			return false;
		if (!cur_copy(&c, &r.gw, 4))
			return false;
		d = get_be32(dst);
		mask = plen ? ~0u << (32 - plen) : 0;
		d &= mask;
		put_be32(dst, d);
		memcpy(&r.dst, dst, 4);
		r.plen = plen;
		if (m->n_routes < DHCP4_ROUTES_MAX)
			m->routes[m->n_routes++] = r;
	}
	return true;
}

static bool in4(const uint8_t *v, size_t len, struct in_addr *a)
{
	if (len != 4)
		return false;
	memcpy(a, v, 4);
	return true;
}

static bool u32(const uint8_t *v, size_t len, uint32_t *x)
{
	if (len != 4)
		return false;
	*x = get_be32(v);
	return true;
}

/* Decode the options we use, from their concatenated values. */
static enum dhcp4_err decode(const struct area *ar, unsigned int nar,
			     struct dhcp4_msg *m)
{
	uint8_t v[DHCP4_MSG_MAX];
	bool has;
	size_t n;

	n = collect(ar, nar, OPT_TYPE, v, sizeof(v), &has);
	if (!has)
		return DHCP4_ERR_NO_TYPE;
	if (n != 1)
		return DHCP4_ERR_OPT_LEN;
	if (v[0] < DHCP4_DISCOVER || v[0] > DHCP4_TYPE_MAX)
		return DHCP4_ERR_BAD_TYPE;
	m->type = (enum dhcp4_type)v[0];

	n = collect(ar, nar, OPT_SERVER_ID, v, sizeof(v), &has);
	if (has && !(m->has_server_id = in4(v, n, &m->server_id)))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_MASK, v, sizeof(v), &has);
	if (has && !(m->has_mask = in4(v, n, &m->mask)))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_LEASE, v, sizeof(v), &has);
	if (has && !(m->has_lease = u32(v, n, &m->lease_s)))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_T1, v, sizeof(v), &has);
	if (has && !(m->has_t1 = u32(v, n, &m->t1_s)))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_T2, v, sizeof(v), &has);
	if (has && !(m->has_t2 = u32(v, n, &m->t2_s)))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_MTU, v, sizeof(v), &has);
	if (has) {
		if (n != 2)
			return DHCP4_ERR_OPT_LEN;
		m->has_mtu = true;
		m->mtu = get_be16(v);
	}
	n = collect(ar, nar, OPT_ROUTERS, v, sizeof(v), &has);
	if (has && !addr_list(v, n, m->routers, DHCP4_ROUTERS_MAX,
			      &m->n_routers))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_DNS, v, sizeof(v), &has);
	if (has && !addr_list(v, n, m->dns, DHCP4_DNS_MAX, &m->n_dns))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_DOMAIN, v, sizeof(v), &has);
	if (has) {
		if (!n)
			return DHCP4_ERR_OPT_LEN;
		decode_domain(v, n, m->domain);
	}
	n = collect(ar, nar, OPT_MESSAGE, v, sizeof(v), &has);
	if (has) {
		if (!n)
			return DHCP4_ERR_OPT_LEN;
		decode_text(v, n, m->message, DHCP4_MESSAGE_MAX);
	}
	/* Options only a client sends, checked so a bad one is refused. */
	n = collect(ar, nar, OPT_BROADCAST, v, sizeof(v), &has);
	if (has && n != 4)
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_REQUESTED, v, sizeof(v), &has);
	if (has && n != 4)
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_MAX_SIZE, v, sizeof(v), &has);
	if (has && n != 2)
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_CLIENT_ID, v, sizeof(v), &has);
	if (has && n < 2)
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_PRL, v, sizeof(v), &has);
	if (has && n < 1)
		return DHCP4_ERR_OPT_LEN;

	n = collect(ar, nar, OPT_SEARCH, v, sizeof(v), &has);
	if (has && !decode_search(v, n, m))
		return DHCP4_ERR_OPT_LEN;
	n = collect(ar, nar, OPT_ROUTES, v, sizeof(v), &has);
	if (has) {
		if (!decode_routes(v, n, m))
			return DHCP4_ERR_ROUTES;
		m->has_routes = true;
	}
	return DHCP4_OK;
}

enum dhcp4_err dhcp4_msg_parse(const uint8_t *buf, size_t len,
			       struct dhcp4_msg *m)
{
	struct area ar[3];
	unsigned int nar = 0;
	size_t ov_len = 0;
	uint8_t ov = 0;
	enum dhcp4_err e;
	bool ended;

	memset(m, 0, sizeof(*m));
	if (len < DHCP4_MIN_LEN)
		return DHCP4_ERR_SHORT;
	if (len > DHCP4_MSG_MAX)
		return DHCP4_ERR_LONG;
	m->op = buf[OFF_OP];
	m->htype = buf[OFF_HTYPE];
	m->hlen = buf[OFF_HLEN];
	m->hops = buf[OFF_HOPS];
	if (m->htype != 1 || m->hlen != 6)
		return DHCP4_ERR_HTYPE;
	m->xid = get_be32(buf + OFF_XID);
	m->secs = get_be16(buf + OFF_SECS);
	m->flags = get_be16(buf + OFF_FLAGS);
	memcpy(&m->ciaddr, buf + OFF_CIADDR, 4);
	memcpy(&m->yiaddr, buf + OFF_YIADDR, 4);
	memcpy(&m->siaddr, buf + OFF_SIADDR, 4);
	memcpy(&m->giaddr, buf + OFF_GIADDR, 4);
	memcpy(m->chaddr, buf + OFF_CHADDR, sizeof(m->chaddr));
	if (get_be32(buf + OFF_COOKIE) != DHCP4_MAGIC)
		return DHCP4_ERR_COOKIE;

	ar[nar++] = (struct area){ buf + OFF_OPTIONS, len - OFF_OPTIONS };
	e = walk_area(&ar[0], true, &ov_len, &ov, &ended);
	if (e)
		return e;
	if (!ended)	/* the list runs past the message */
		return DHCP4_ERR_OPT_TRUNC;
	if (ov_len) {
		/* RFC 2132 §9.3: one byte, 1 file, 2 sname, 3 both. */
		if (ov_len != 1 || ov < 1 || ov > 3)
			return DHCP4_ERR_OVERLOAD;
		m->overload = ov;
		if (ov & 1)
			ar[nar++] = (struct area){ buf + OFF_FILE, FILE_LEN };
		if (ov & 2)
			ar[nar++] = (struct area){ buf + OFF_SNAME, SNAME_LEN };
		for (unsigned int i = 1; i < nar; i++) {
			e = walk_area(&ar[i], false, &ov_len, &ov, &ended);
			if (e)
				return e;
			if (!ended)
				return DHCP4_ERR_OVERLOAD;
		}
	}
	return decode(ar, nar, m);
}

/* ---- the message: building ---- */

struct wbuf {
	uint8_t *p;
	size_t size, len;
	bool err;
};

static void put(struct wbuf *w, const void *v, size_t n)
{
	if (w->err || n > w->size - w->len) {
		w->err = true;
		return;
	}
	memcpy(w->p + w->len, v, n);
	w->len += n;
}

static void put_opt(struct wbuf *w, uint8_t code, const void *v, size_t n)
{
	uint8_t h[2] = { code, (uint8_t)n };

	if (n > 255) {
		w->err = true;
		return;
	}
	put(w, h, 2);
	put(w, v, n);
}

static void put_opt_u32(struct wbuf *w, uint8_t code, uint32_t x)
{
	uint8_t v[4];

	put_be32(v, x);
	put_opt(w, code, v, 4);
}

size_t dhcp4_msg_build(uint8_t *buf, size_t size, const struct dhcp4_build *b)
{
	struct wbuf w = { .p = buf, .size = size };
	uint8_t fixed[DHCP4_MIN_LEN] = { 0 }, t = (uint8_t)b->type;
	/* RFC 2131 table 5: what each type MUST NOT carry. */
	bool req_ok = b->type != DHCP4_RELEASE && b->type != DHCP4_INFORM;
	bool lease_ok = b->type == DHCP4_DISCOVER || b->type == DHCP4_REQUEST;
	bool sid_ok = b->type != DHCP4_DISCOVER && b->type != DHCP4_INFORM;
	bool params_ok = b->type != DHCP4_DECLINE && b->type != DHCP4_RELEASE;

	if (b->type < DHCP4_DISCOVER || b->type > DHCP4_TYPE_MAX)
		return 0;
	fixed[OFF_OP] = 1;
	fixed[OFF_HTYPE] = 1;
	fixed[OFF_HLEN] = 6;
	put_be32(fixed + OFF_XID, b->xid);
	put_be16(fixed + OFF_SECS, b->secs);
	put_be16(fixed + OFF_FLAGS, b->broadcast ? FLAG_BROADCAST : 0);
	memcpy(fixed + OFF_CIADDR, &b->ciaddr, 4);
	memcpy(fixed + OFF_CHADDR, b->mac, 6);
	put_be32(fixed + OFF_COOKIE, DHCP4_MAGIC);
	put(&w, fixed, sizeof(fixed));

	put_opt(&w, OPT_TYPE, &t, 1);
	if (b->client_id_len)
		put_opt(&w, OPT_CLIENT_ID, b->client_id, b->client_id_len);
	if (req_ok && b->requested.s_addr)
		put_opt(&w, OPT_REQUESTED, &b->requested, 4);
	if (sid_ok && b->server_id.s_addr)
		put_opt(&w, OPT_SERVER_ID, &b->server_id, 4);
	if (lease_ok && b->lease_s)
		put_opt_u32(&w, OPT_LEASE, b->lease_s);
	if (params_ok && b->max_size) {
		uint8_t v[2];

		put_be16(v, b->max_size);
		put_opt(&w, OPT_MAX_SIZE, v, 2);
	}
	if (params_ok && b->prl_len)
		put_opt(&w, OPT_PRL, b->prl, b->prl_len);
	if (params_ok && b->vendor_class && *b->vendor_class)
		put_opt(&w, OPT_VENDOR, b->vendor_class,
			strlen(b->vendor_class));
	if (params_ok && b->hostname && *b->hostname)
		put_opt(&w, OPT_HOSTNAME, b->hostname, strlen(b->hostname));
	if (!params_ok && b->message && *b->message)
		put_opt(&w, OPT_MESSAGE, b->message, strlen(b->message));
	put(&w, (uint8_t[]){ OPT_END }, 1);
	while (!w.err && w.len < BOOTP_MIN_LEN)
		put(&w, (uint8_t[]){ OPT_PAD }, 1);
	return w.err ? 0 : w.len;
}

/* ---- IPv4 and UDP ---- */

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get_be16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t pseudo_sum(const uint8_t *src, const uint8_t *dst,
			   size_t udp_len)
{
	uint32_t sum = 0;

	sum = csum_add(sum, src, 4);
	sum = csum_add(sum, dst, 4);
	sum += 17;
	sum += (uint32_t)udp_len;
	return sum;
}

size_t dhcp4_frame_build(uint8_t *buf, size_t size, struct in_addr src,
			 struct in_addr dst, uint16_t sport, uint16_t dport,
			 const uint8_t *payload, size_t len)
{
	size_t total = IP_HDR_LEN + UDP_HDR_LEN + len;
	uint8_t *ip = buf, *udp = buf + IP_HDR_LEN;
	uint16_t sum;

	if (len > 0xffff - IP_HDR_LEN - UDP_HDR_LEN || total > size)
		return 0;
	memset(buf, 0, IP_HDR_LEN + UDP_HDR_LEN);
	ip[0] = 0x45;
	put_be16(ip + 2, (uint16_t)total);
	ip[8] = 64;			/* TTL */
	ip[9] = 17;			/* UDP */
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	put_be16(ip + 10, csum_fold(csum_add(0, ip, IP_HDR_LEN)));

	put_be16(udp, sport);
	put_be16(udp + 2, dport);
	put_be16(udp + 4, (uint16_t)(UDP_HDR_LEN + len));
	memmove(udp + UDP_HDR_LEN, payload, len);
	sum = csum_fold(csum_add(pseudo_sum(ip + 12, ip + 16,
					    UDP_HDR_LEN + len),
				 udp, UDP_HDR_LEN + len));
	put_be16(udp + 6, sum ? sum : 0xffff);
	return total;
}

enum dhcp4_err dhcp4_frame_parse(const uint8_t *buf, size_t len,
				 uint16_t sport, uint16_t dport,
				 struct in_addr *src, const uint8_t **payload,
				 size_t *plen)
{
	size_t ihl, total, ulen;
	const uint8_t *udp;

	if (len < IP_HDR_LEN || buf[0] >> 4 != 4)
		return DHCP4_ERR_IP;
	ihl = (size_t)(buf[0] & 0x0f) * 4;
	total = get_be16(buf + 2);
	if (ihl < IP_HDR_LEN || ihl > len || total < ihl || total > len)
		return DHCP4_ERR_IP;
	if (csum_fold(csum_add(0, buf, ihl)) != 0)
		return DHCP4_ERR_IP;
	/* No fragment: MF clear and offset zero. */
	if (get_be16(buf + 6) & 0x3fff)
		return DHCP4_ERR_IP;
	if (buf[9] != 17)
		return DHCP4_ERR_IP;
	if (total - ihl < UDP_HDR_LEN)
		return DHCP4_ERR_UDP;
	udp = buf + ihl;
	ulen = get_be16(udp + 4);
	if (get_be16(udp) != sport || get_be16(udp + 2) != dport ||
	    ulen < UDP_HDR_LEN || ulen > total - ihl)
		return DHCP4_ERR_UDP;
	if (get_be16(udp + 6) &&
	    csum_fold(csum_add(pseudo_sum(buf + 12, buf + 16, ulen),
			       udp, ulen)) != 0)
		return DHCP4_ERR_UDP;
	if (src)
		memcpy(src, buf + 12, 4);
	*payload = udp + UDP_HDR_LEN;
	*plen = ulen - UDP_HDR_LEN;
	return DHCP4_OK;
}

/* ---- ARP ---- */

enum dhcp4_err dhcp4_arp_parse(const uint8_t *buf, size_t len,
			       struct dhcp4_arp *a)
{
	struct cur c = cur_init(buf, len);
	uint16_t htype = cur_be16(&c), ptype = cur_be16(&c);
	uint8_t hlen = cur_u8(&c), plen = cur_u8(&c);

	memset(a, 0, sizeof(*a));
	a->op = cur_be16(&c);
	cur_copy(&c, a->sha, 6);
	cur_copy(&c, &a->spa, 4);
	cur_copy(&c, a->tha, 6);
	cur_copy(&c, &a->tpa, 4);
	if (!cur_ok(&c) || htype != 1 || ptype != 0x0800 || hlen != 6 ||
	    plen != 4 ||
	    (a->op != DHCP4_ARP_REQUEST && a->op != DHCP4_ARP_REPLY))
		return DHCP4_ERR_ARP;
	return DHCP4_OK;
}

size_t dhcp4_arp_build(uint8_t *buf, size_t size, const struct dhcp4_arp *a)
{
	if (size < DHCP4_ARP_LEN)
		return 0;
	put_be16(buf, 1);
	put_be16(buf + 2, 0x0800);
	buf[4] = 6;
	buf[5] = 4;
	put_be16(buf + 6, a->op);
	memcpy(buf + 8, a->sha, 6);
	memcpy(buf + 14, &a->spa, 4);
	memcpy(buf + 18, a->tha, 6);
	memcpy(buf + 24, &a->tpa, 4);
	return DHCP4_ARP_LEN;
}
