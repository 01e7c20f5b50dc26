// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp4/wire.c: DHCP messages, their IPv4/UDP frame and ARP, from byte
 * vectors: a server's ACK as dnsmasq sends it, RFC 3442's and RFC 3397's
 * own examples, RFC 3396 split options, option overload, every
 * truncation, and hostile input.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp4/wire.h"
#include "ut.h"

static uint32_t ip(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

/*
 * A DHCPACK as dnsmasq 2.89 sends it for a REQUEST from 52:54:00:12:34:56
 * (xid 0x3903f326): yiaddr 192.168.10.57; options 53, 54, 51, 58, 59, 1,
 * 28, 3, 6, 15 in dnsmasq's order, then end.
 */
static const char dnsmasq_ack[] =
	"020106003903f3260000000000000000c0a80a39c0a80a010000000052540012"
	"3456000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"000000000000000000000000638253633501053604c0a80a01330400000e103a"
	"04000007083b0400000c4e0104ffffff001c04c0a80aff0304c0a80a010604c0"
	"a80a010f036c616eff";

/*
 * A reply from its parts: the fixed part of dnsmasq_ack (its 236 bytes)
 * with sname and file given, the cookie, then the options.
 */
static size_t mk(uint8_t *buf, const char *sname, const char *file,
		 const char *opts)
{
	size_t n = ut_hex(buf, dnsmasq_ack);

	(void)n;
	memset(buf + 44, 0, 64 + 128);
	if (sname)
		ut_hex(buf + 44, sname);
	if (file)
		ut_hex(buf + 108, file);
	return 240 + ut_hex(buf + 240, opts);
}

UT_CASE(dnsmasq_ack_decoded)
{
	static uint8_t buf[2048];
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	struct dhcp4_msg m;
	size_t n = ut_hex(buf, dnsmasq_ack);

	UT_ASSERT(n == 297);
	UT_ASSERT(dhcp4_msg_parse(buf, n, &m) == DHCP4_OK);
	UT_EXPECT(m.op == 2);
	UT_EXPECT(m.xid == 0x3903f326);
	UT_EXPECT(m.type == DHCP4_ACK);
	UT_EXPECT(!memcmp(m.chaddr, mac, 6));
	UT_EXPECT(m.yiaddr.s_addr == ip("192.168.10.57"));
	UT_EXPECT(m.siaddr.s_addr == ip("192.168.10.1"));
	UT_EXPECT(m.has_server_id && m.server_id.s_addr == ip("192.168.10.1"));
	UT_EXPECT(m.has_lease && m.lease_s == 3600);
	UT_EXPECT(m.has_t1 && m.t1_s == 1800);
	UT_EXPECT(m.has_t2 && m.t2_s == 3150);
	UT_EXPECT(m.has_mask && m.mask.s_addr == ip("255.255.255.0"));
	UT_EXPECT(m.n_routers == 1 && m.routers[0].s_addr == ip("192.168.10.1"));
	UT_EXPECT(m.n_dns == 1 && m.dns[0].s_addr == ip("192.168.10.1"));
	UT_EXPECT_STR(m.domain, "lan");
	UT_EXPECT(!m.has_routes && !m.has_mtu && !m.n_search && !m.overload);
}

/* Every proper prefix of the ACK is refused, and never read past. */
UT_CASE(every_truncation)
{
	static uint8_t full[2048];
	size_t n = ut_hex(full, dnsmasq_ack), len;
	struct dhcp4_msg m;

	for (len = 0; len < n; len++) {
		/* A heap copy of exactly len bytes: ASan sees a read past. */
		uint8_t *b = malloc(len ? len : 1);
		enum dhcp4_err e;

		memcpy(b, full, len);
		e = dhcp4_msg_parse(b, len, &m);
		if (len < DHCP4_MIN_LEN)
			UT_EXPECT(e == DHCP4_ERR_SHORT);
		else
			UT_EXPECT(e == DHCP4_ERR_OPT_TRUNC);
		free(b);
	}
}

UT_CASE(fixed_part_refusals)
{
	static uint8_t buf[2048];
	struct dhcp4_msg m;
	size_t n = ut_hex(buf, dnsmasq_ack);

	buf[1] = 6;			/* IEEE 802 */
	UT_EXPECT(dhcp4_msg_parse(buf, n, &m) == DHCP4_ERR_HTYPE);
	buf[1] = 1;
	buf[2] = 8;
	UT_EXPECT(dhcp4_msg_parse(buf, n, &m) == DHCP4_ERR_HTYPE);
	buf[2] = 6;
	buf[239] = 0x64;
	UT_EXPECT(dhcp4_msg_parse(buf, n, &m) == DHCP4_ERR_COOKIE);
}

UT_CASE(option_lengths)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	/* mask of 3 bytes */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0103ffffff ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	/* type of 2 bytes, type 9, type 0, no type */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "35020505 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350109 ff"), &m) ==
		  DHCP4_ERR_BAD_TYPE);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350100 ff"), &m) ==
		  DHCP4_ERR_BAD_TYPE);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "3604c0a80a01 ff"), &m) ==
		  DHCP4_ERR_NO_TYPE);
	/* server id 5, lease 3, T1 2, MTU 1, routers 6, DNS 0 */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 3605c0a80a0101 ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 3303000e10 ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 3a020708 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 1a0105 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0306c0a80a010101 ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0600 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	/* an option whose length runs past the end */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0f09616263"), &m) ==
		  DHCP4_ERR_OPT_TRUNC);
	/* no end option */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105"), &m) ==
		  DHCP4_ERR_OPT_TRUNC);
	/* pads around, an unknown option skipped, MTU read */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "00 350105 00 e003010203 "
					"1a0205dc ff 0000"), &m) == DHCP4_OK);
	UT_EXPECT(m.has_mtu && m.mtu == 1500);
}

/*
 * RFC 3442 §3's table of destination descriptors, each with a router,
 * in one option 121.
 */
UT_CASE(rfc3442_examples)
{
	static uint8_t b[2048];
	static const struct {
		const char *dst;
		uint8_t plen;
	} want[] = {
		{ "0.0.0.0", 0 }, { "10.0.0.0", 8 }, { "10.0.0.0", 24 },
		{ "10.17.0.0", 16 }, { "10.27.129.0", 24 },
		{ "10.229.0.128", 25 }, { "10.198.122.47", 32 },
	};
	struct dhcp4_msg m;
	size_t i;

	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 79"
		"34"			/* 52 bytes */
		"00 c0a80a01"
		"080a c0a80a02"
		"180a0000 c0a80a03"
		"100a11 c0a80a04"
		"180a1b81 c0a80a05"
		"190ae50080 c0a80a06"
		"200ac67a2f c0a80a07"
		" ff"), &m) == DHCP4_OK);
	UT_ASSERT(m.has_routes && m.n_routes == 7);
	for (i = 0; i < 7; i++) {
		UT_EXPECT(m.routes[i].dst.s_addr == ip(want[i].dst));
		UT_EXPECT(m.routes[i].plen == want[i].plen);
		UT_EXPECT(ntohl(m.routes[i].gw.s_addr) ==
			  (ntohl(ip("192.168.10.0")) | (uint32_t)(i + 1)));
	}
}

UT_CASE(rfc3442_invalid)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	/* plen 33 */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7909 210a000000 "
					"c0a80a01 ff"), &m) == DHCP4_ERR_ROUTES);
	/* a router cut short */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7905 080a c0a80a ff"),
				  &m) == DHCP4_ERR_ROUTES);
	/* shorter than the smallest entry */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7904 00c0a80a ff"),
				  &m) == DHCP4_ERR_ROUTES);
	/* the second entry's descriptor cut short */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7908 00c0a80a01 "
					"180a00 ff"), &m) == DHCP4_ERR_ROUTES);
	/* bits past plen are cleared: 10.1.2.3/8 is 10.0.0.0/8 */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7906 080a c0a80a01 "
					"ff"), &m) == DHCP4_OK);
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7909 200a010203 "
					"00000000 ff"), &m) == DHCP4_OK);
	UT_EXPECT(m.routes[0].dst.s_addr == ip("10.1.2.3") &&
		  m.routes[0].gw.s_addr == 0);
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7907 090a81 c0a80a01 "
					"ff"), &m) == DHCP4_OK);
	UT_EXPECT(m.routes[0].dst.s_addr == ip("10.128.0.0"));
}

/* RFC 3397 §3's example: two names, split over three options. */
UT_CASE(rfc3397_example)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 "
		"7709 03656e6705617070 6c"
		"7709 6503636f6d00096d61"
		"7709 726b6574696e67c004 ff"), &m) == DHCP4_OK);
	UT_ASSERT(m.n_search == 2);
	UT_EXPECT_STR(m.search[0], "eng.apple.com");
	UT_EXPECT_STR(m.search[1], "marketing.apple.com");
}

UT_CASE(rfc3397_hostile)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	/* a pointer to itself */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7702 c000 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	/* a pointer forward */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7706 c002 01610000 "
					"ff"), &m) == DHCP4_ERR_OPT_LEN);
	/* a pointer back into a name of its own */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7704 0161c000 ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	/*
	 * A loop of pointers that each point backward: the first name is a
	 * label of three bytes (c0 00 00, skipped as a name); the second
	 * points to its byte 1, which points to byte 0, whose label leads
	 * back to the second name's pointer.
	 */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7706 03c00000 c001 "
					"ff"), &m) == DHCP4_ERR_OPT_LEN);
	/* a label past the end, a pointer cut short, label type 0x40 */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7703 056162 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7704 016100c0 ff"),
				  &m) == DHCP4_ERR_OPT_LEN);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7702 4100 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	/* no terminating zero */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7702 0161 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
	/* a name with a newline is skipped, the next kept */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 7708 02610a00 01620000 "
					"ff"), &m) == DHCP4_OK);
	UT_EXPECT(m.n_search == 1);
	UT_EXPECT_STR(m.search[0], "b");
}

/* A 300-byte name: longer than 255 on the wire. */
UT_CASE(rfc3397_long_name)
{
	static uint8_t b[2048];
	static char opts[2048];
	struct dhcp4_msg m;
	char *p = opts;
	int i;

	/* 5 labels of 63 'a' = 320 bytes, split into two options */
	p += sprintf(p, "350105 77ff");
	for (i = 0; i < 5 * 64; i++) {
		if (i == 255)
			p += sprintf(p, " 77%02x", 5 * 64 + 1 - 255);
		p += sprintf(p, "%s", i % 64 ? "61" : "3f");
	}
	p += sprintf(p, "00 ff");
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, opts), &m) ==
		  DHCP4_ERR_OPT_LEN);
}

/* RFC 3396: an option's instances are one value, concatenated. */
UT_CASE(rfc3396_split)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0602c0a8 06060a01"
					"08080404 0f02 6578 0f05 616d706c65 ff"),
				  &m) == DHCP4_OK);
	UT_EXPECT(m.n_dns == 2);
	UT_EXPECT(m.dns[0].s_addr == ip("192.168.10.1"));
	UT_EXPECT(m.dns[1].s_addr == ip("8.8.4.4"));
	UT_EXPECT_STR(m.domain, "example");
	/* a split that leaves a 4-byte option 1 of two 2-byte halves */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0102ffff 0102ff00 ff"),
				  &m) == DHCP4_OK);
	UT_EXPECT(m.has_mask && m.mask.s_addr == ip("255.255.255.0"));
	/* two complete instances are one 8-byte value: wrong length */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 3304 00000e10 "
					"3304 00000e10 ff"), &m) ==
		  DHCP4_ERR_OPT_LEN);
}

/* Option 52: options, then file, then sname, concatenated in order. */
UT_CASE(overload_both)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	UT_ASSERT(dhcp4_msg_parse(b, mk(b,
		/* sname */ "0f03 6f7267 0304 c0a80a02 ff",
		/* file */ "0304 c0a80a01 0f04 706c652e ff",
		"350105 340103 0f04 6578616d ff"), &m) == DHCP4_OK);
	UT_EXPECT(m.overload == 3);
	UT_EXPECT_STR(m.domain, "example.org");
	UT_EXPECT(m.n_routers == 2);
	UT_EXPECT(m.routers[0].s_addr == ip("192.168.10.1"));
	UT_EXPECT(m.routers[1].s_addr == ip("192.168.10.2"));
	/* file only: sname's bytes are not options and are not read */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, "0f03 6f7267 ff",
					"3604 c0a80a09 ff",
					"350105 340101 ff"), &m) == DHCP4_OK);
	UT_EXPECT(m.server_id.s_addr == ip("192.168.10.9"));
	UT_EXPECT(m.domain[0] == '\0');
	/* sname only: the type may be there */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, "350102 ff", 0, "340102 ff"), &m) ==
		  DHCP4_OK);
	UT_EXPECT(m.type == DHCP4_OFFER && m.overload == 2);
}

UT_CASE(overload_hostile)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	/* overload pointing at nothing: file all zero, no end */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 340101 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, "ff", 0, "350105 340103 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	/* option 52 in file */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, "ff", "340102 ff",
					"350105 340101 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	/* values 0 and 4, length 2, twice */
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, "ff", "350105 340100 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, "ff", "350105 340104 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, "ff", "350105 34020101 ff"), &m) ==
		  DHCP4_ERR_OVERLOAD);
	UT_EXPECT(dhcp4_msg_parse(b, mk(b, 0, "ff", "350105 340101 340101 ff"),
				  &m) == DHCP4_ERR_OVERLOAD);
	/* an option in file running past file's 128 bytes into sname */
	{
		size_t n = mk(b, "ff", 0, "350105 340101 ff");

		memset(b + 108, 0, 128);
		b[108 + 125] = 0x0f;
		b[108 + 126] = 0x05;
		b[108 + 127] = 'a';
		UT_EXPECT(dhcp4_msg_parse(b, n, &m) == DHCP4_ERR_OPT_TRUNC);
	}
}

/* The largest message is taken, one byte more is not. */
UT_CASE(long_option_list)
{
	static uint8_t b[4096];
	struct dhcp4_msg m;
	size_t n = mk(b, 0, 0, "350105");

	memset(b + n, 0, DHCP4_MSG_MAX - n - 1);	/* pads */
	b[DHCP4_MSG_MAX - 1] = 0xff;
	UT_EXPECT(dhcp4_msg_parse(b, DHCP4_MSG_MAX, &m) == DHCP4_OK);
	/* a 1,500-byte option list */
	n = mk(b, 0, 0, "350105");
	memset(b + n, 0, 240 + 1500 - n - 1);
	b[240 + 1500 - 1] = 0xff;
	UT_EXPECT(dhcp4_msg_parse(b, 240 + 1500, &m) == DHCP4_ERR_LONG);
	/* 8 kB of 255-byte unknown options: refused before any walk */
	UT_EXPECT(dhcp4_msg_parse(b, sizeof(b), &m) == DHCP4_ERR_LONG);
}

UT_CASE(text_options)
{
	static uint8_t b[2048];
	struct dhcp4_msg m;

	/* trailing NUL and dot go */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0f05 6c616e2e00 ff"),
				  &m) == DHCP4_OK);
	UT_EXPECT_STR(m.domain, "lan");
	/* a newline: a resolv.conf injection; the domain is left out */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350105 0f05 6c610a6e73 ff"),
				  &m) == DHCP4_OK);
	UT_EXPECT(m.domain[0] == '\0');
	/* option 56: non-printable bytes shown as '?' */
	UT_ASSERT(dhcp4_msg_parse(b, mk(b, 0, 0, "350106 3804 6e6f1b21 ff"),
				  &m) == DHCP4_OK);
	UT_EXPECT_STR(m.message, "no?!");
	UT_EXPECT(m.type == DHCP4_NAK);
}

static const uint8_t prl[] = { 1, 3, 6, 15, 119, 121 };
static const uint8_t cid[] = { 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

UT_CASE(build_discover)
{
	static uint8_t b[2048];
	struct dhcp4_build d = {
		.type = DHCP4_DISCOVER, .xid = 0x11223344, .secs = 3,
		.mac = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 },
		.requested.s_addr = ip("192.168.10.57"),
		.server_id.s_addr = ip("192.168.10.1"),	/* MUST NOT */
		.client_id = cid, .client_id_len = sizeof(cid),
		.hostname = "ap1", .vendor_class = "apedge",
		.prl = prl, .prl_len = sizeof(prl), .max_size = 1500,
	};
	static uint8_t want[512];
	size_t n = dhcp4_msg_build(b, sizeof(b), &d), w;
	struct dhcp4_msg m;

	w = ut_hex(want, "01010600 11223344 0003 0000 00000000 00000000 00000000 "
		"00000000 525400123456");
	UT_ASSERT(n == 300);
	UT_EXPECT(!memcmp(b, want, w));
	w = ut_hex(want, "63825363 350101 3d07 01525400123456 3204 c0a80a39 "
		"3902 05dc 3706 0103060f7779 3c06 617065646765 0c03 617031 ff");
	UT_EXPECT(!memcmp(b + 236, want, w));
	UT_EXPECT(b[236 + w] == 0 && b[299] == 0);
	UT_ASSERT(dhcp4_msg_parse(b, n, &m) == DHCP4_OK);
	UT_EXPECT(m.op == 1 && m.type == DHCP4_DISCOVER && m.xid == 0x11223344);
	UT_EXPECT(m.secs == 3 && !m.has_server_id && m.flags == 0);
	/* too small a buffer */
	UT_EXPECT(dhcp4_msg_build(b, 299, &d) == 0);
	UT_EXPECT(dhcp4_msg_build(b, 100, &d) == 0);
	d.type = DHCP4_NONE;
	UT_EXPECT(dhcp4_msg_build(b, sizeof(b), &d) == 0);
}

/* RFC 2131 table 5: DECLINE and RELEASE carry no parameters. */
UT_CASE(build_table5)
{
	static uint8_t b[2048], want[64];
	struct dhcp4_build d = {
		.type = DHCP4_RELEASE, .xid = 7, .broadcast = true,
		.ciaddr.s_addr = ip("192.168.10.57"),
		.mac = { 2, 0, 0, 0, 0, 1 },
		.requested.s_addr = ip("192.168.10.57"),
		.server_id.s_addr = ip("192.168.10.1"), .lease_s = 60,
		.hostname = "ap1", .vendor_class = "apedge",
		.prl = prl, .prl_len = sizeof(prl), .max_size = 1500,
		.message = "bye",
	};
	struct dhcp4_msg m;
	size_t n = dhcp4_msg_build(b, sizeof(b), &d), w;

	UT_ASSERT(n == 300);
	w = ut_hex(want, "63825363 350107 3604 c0a80a01 3803 627965 ff");
	UT_EXPECT(!memcmp(b + 236, want, w));
	UT_ASSERT(dhcp4_msg_parse(b, n, &m) == DHCP4_OK);
	UT_EXPECT(m.ciaddr.s_addr == ip("192.168.10.57") && m.flags == 0x8000);
	d.type = DHCP4_DECLINE;
	d.ciaddr.s_addr = 0;
	UT_ASSERT(dhcp4_msg_build(b, sizeof(b), &d) == 300);
	w = ut_hex(want, "63825363 350104 3204 c0a80a39 3604 c0a80a01 "
		"3803 627965 ff");
	UT_EXPECT(!memcmp(b + 236, want, w));
	/* a hostname longer than an option holds */
	{
		char h[300];

		memset(h, 'a', sizeof(h) - 1);
		h[sizeof(h) - 1] = '\0';
		d.type = DHCP4_REQUEST;
		d.hostname = h;
		UT_EXPECT(dhcp4_msg_build(b, sizeof(b), &d) == 0);
	}
}

/* Checksums computed apart from wire.c (by a Python script). */
static const char frame_vec[] =
	"45000021000000004011b023c0a80a01ffffffff00430044000d2b9e0102030405";

UT_CASE(frame_vector)
{
	static uint8_t want[128], b[128];
	static const uint8_t pl[] = { 1, 2, 3, 4, 5 };
	struct in_addr src = { ip("192.168.10.1") }, dst = { 0xffffffff }, s;
	size_t w = ut_hex(want, frame_vec), n, plen;
	const uint8_t *p;

	n = dhcp4_frame_build(b, sizeof(b), src, dst, 67, 68, pl, sizeof(pl));
	UT_ASSERT(n == w);
	UT_EXPECT(!memcmp(b, want, n));
	UT_ASSERT(dhcp4_frame_parse(want, w, 67, 68, &s, &p, &plen) ==
		  DHCP4_OK);
	UT_EXPECT(s.s_addr == src.s_addr && plen == 5 && !memcmp(p, pl, 5));
	/* Ethernet padding after the datagram is not payload */
	memset(want + w, 0, 20);
	UT_ASSERT(dhcp4_frame_parse(want, w + 20, 67, 68, &s, &p, &plen) ==
		  DHCP4_OK);
	UT_EXPECT(plen == 5);
	/* too small a buffer */
	UT_EXPECT(dhcp4_frame_build(b, w - 1, src, dst, 67, 68, pl, 5) == 0);
}

UT_CASE(frame_refusals)
{
	static uint8_t v[128], t[128];
	size_t n = ut_hex(v, frame_vec), len, plen;
	const uint8_t *p;

	for (len = 0; len < n; len++) {
		uint8_t *b = malloc(len ? len : 1);

		memcpy(b, v, len);
		UT_EXPECT(dhcp4_frame_parse(b, len, 67, 68, NULL, &p, &plen) !=
			  DHCP4_OK);
		free(b);
	}
	/* wrong ports, either way */
	UT_EXPECT(dhcp4_frame_parse(v, n, 68, 67, NULL, &p, &plen) ==
		  DHCP4_ERR_UDP);
	/* a payload byte flipped: the UDP checksum */
	memcpy(t, v, n);
	t[n - 1] ^= 1;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) ==
		  DHCP4_ERR_UDP);
	/* ... unless the checksum is 0 (none) */
	t[26] = t[27] = 0;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) == DHCP4_OK);
	/* the IP header checksum */
	memcpy(t, v, n);
	t[8] = 63;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) ==
		  DHCP4_ERR_IP);
	/* version 6 */
	memcpy(t, v, n);
	t[0] = 0x65;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) ==
		  DHCP4_ERR_IP);
	/* a fragment (MF), with the checksum fixed */
	memcpy(t, v, n);
	t[6] = 0x20;
	t[10] -= 0x20;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) ==
		  DHCP4_ERR_IP);
	/* the UDP length beyond the datagram */
	memcpy(t, v, n);
	t[25] = 0x0e;
	t[27] -= 1;
	UT_EXPECT(dhcp4_frame_parse(t, n, 67, 68, NULL, &p, &plen) ==
		  DHCP4_ERR_UDP);
}

/* An RFC 5227 probe for 192.168.10.57 from 52:54:00:12:34:56. */
static const char arp_probe[] =
	"0001 0800 06 04 0001 525400123456 00000000 000000000000 c0a80a39";

UT_CASE(arp)
{
	static uint8_t v[64], b[64];
	size_t n = ut_hex(v, arp_probe), len;
	struct dhcp4_arp a;

	UT_ASSERT(n == DHCP4_ARP_LEN);
	UT_ASSERT(dhcp4_arp_parse(v, n, &a) == DHCP4_OK);
	UT_EXPECT(a.op == DHCP4_ARP_REQUEST && a.spa.s_addr == 0);
	UT_EXPECT(a.tpa.s_addr == ip("192.168.10.57") && a.sha[5] == 0x56);
	UT_ASSERT(dhcp4_arp_build(b, sizeof(b), &a) == n);
	UT_EXPECT(!memcmp(b, v, n));
	UT_EXPECT(dhcp4_arp_build(b, n - 1, &a) == 0);
	for (len = 0; len < n; len++) {
		uint8_t *t = malloc(len ? len : 1);

		memcpy(t, v, len);
		UT_EXPECT(dhcp4_arp_parse(t, len, &a) == DHCP4_ERR_ARP);
		free(t);
	}
	v[3] = 0x06;		/* ptype ARP: not IPv4 */
	UT_EXPECT(dhcp4_arp_parse(v, n, &a) == DHCP4_ERR_ARP);
	v[3] = 0x00;
	v[7] = 3;		/* RARP */
	UT_EXPECT(dhcp4_arp_parse(v, n, &a) == DHCP4_ERR_ARP);
}

UT_CASE(names)
{
	int i;

	for (i = 0; i < DHCP4_ERR_MAX; i++)
		UT_EXPECT(dhcp4_err_name(i) && strcmp(dhcp4_err_name(i),
						      "unknown"));
	UT_EXPECT_STR(dhcp4_err_name(DHCP4_ERR_OPT_TRUNC), "opt-trunc");
	UT_EXPECT_STR(dhcp4_err_name(DHCP4_ERR_MAX), "unknown");
	UT_EXPECT_STR(dhcp4_type_name(DHCP4_ACK), "ACK");
	UT_EXPECT_STR(dhcp4_type_name(99), "unknown");
}

UT_MAIN("dhcp4_wire",
	UT_ENTRY(dnsmasq_ack_decoded),
	UT_ENTRY(every_truncation),
	UT_ENTRY(fixed_part_refusals),
	UT_ENTRY(option_lengths),
	UT_ENTRY(rfc3442_examples),
	UT_ENTRY(rfc3442_invalid),
	UT_ENTRY(rfc3397_example),
	UT_ENTRY(rfc3397_hostile),
	UT_ENTRY(rfc3397_long_name),
	UT_ENTRY(rfc3396_split),
	UT_ENTRY(overload_both),
	UT_ENTRY(overload_hostile),
	UT_ENTRY(long_option_list),
	UT_ENTRY(text_options),
	UT_ENTRY(build_discover),
	UT_ENTRY(build_table5),
	UT_ENTRY(frame_vector),
	UT_ENTRY(frame_refusals),
	UT_ENTRY(arp),
	UT_ENTRY(names))
