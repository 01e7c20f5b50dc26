// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/wire.c from byte vectors: a four-message exchange captured on a
 * veth between dhcpcd 9.4.1 (dhcpcd -6) and dnsmasq 2.89, relay messages
 * around it (one deep, three deep, 32 and 33 deep), every truncation,
 * every option's wrong lengths and duplicates, each message type's
 * mandatory options, and the builders.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/wire.h"
#include "ut.h"

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

/* An exact-size heap copy: ASan sees any read past len. */
static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);

	memcpy(b, p, len);
	return b;
}

static enum dhcp6_err parse_exact(const uint8_t *p, size_t len,
				  struct dhcp6_msg *m)
{
	uint8_t *b = dup_exact(p, len);
	enum dhcp6_err e = dhcp6_msg_parse(b, len, m);

	free(b);
	return e;
}

static enum dhcp6_err packet_exact(const uint8_t *p, size_t len,
				   struct dhcp6_packet *pk)
{
	uint8_t *b = dup_exact(p, len);
	enum dhcp6_err e = dhcp6_packet_parse(b, len, pk);

	free(b);
	return e;
}

/*
 * Captured on the wire (UDP payloads): dhcpcd 9.4.1 on a veth with MAC
 * 52:54:00:12:34:56 (DUID-LLT, IAID 00:12:34:56) against dnsmasq 2.89
 * with --dhcp-range=2001:db8:1::100,2001:db8:1::1ff,64,1h.
 */
#define CLIENT_DUID "0001000132a1564d525400123456"
#define SERVER_DUID "0001000132a1564c26794bc1983d"
static const char solicit_hex[] =
	"0193003a0001000e" CLIENT_DUID "0003000c0012345600000000000000000006"
	"0004005200530008000200000010003c00009f0800366468637063642d392e342e"
	"313a4c696e75782d362e31382e34342d66632d763937333a7838365f36343a4765"
	"6e75696e65496e74656c";
static const char advertise_hex[] =
	"0293003a0001000e" CLIENT_DUID "0002000e" SERVER_DUID "00030028"
	"001234560000070800000c4e0005001820010db8000100000000000000000174"
	"00000e1000000e10000d00090000737563636573730007000100";
static const char request_hex[] =
	"03e405d20001000e" CLIENT_DUID "0002000e" SERVER_DUID "00030028"
	"0012345600000000000000000005001820010db8000100000000000000000174"
	"00000e1000000e1000060004005200530008000200000010003c00009f080036"
	"6468637063642d392e342e313a4c696e75782d362e31382e34342d66632d7639"
	"37333a7838365f36343a47656e75696e65496e74656c";
static const char reply_hex[] =
	"07e405d20001000e" CLIENT_DUID "0002000e" SERVER_DUID "00030028"
	"001234560000070800000c4e0005001820010db8000100000000000000000174"
	"00000e1000000e10000d0009000073756363657373";

/*
 * The relay in front of the client's link: link-address 2001:db8:1::1,
 * peer-address the client's link-local, Interface-ID "eth0", Remote-ID
 * enterprise 9, "port-1" (RFC 4649), then the Relay Message.
 */
#define RELAY_HDR "0c00" "20010db8000100000000000000000001" \
		  "fe80000000000000505400fffe123456"
#define RELAY_OPTS "0012000465746830" "0025000a00000009706f72742d31"

static const char *const all_msgs[] = {
	solicit_hex, advertise_hex, request_hex, reply_hex,
};

UT_CASE(solicit_from_dhcpcd)
{
	static uint8_t b[512];
	struct dhcp6_msg m;
	size_t n = ut_hex(b, solicit_hex);

	UT_ASSERT(n == 116);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.type == DHCP6_SOLICIT && m.xid == 0x93003a);
	UT_EXPECT(m.has_client_id && m.client_id.type == DHCP6_DUID_LLT);
	UT_EXPECT(m.client_id.bytes.len == 14 &&
		  m.client_id.bytes.p == b + 8);
	UT_EXPECT(!m.has_server_id);
	UT_ASSERT(m.n_ia == 1);
	UT_EXPECT(m.ia[0].kind == DHCP6_OPT_IA_NA &&
		  m.ia[0].iaid == 0x00123456 && !m.ia[0].t1 && !m.ia[0].t2 &&
		  !m.ia[0].n_addrs && !m.ia[0].status.present);
	UT_EXPECT(m.has_oro && m.n_oro == 2 &&
		  m.oro[0] == DHCP6_OPT_SOL_MAX_RT &&
		  m.oro[1] == DHCP6_OPT_INF_MAX_RT);
	UT_EXPECT(m.has_elapsed && m.elapsed == 0);
	UT_EXPECT(!m.rapid_commit && !m.has_preference && !m.has_auth);
}

UT_CASE(advertise_from_dnsmasq)
{
	static uint8_t b[512];
	struct in6_addr want = ip6("2001:db8:1::174");
	struct dhcp6_msg m;
	size_t n = ut_hex(b, advertise_hex);

	UT_ASSERT(n == 102);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.type == DHCP6_ADVERTISE && m.xid == 0x93003a);
	UT_EXPECT(m.has_server_id && m.server_id.bytes.len == 14 &&
		  m.server_id.type == DHCP6_DUID_LLT);
	UT_ASSERT(m.n_ia == 1 && m.ia[0].n_addrs == 1);
	UT_EXPECT(m.ia[0].t1 == 1800 && m.ia[0].t2 == 3150);
	UT_EXPECT(!memcmp(&m.ia[0].addrs[0].addr, &want, 16));
	UT_EXPECT(m.ia[0].addrs[0].plen == 128 &&
		  m.ia[0].addrs[0].preferred == 3600 &&
		  m.ia[0].addrs[0].valid == 3600);
	UT_EXPECT(m.status.present && m.status.code == DHCP6_STATUS_SUCCESS &&
		  m.status.text.len == 7 &&
		  !memcmp(m.status.text.p, "success", 7));
	UT_EXPECT(m.has_preference && m.preference == 0);
}

UT_CASE(request_and_reply)
{
	static uint8_t b[512];
	struct dhcp6_msg m;
	size_t n;

	n = ut_hex(b, request_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.type == DHCP6_REQUEST && m.xid == 0xe405d2);
	UT_EXPECT(m.has_client_id && m.has_server_id && m.n_ia == 1 &&
		  m.ia[0].n_addrs == 1);
	n = ut_hex(b, reply_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.type == DHCP6_REPLY && m.ia[0].addrs[0].valid == 3600);
}

/* Where the top-level options of a message end: the valid prefixes. */
static bool at_boundary(const uint8_t *b, size_t n, size_t len, size_t hdr)
{
	size_t off = hdr;

	if (len == hdr)
		return true;
	while (off + 4 <= n) {
		off += 4 + (size_t)(b[off + 2] << 8 | b[off + 3]);
		if (off == len)
			return true;
	}
	return false;
}

/*
 * Every prefix of each message: one that ends between two top-level
 * options is a shorter message (parsed, or refused for a mandatory
 * option it lost); any other is "opt-trunc" ("short" under 4 bytes).
 */
UT_CASE(every_truncation)
{
	static uint8_t full[512];
	struct dhcp6_msg m;
	size_t i, n, len;

	for (i = 0; i < sizeof(all_msgs) / sizeof(all_msgs[0]); i++) {
		n = ut_hex(full, all_msgs[i]);
		for (len = 0; len < n; len++) {
			enum dhcp6_err e = parse_exact(full, len, &m);

			if (len < DHCP6_HDR_LEN)
				UT_EXPECT(e == DHCP6_ERR_SHORT);
			else if (at_boundary(full, n, len, DHCP6_HDR_LEN))
				UT_EXPECT(e == DHCP6_OK ||
					  e == DHCP6_ERR_NO_CLIENT_ID ||
					  e == DHCP6_ERR_NO_SERVER_ID);
			else
				UT_EXPECT(e == DHCP6_ERR_OPT_TRUNC);
		}
	}
}

/* A relay message around inner (hex), built here by hand. */
static size_t wrap(uint8_t *out, uint8_t type, uint8_t hops, const char *opts,
		   const uint8_t *inner, size_t ilen)
{
	size_t n = 0;

	out[n++] = type;
	out[n++] = hops;
	n += ut_hex(out + n, "20010db8000100000000000000000001"
			  "fe80000000000000505400fffe123456");
	n += ut_hex(out + n, opts);
	out[n++] = 0;
	out[n++] = DHCP6_OPT_RELAY_MSG;
	out[n++] = (uint8_t)(ilen >> 8);
	out[n++] = (uint8_t)ilen;
	memmove(out + n, inner, ilen);
	return n + ilen;
}

UT_CASE(relay_forw_solicit)
{
	static uint8_t b[1024], s[512];
	struct dhcp6_packet pk;
	struct dhcp6_relay *r = &pk.relays[0];
	size_t sn = ut_hex(s, solicit_hex);
	size_t n = ut_hex(b, RELAY_HDR RELAY_OPTS "00090074");

	memcpy(b + n, s, sn);
	n += sn;
	UT_ASSERT(n == 34 + 8 + 14 + 4 + 116);
	UT_ASSERT(packet_exact(b, n, &pk) == DHCP6_OK);
	UT_ASSERT(pk.n_relays == 1);
	UT_EXPECT(r->type == DHCP6_RELAY_FORW && r->hop_count == 0);
	UT_EXPECT(!memcmp(&r->link, &(struct in6_addr){ .s6_addr = {
		0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1 } }, 16));
	UT_EXPECT(r->has_interface_id && r->interface_id.len == 4);
	UT_EXPECT(r->has_remote_id && r->remote_enterprise == 9 &&
		  r->remote_id.len == 6);
	UT_EXPECT(!r->has_subscriber_id && r->msg.len == 116);
	UT_EXPECT(pk.inner.len == 116);
	UT_EXPECT(pk.msg.type == DHCP6_SOLICIT && pk.msg.xid == 0x93003a);
	/* the same bytes through the parser of one level */
	UT_ASSERT(dhcp6_relay_parse(b, n, r) == DHCP6_OK);
	UT_EXPECT(r->msg.p == b + n - 116);
}

/* A RELAY-FORW's every prefix: each is refused, never read past. */
UT_CASE(relay_every_truncation)
{
	static uint8_t b[1024], s[512];
	struct dhcp6_packet pk;
	size_t sn = ut_hex(s, solicit_hex);
	size_t n = ut_hex(b, RELAY_HDR RELAY_OPTS "00090074"), len;

	memcpy(b + n, s, sn);
	n += sn;
	for (len = 0; len < n; len++) {
		enum dhcp6_err e = packet_exact(b, len, &pk);

		if (len < DHCP6_RELAY_HDR_LEN)
			UT_EXPECT(e == DHCP6_ERR_SHORT);
		else if (len == 34 || len == 34 + 8 || len == 34 + 8 + 14)
			UT_EXPECT(e == DHCP6_ERR_NO_RELAY_MSG);
		else
			UT_EXPECT(e == DHCP6_ERR_OPT_TRUNC);
		UT_EXPECT(pk.err_depth == 0);
	}
}

/*
 * The inner message cut at every length, inside a relay message whose
 * lengths are right: the error is the inner one's, at depth 1.
 */
UT_CASE(relay_inner_truncation)
{
	static uint8_t b[1024], s[512];
	struct dhcp6_packet pk;
	struct dhcp6_msg m;
	size_t sn = ut_hex(s, solicit_hex), len;

	for (len = 0; len < sn; len++) {
		size_t n = wrap(b, DHCP6_RELAY_FORW, 0, "", s, len);
		enum dhcp6_err e = packet_exact(b, n, &pk);

		UT_EXPECT(e == (len ? parse_exact(s, len, &m) :
				      DHCP6_ERR_SHORT));
		UT_EXPECT(pk.err_depth == 1 && pk.n_relays == 1);
	}
}

/* Three relays: hop-counts 2, 1, 0 from the outside in. */
static size_t nest(uint8_t *b, const uint8_t *s, size_t sn, unsigned int depth,
		   uint8_t type)
{
	static uint8_t tmp[8192];
	size_t n = sn;
	unsigned int i;

	memcpy(b, s, sn);
	for (i = 0; i < depth; i++) {
		n = wrap(tmp, type, (uint8_t)i, i == 0 ? RELAY_OPTS : "", b, n);
		memcpy(b, tmp, n);
	}
	return n;
}

UT_CASE(relay_three_deep)
{
	static uint8_t b[8192], s[512];
	struct dhcp6_packet pk;
	size_t sn = ut_hex(s, solicit_hex), n = nest(b, s, sn, 3,
						   DHCP6_RELAY_FORW), len;

	UT_ASSERT(packet_exact(b, n, &pk) == DHCP6_OK);
	UT_ASSERT(pk.n_relays == 3);
	UT_EXPECT(pk.relays[0].hop_count == 2 && pk.relays[1].hop_count == 1 &&
		  pk.relays[2].hop_count == 0);
	UT_EXPECT(!pk.relays[0].has_interface_id &&
		  pk.relays[2].has_interface_id && pk.relays[2].has_remote_id);
	UT_EXPECT(pk.msg.type == DHCP6_SOLICIT && pk.inner.len == sn);
	/* every prefix refused, at the outermost level */
	for (len = 0; len < n; len++) {
		enum dhcp6_err e = packet_exact(b, len, &pk);

		UT_EXPECT(e == (len < DHCP6_RELAY_HDR_LEN ? DHCP6_ERR_SHORT :
				len == DHCP6_RELAY_HDR_LEN ?
				DHCP6_ERR_NO_RELAY_MSG : DHCP6_ERR_OPT_TRUNC));
		UT_EXPECT(pk.err_depth == 0);
	}
}

/* HOP_COUNT_LIMIT: 32 relays are unwrapped, 33 refused. */
UT_CASE(relay_depth_limit)
{
	static uint8_t b[8192], s[512];
	struct dhcp6_packet pk;
	size_t sn = ut_hex(s, solicit_hex), n;

	n = nest(b, s, sn, 32, DHCP6_RELAY_FORW);
	UT_ASSERT(packet_exact(b, n, &pk) == DHCP6_OK);
	UT_EXPECT(pk.n_relays == 32 && pk.msg.type == DHCP6_SOLICIT);
	n = nest(b, s, sn, 33, DHCP6_RELAY_FORW);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_DEPTH);
	UT_EXPECT(pk.err_depth == 32 && pk.n_relays == 32);
	/* 1,700 deep (odhcpd's bug): refused just the same */
	{
		static uint8_t big[1800 * 38 + 512];
		size_t off = 1700 * 38, i;

		memcpy(big + off, s, sn);
		n = sn;
		for (i = 0; i < 1700; i++) {
			off -= 38;
			n = wrap(big + off, DHCP6_RELAY_FORW, 0, "", big + off + 38,
				 n);
			if (n > 0xffff)
				break;
		}
		UT_ASSERT(i == 1700 && n == 1700 * 38 + sn);
		UT_EXPECT(packet_exact(big + off, n, &pk) == DHCP6_ERR_DEPTH);
		UT_EXPECT(pk.err_depth == DHCP6_RELAY_DEPTH_MAX);
	}
}

UT_CASE(relay_direction)
{
	static uint8_t b[4096], s[512];
	struct dhcp6_packet pk;
	size_t n, sn;

	sn = ut_hex(s, advertise_hex);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_RELAY_INNER);
	n = wrap(b, DHCP6_RELAY_REPL, 0, "", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_OK);
	UT_EXPECT(pk.relays[0].type == DHCP6_RELAY_REPL &&
		  pk.msg.type == DHCP6_ADVERTISE);
	sn = ut_hex(s, solicit_hex);
	n = wrap(b, DHCP6_RELAY_REPL, 0, "", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_RELAY_INNER);
	/* a RELAY-REPL inside a RELAY-FORW */
	n = nest(b, s, sn, 1, DHCP6_RELAY_FORW);
	memcpy(s, b, n);
	s[0] = DHCP6_RELAY_REPL;
	n = wrap(b, DHCP6_RELAY_FORW, 1, "", s, n);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_RELAY_INNER);
	UT_EXPECT(pk.err_depth == 1);
	/* a type we do not know inside */
	s[0] = 14;
	n = wrap(b, DHCP6_RELAY_FORW, 0, "", s, 4);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_TYPE);
}

UT_CASE(relay_options)
{
	static uint8_t b[4096], s[512];
	struct dhcp6_packet pk;
	size_t n, sn = ut_hex(s, solicit_hex);

	/* Subscriber-ID (RFC 4580) */
	n = wrap(b, DHCP6_RELAY_FORW, 0, "0026000573756231ff", s, sn);
	UT_ASSERT(packet_exact(b, n, &pk) == DHCP6_OK);
	UT_EXPECT(pk.relays[0].has_subscriber_id &&
		  pk.relays[0].subscriber_id.len == 5);
	/* empty Subscriber-ID, Interface-ID; Remote-ID of 4 bytes */
	n = wrap(b, DHCP6_RELAY_FORW, 0, "00260000", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_OPT_LEN);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "00120000", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_OPT_LEN);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "0025000400000009", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_OPT_LEN);
	/* twice: Interface-ID, Remote-ID, Subscriber-ID, Relay Message */
	n = wrap(b, DHCP6_RELAY_FORW, 0, "001200016100120001 62", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_DUP);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "00250005000000096100250005"
		 "0000000962", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_DUP);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "002600016100260001 62", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_DUP);
	n = wrap(b, DHCP6_RELAY_FORW, 0, "000900040b000000", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_ERR_DUP);
	/* unknown options skipped, twice is fine */
	n = wrap(b, DHCP6_RELAY_FORW, 0, "00c80000 00c80000", s, sn);
	UT_EXPECT(packet_exact(b, n, &pk) == DHCP6_OK);
	/* relay types through dhcp6_msg_parse, others through relay */
	UT_EXPECT(dhcp6_msg_parse(b, n, &pk.msg) == DHCP6_ERR_TYPE);
	UT_EXPECT(dhcp6_relay_parse(s, sn, &pk.relays[0]) == DHCP6_ERR_TYPE);
}

/* A SOLICIT with one option string after the Client ID. */
static enum dhcp6_err solicit_with(const char *opts, struct dhcp6_msg *m)
{
	static uint8_t b[4096], *last;
	size_t n = ut_hex(b, "01000001 0001000e" CLIENT_DUID);

	n += ut_hex(b + n, opts);
	/* An exact-size copy, kept until the next call: *m points in it. */
	free(last);
	last = dup_exact(b, n);
	return dhcp6_msg_parse(last, n, m);
}

UT_CASE(option_lengths)
{
	struct dhcp6_msg m;

	UT_EXPECT(solicit_with("00060003000102", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("0007000000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("000800030000 00", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("000e000100", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("0014000100", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("000d000100", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("000c000f" "20010db80000000000000000000001",
			       &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00520003000000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("0053000500000000 00", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00130000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00130001 07", &m) == DHCP6_ERR_OPT_VALUE);
	UT_EXPECT(solicit_with("0017000f 20010db80000000000000000000000", &m) ==
		  DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00170000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00180000", &m) == DHCP6_ERR_OPT_LEN);
	/* IA_NA of 11 bytes, IA_TA of 3, IA_PD of 11 */
	UT_EXPECT(solicit_with("0003000b 0000000100000000000000", &m) ==
		  DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00040003 000000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("0019000b 0000000100000000000000", &m) ==
		  DHCP6_ERR_OPT_LEN);
	/* an IAADDR of 23 bytes, an IAPREFIX of 24 */
	UT_EXPECT(solicit_with("00030027 000000010000000000000000"
			       "00050017 20010db8000000000000000000000001"
			       "00000000000000", &m) == DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("00190028 000000010000000000000000"
			       "001a0018 0000000000000000 38"
			       "20010db80000000000000000000000", &m) ==
		  DHCP6_ERR_OPT_LEN);
	/* an option that runs past the message, and past its IA */
	UT_EXPECT(solicit_with("00080003 0000", &m) == DHCP6_ERR_OPT_TRUNC);
	UT_EXPECT(solicit_with("00030010 000000010000000000000000 000d0004",
			       &m) == DHCP6_ERR_OPT_TRUNC);
	UT_EXPECT(solicit_with("00", &m) == DHCP6_ERR_OPT_TRUNC);
	UT_EXPECT(solicit_with("000800", &m) == DHCP6_ERR_OPT_TRUNC);
	/* well-formed ones, and unknown options skipped */
	UT_ASSERT(solicit_with("000e0000 00140000 00070001ff 00080002ffff "
			       "00ff0001aa 00ff0000 001300010b", &m) ==
		  DHCP6_OK);
	UT_EXPECT(m.rapid_commit && m.reconf_accept && m.preference == 255 &&
		  m.elapsed == 0xffff && m.reconf_msg == 11);
}

UT_CASE(duplicates)
{
	struct dhcp6_msg m;
	static const char *const twice[] = {
		"0001000e" CLIENT_DUID,
		"00060002001700060002 0018",
		"00070001ff 00070001ff",
		"0008000200000008000200 00",
		"000e0000 000e0000",
		"00140000 00140000",
		"000d00020000 000d00020000",
		"0013000105 0013000105",
		"00520004000000780052000400000078",
		"00530004000000780053000400000078",
		"0017001020010db8000000000000000000000001"
		"0017001020010db8000000000000000000000001",
		"00180005036c616e00 00180005036c616e00",
		"000c001020010db8000000000000000000000001"
		"000c001020010db8000000000000000000000001",
	};
	size_t i;

	for (i = 0; i < sizeof(twice) / sizeof(twice[0]); i++)
		UT_EXPECT(solicit_with(twice[i], &m) == DHCP6_ERR_DUP);
	/* a status twice in one IA, and in one IAADDR */
	UT_EXPECT(solicit_with("00030018 000000010000000000000000"
			       "000d00020000 000d00020000", &m) ==
		  DHCP6_ERR_DUP);
	UT_EXPECT(solicit_with("00030034 000000010000000000000000"
			       "00050024 20010db8000000000000000000000001"
			       "0000000000000000 000d00020000 000d00020000",
			       &m) == DHCP6_ERR_DUP);
	/* a status in the IA and in the message is fine */
	UT_EXPECT(solicit_with("00030012 000000010000000000000000 000d00020002"
			       "000d00020000", &m) == DHCP6_OK);
	UT_EXPECT(m.ia[0].status.code == 2 && m.status.code == 0);
	/* two IA_NA with one IAID; an IA_NA and an IA_PD may share one */
	UT_EXPECT(solicit_with("0003000c 000000010000000000000000"
			       "0003000c 000000010000000000000000", &m) ==
		  DHCP6_ERR_IA_DUP);
	UT_EXPECT(solicit_with("0003000c 000000010000000000000000"
			       "0019000c 000000010000000000000000"
			       "00040004 00000001", &m) == DHCP6_OK);
	UT_EXPECT(m.n_ia == 3 && m.ia[2].kind == DHCP6_OPT_IA_TA);
}

UT_CASE(duids)
{
	static uint8_t b[512];
	struct dhcp6_msg m;
	static const struct {
		const char *duid;
		bool ok;
	} v[] = {
		{ "0001000100000000 52", true },	/* LLT, 1-byte address */
		{ "00010001000000", false },
		{ "00020000000961", true },		/* EN */
		{ "000200000009", false },
		{ "0003000152", true },			/* LL */
		{ "00030001", false },
		{ "0004 000102030405060708090a0b0c0d0e0f", true },	/* UUID */
		{ "0004 000102030405060708090a0b0c0d0e", false },
		{ "0004 000102030405060708090a0b0c0d0e0f10", false },
		{ "ffff00", true },			/* opaque */
		{ "ffff", false },
		{ "00", false },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = ut_hex(b, "01000001 0001");
		size_t dl = ut_hex(b + n + 2, v[i].duid);

		b[n] = 0;
		b[n + 1] = (uint8_t)dl;
		UT_EXPECT((parse_exact(b, n + 2 + dl, &m) == DHCP6_OK) ==
			  v[i].ok);
		if (!v[i].ok)
			UT_EXPECT(parse_exact(b, n + 2 + dl, &m) ==
				  DHCP6_ERR_DUID);
		UT_EXPECT(dhcp6_duid_valid(b + n + 2, dl) == v[i].ok);
	}
	/* 130 bytes is the most, 131 too long */
	{
		size_t n = ut_hex(b, "01000001 00010082 0002"), j;

		for (j = 0; j < 128; j++)
			b[n++] = 0x61;
		UT_EXPECT(parse_exact(b, n, &m) == DHCP6_OK);
		b[7] = 0x83;
		b[n++] = 0x61;
		UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_DUID);
	}
	/* a bad Server ID too */
	UT_EXPECT(solicit_with("00020002 0003", &m) == DHCP6_ERR_DUID);
}

/* What each type must carry (RFC 8415 §16). */
UT_CASE(mandatory_options)
{
	static uint8_t b[512];
	struct dhcp6_msg m;
	const char *cid = "0001000e" CLIENT_DUID;
	const char *sid = "0002000e" SERVER_DUID;
	char buf[512];
	static const struct {
		uint8_t type;
		bool client, server;
		enum dhcp6_err want;
	} v[] = {
		{ DHCP6_SOLICIT, false, false, DHCP6_ERR_NO_CLIENT_ID },
		{ DHCP6_SOLICIT, true, true, DHCP6_ERR_SERVER_ID },
		{ DHCP6_SOLICIT, true, false, DHCP6_OK },
		{ DHCP6_ADVERTISE, true, false, DHCP6_ERR_NO_SERVER_ID },
		{ DHCP6_ADVERTISE, false, true, DHCP6_ERR_NO_CLIENT_ID },
		{ DHCP6_REQUEST, true, false, DHCP6_ERR_NO_SERVER_ID },
		{ DHCP6_REQUEST, true, true, DHCP6_OK },
		{ DHCP6_CONFIRM, true, true, DHCP6_ERR_SERVER_ID },
		{ DHCP6_CONFIRM, true, false, DHCP6_OK },
		{ DHCP6_RENEW, true, false, DHCP6_ERR_NO_SERVER_ID },
		{ DHCP6_REBIND, true, true, DHCP6_ERR_SERVER_ID },
		{ DHCP6_REBIND, false, false, DHCP6_ERR_NO_CLIENT_ID },
		{ DHCP6_REPLY, false, true, DHCP6_OK },
		{ DHCP6_REPLY, true, false, DHCP6_ERR_NO_SERVER_ID },
		{ DHCP6_RELEASE, true, false, DHCP6_ERR_NO_SERVER_ID },
		{ DHCP6_DECLINE, false, true, DHCP6_ERR_NO_CLIENT_ID },
		{ DHCP6_RECONFIGURE, true, true, DHCP6_ERR_NO_RECONF_MSG },
		{ DHCP6_INFORMATION_REQUEST, false, false, DHCP6_OK },
		{ DHCP6_INFORMATION_REQUEST, true, true, DHCP6_OK },
	};
	size_t i, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(buf, sizeof(buf), "%02x000001%s%s", v[i].type,
			 v[i].client ? cid : "", v[i].server ? sid : "");
		n = ut_hex(b, buf);
		UT_EXPECT(parse_exact(b, n, &m) == v[i].want);
	}
	/* RECONFIGURE: the message to send, and the Auth option */
	snprintf(buf, sizeof(buf), "0a000000%s%s0013000105", cid, sid);
	n = ut_hex(b, buf);
	UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_NO_AUTH);
	snprintf(buf, sizeof(buf), "0a000000%s%s0013000105 000b001c 030100"
		 "0000000000000001 02 000102030405060708090a0b0c0d0e0f", cid,
		 sid);
	n = ut_hex(b, buf);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.has_auth && m.auth.proto == 3 && m.auth.replay == 1 &&
		  m.auth.info.len == 17 && m.auth.info.p[0] == 2 &&
		  m.reconf_msg == DHCP6_RENEW);
	/* an INFORMATION-REQUEST with an IA */
	n = ut_hex(b, "0b000001 0003000c000000010000000000000000");
	UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_IA_FORBIDDEN);
	/* types 0, 14, 255 */
	n = ut_hex(b, "00000001");
	UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_TYPE);
	b[0] = 14;
	UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_TYPE);
	b[0] = 255;
	UT_EXPECT(parse_exact(b, n, &m) == DHCP6_ERR_TYPE);
}

/* RFC 8415 §20.4: the reconfigure key's only shape. */
UT_CASE(auth_shapes)
{
	struct dhcp6_msg m;

	/* the key itself, in a REPLY's Auth (type 1) */
	UT_ASSERT(solicit_with("000b001c 030100 0000000000000007 01"
			       "000102030405060708090a0b0c0d0e0f", &m) ==
		  DHCP6_OK);
	UT_EXPECT(m.auth.info.p[0] == DHCP6_RECONF_KEY);
	/* algorithm 2, RDM 1, info type 3, info of 16, info of 18 */
	UT_EXPECT(solicit_with("000b001c 030200 0000000000000007 01"
			       "000102030405060708090a0b0c0d0e0f", &m) ==
		  DHCP6_ERR_AUTH);
	UT_EXPECT(solicit_with("000b001c 030101 0000000000000007 01"
			       "000102030405060708090a0b0c0d0e0f", &m) ==
		  DHCP6_ERR_AUTH);
	UT_EXPECT(solicit_with("000b001c 030100 0000000000000007 03"
			       "000102030405060708090a0b0c0d0e0f", &m) ==
		  DHCP6_ERR_AUTH);
	UT_EXPECT(solicit_with("000b001b 030100 0000000000000007 01"
			       "000102030405060708090a0b0c0d0e", &m) ==
		  DHCP6_ERR_AUTH);
	UT_EXPECT(solicit_with("000b001d 030100 0000000000000007 01"
			       "000102030405060708090a0b0c0d0e0f10", &m) ==
		  DHCP6_ERR_AUTH);
	/* shorter than its fixed part; another protocol is opaque */
	UT_EXPECT(solicit_with("000b000a 03010000000000000000", &m) ==
		  DHCP6_ERR_OPT_LEN);
	UT_EXPECT(solicit_with("000b000b 0001000000000000000000", &m) ==
		  DHCP6_OK);
}

UT_CASE(limits)
{
	static char opts[8192];
	struct dhcp6_msg m;
	char *p;
	int i;

	/* 8 IAs fit, 9 do not */
	for (p = opts, i = 0; i < DHCP6_IA_MAX; i++)
		p += sprintf(p, "0003000c%08x0000000000000000", i);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_OK && m.n_ia == 8);
	sprintf(p, "0019000c%08x0000000000000000", 99);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_ERR_TOO_MANY);
	/* 8 IAPREFIX in an IA_PD fit, 9 do not */
	for (p = opts, i = 0; i <= DHCP6_ADDRS_PER_IA_MAX; i++) {
		if (i == 0)
			p += sprintf(p, "0019%04x000000010000000000000000",
				     12 + 29 * DHCP6_ADDRS_PER_IA_MAX);
		else if (i == DHCP6_ADDRS_PER_IA_MAX)
			break;
		p += sprintf(p, "001a0019 0000000000000000 38 20010db800%02x"
			     "00000000000000000000", i);
	}
	UT_ASSERT(solicit_with(opts, &m) == DHCP6_OK);
	UT_EXPECT(m.ia[0].n_addrs == 8 && m.ia[0].addrs[7].plen == 56);
	opts[4] = '\0';
	p = opts + strlen(opts);
	p += sprintf(p, "%04x000000010000000000000000",
		     12 + 29 * (DHCP6_ADDRS_PER_IA_MAX + 1));
	for (i = 0; i <= DHCP6_ADDRS_PER_IA_MAX; i++)
		p += sprintf(p, "001a0019 0000000000000000 38 20010db800%02x"
			     "00000000000000000000", i);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_ERR_TOO_MANY);
	/* an IAPREFIX of length 129; an IAADDR in an IA_PD is ignored */
	UT_EXPECT(solicit_with("0019002900000001 0000000000000000"
			       "001a0019 0000000000000000 81"
			       "20010db8000000000000000000000000", &m) ==
		  DHCP6_ERR_OPT_VALUE);
	UT_EXPECT(solicit_with("0019002c00000001 0000000000000000"
			       "0005001c 20010db8000000000000000000000001"
			       "0000000000000000 00000000", &m) == DHCP6_OK);
	UT_EXPECT(m.ia[0].n_addrs == 0);
	/* an ORO of 64 codes fits, 65 do not */
	p = opts + sprintf(opts, "00060080");
	for (i = 0; i < 64; i++)
		p += sprintf(p, "%04x", i + 1);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_OK && m.n_oro == 64);
	p = opts + sprintf(opts, "00060082");
	for (i = 0; i < 65; i++)
		p += sprintf(p, "%04x", i + 1);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_ERR_TOO_MANY);
	/* 10 DNS servers: 8 kept */
	p = opts + sprintf(opts, "001700a0");
	for (i = 0; i < 10; i++)
		p += sprintf(p, "20010db80000000000000000000000%02x", i);
	UT_EXPECT(solicit_with(opts, &m) == DHCP6_OK && m.has_dns &&
		  m.n_dns == DHCP6_DNS_MAX && m.dns[7].s6_addr[15] == 7);
}

UT_CASE(domain_list)
{
	struct dhcp6_msg m;

	/* lan, example.com, a name with a space (skipped), the root */
	UT_ASSERT(solicit_with("00180018 036c616e00 076578616d706c6503636f6d00"
			       "03612062 00 00", &m) == DHCP6_OK);
	UT_ASSERT(m.has_domains && m.n_domains == 2);
	UT_EXPECT_STR(m.domains[0], "lan");
	UT_EXPECT_STR(m.domains[1], "example.com");
	UT_EXPECT(m.domains_raw.len == 24);
	/* a compression pointer, a label past the end, no final zero */
	UT_EXPECT(solicit_with("00180006 036c616ec000", &m) ==
		  DHCP6_ERR_DOMAIN);
	UT_EXPECT(solicit_with("00180003 056c61", &m) == DHCP6_ERR_DOMAIN);
	UT_EXPECT(solicit_with("00180004 036c616e", &m) == DHCP6_ERR_DOMAIN);
	UT_EXPECT(solicit_with("00180002 4000", &m) == DHCP6_ERR_DOMAIN);
	/* a 256-byte name (five labels of 50): too long */
	{
		static char opts[2048];
		char *p = opts + sprintf(opts, "00180100");
		int i, j;

		for (i = 0; i < 5; i++) {
			p += sprintf(p, "32");
			for (j = 0; j < 50; j++)
				p += sprintf(p, "61");
		}
		sprintf(p, "00");
		UT_EXPECT(solicit_with(opts, &m) == DHCP6_ERR_DOMAIN);
		/* four of 50 and one of 49: 255 bytes, 253 as text */
		p = opts + sprintf(opts, "001800ff");
		for (i = 0; i < 5; i++) {
			p += sprintf(p, "%02x", i < 4 ? 50 : 49);
			for (j = 0; j < (i < 4 ? 50 : 49); j++)
				p += sprintf(p, "61");
		}
		sprintf(p, "00");
		UT_ASSERT(solicit_with(opts, &m) == DHCP6_OK);
		UT_EXPECT(m.n_domains == 1 && strlen(m.domains[0]) == 253);
	}
}

UT_CASE(domains_encode)
{
	static const char *const names[] = { "lan", "example.com." };
	static const char *const bad[][1] = {
		{ "" }, { "." }, { "a..b" }, { ".a" }, { "a b" }, { "a.." },
	};
	uint8_t b[512], want[64];
	size_t n, wn = ut_hex(want, "036c616e00 076578616d706c6503636f6d00");
	size_t i;

	n = dhcp6_domains_encode(b, sizeof(b), names, 2);
	UT_EXPECT(n == wn && !memcmp(b, want, wn));
	UT_EXPECT(dhcp6_domains_encode(b, wn - 1, names, 2) == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		UT_EXPECT(dhcp6_domains_encode(b, sizeof(b), bad[i], 1) == 0);
}

/* Delegated prefixes: a SOLICIT's hint and a REPLY with a /56. */
UT_CASE(prefix_delegation)
{
	static uint8_t b[512];
	struct in6_addr want = ip6("2001:db8:100::");
	struct dhcp6_msg m;
	size_t n;

	n = ut_hex(b, "01a1b2c3 0001000e" CLIENT_DUID
		"00190029 00000001 00000000 00000000"
		"001a0019 00000000 00000000 38"
		"00000000000000000000000000000000"
		"000e0000");
	UT_ASSERT(parse_exact(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.rapid_commit && m.n_ia == 1 &&
		  m.ia[0].kind == DHCP6_OPT_IA_PD && m.ia[0].n_addrs == 1 &&
		  m.ia[0].addrs[0].plen == 56);
	n = ut_hex(b, "07a1b2c3 0001000e" CLIENT_DUID "0002000e" SERVER_DUID
		"0019002f 00000001 00000708 00000c4e"
		"001a001f 00000e10 00001c20 38"
		"20010db8010000000000000000000000"
		"000d00020000"
		"000e0000");
	UT_ASSERT(parse_exact(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.ia[0].t1 == 1800 && m.ia[0].t2 == 3150);
	UT_EXPECT(!memcmp(&m.ia[0].addrs[0].addr, &want, 16) &&
		  m.ia[0].addrs[0].preferred == 3600 &&
		  m.ia[0].addrs[0].valid == 7200 &&
		  m.ia[0].addrs[0].status.present);
	/* a status code inside the IA: NoPrefixAvail */
	n = ut_hex(b, "07a1b2c3 0001000e" CLIENT_DUID "0002000e" SERVER_DUID
		"00190014 00000001 00000000 00000000 000d0004 0006 6e6f");
	UT_ASSERT(parse_exact(b, n, &m) == DHCP6_OK);
	UT_EXPECT(m.ia[0].status.code == DHCP6_STATUS_NO_PREFIX_AVAIL &&
		  m.ia[0].status.text.len == 2);
}

/*
 * dnsmasq's ADVERTISE and REPLY rebuilt from their parse are the same
 * bytes; dhcpcd's SOLICIT the same less its Vendor Class (not kept).
 */
UT_CASE(build_same_bytes)
{
	static uint8_t b[512], out[512];
	struct dhcp6_msg m, m2;
	size_t n, on;

	n = ut_hex(b, advertise_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	on = dhcp6_msg_build(out, sizeof(out), &m);
	UT_EXPECT(on == n && !memcmp(out, b, n));
	UT_EXPECT(dhcp6_msg_build(out, n - 1, &m) == 0);
	n = ut_hex(b, reply_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	on = dhcp6_msg_build(out, sizeof(out), &m);
	UT_EXPECT(on == n && !memcmp(out, b, n));
	n = ut_hex(b, solicit_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	on = dhcp6_msg_build(out, sizeof(out), &m);
	UT_EXPECT(on == n - 64 && !memcmp(out, b, on));
	/* every option we build, parsed back */
	{
		static const char *const dom[] = { "lan" };
		uint8_t draw[16], key[17] = { DHCP6_RECONF_KEY, 1, 2, 3 };
		size_t dn = dhcp6_domains_encode(draw, sizeof(draw), dom, 1);

		m.type = DHCP6_REPLY;
		m.has_server_id = true;
		m.server_id = m.client_id;
		m.n_ia = 2;
		m.ia[1] = (struct dhcp6_ia){ .kind = DHCP6_OPT_IA_PD,
			.iaid = 7, .t1 = 1, .t2 = 2, .n_addrs = 1,
			.addrs[0] = { .plen = 48, .preferred = 5, .valid = 6,
				      .status = { true, 0, { NULL, 0 } } },
			.status = { true, 6, { (const uint8_t *)"x", 1 } } };
		m.has_preference = true;
		m.preference = 255;
		m.rapid_commit = m.reconf_accept = true;
		m.has_auth = true;
		m.auth = (struct dhcp6_auth){ 3, 1, 0, 42, { key, 17 } };
		m.has_unicast = true;
		m.unicast = ip6("2001:db8::1");
		m.has_reconf_msg = true;
		m.reconf_msg = DHCP6_RENEW;
		m.has_dns = true;
		m.n_dns = 1;
		m.dns[0] = ip6("2001:db8::53");
		m.has_domains = true;
		m.domains_raw = (struct dhcp6_bytes){ draw, (uint16_t)dn };
		m.has_sol_max_rt = m.has_inf_max_rt = true;
		m.sol_max_rt = 3600;
		m.inf_max_rt = 86400;
		on = dhcp6_msg_build(out, sizeof(out), &m);
		UT_ASSERT(on);
		UT_ASSERT(dhcp6_msg_parse(out, on, &m2) == DHCP6_OK);
		UT_EXPECT(m2.n_ia == 2 && m2.ia[1].kind == DHCP6_OPT_IA_PD &&
			  m2.ia[1].addrs[0].plen == 48 &&
			  m2.ia[1].addrs[0].status.present &&
			  m2.ia[1].status.code == 6);
		UT_EXPECT(m2.rapid_commit && m2.reconf_accept &&
			  m2.preference == 255 && m2.auth.replay == 42 &&
			  m2.reconf_msg == DHCP6_RENEW && m2.n_dns == 1 &&
			  m2.n_domains == 1 && m2.sol_max_rt == 3600 &&
			  m2.inf_max_rt == 86400 && m2.has_unicast);
		UT_EXPECT_STR(m2.domains[0], "lan");
		/* too small anywhere: 0, never a partial message */
		for (n = 0; n < on; n++)
			UT_EXPECT(dhcp6_msg_build(out, n, &m) == 0);
		/* a bad DUID, type, prefix length: nothing built */
		m.server_id.bytes.len = 2;
		UT_EXPECT(dhcp6_msg_build(out, sizeof(out), &m) == 0);
		m.server_id = m.client_id;
		m.ia[1].addrs[0].plen = 129;
		UT_EXPECT(dhcp6_msg_build(out, sizeof(out), &m) == 0);
		m.ia[1].addrs[0].plen = 48;
		m.type = DHCP6_RELAY_FORW;
		UT_EXPECT(dhcp6_msg_build(out, sizeof(out), &m) == 0);
	}
}

/* The relay builder gives the hand-made bytes, also in place. */
UT_CASE(relay_build)
{
	static uint8_t want[1024], s[512], out[1024];
	struct dhcp6_relay r = {
		.type = DHCP6_RELAY_FORW,
		.link = ip6("2001:db8:1::1"),
		.peer = ip6("fe80::5054:ff:fe12:3456"),
		.has_interface_id = true,
		.interface_id = { (const uint8_t *)"eth0", 4 },
		.has_remote_id = true,
		.remote_enterprise = 9,
		.remote_id = { (const uint8_t *)"port-1", 6 },
	};
	size_t sn = ut_hex(s, solicit_hex);
	size_t wn = ut_hex(want, RELAY_HDR RELAY_OPTS "00090074"), n;
	struct dhcp6_packet pk;

	memcpy(want + wn, s, sn);
	wn += sn;
	r.msg = (struct dhcp6_bytes){ s, (uint16_t)sn };
	n = dhcp6_relay_build(out, sizeof(out), &r);
	UT_EXPECT(n == wn && !memcmp(out, want, wn));
	for (n = 0; n < wn; n++)
		UT_EXPECT(dhcp6_relay_build(out, n, &r) == 0);
	/* the message at the start of the buffer the relay goes into */
	memcpy(out, s, sn);
	r.msg.p = out;
	n = dhcp6_relay_build(out, sizeof(out), &r);
	UT_EXPECT(n == wn && !memcmp(out, want, wn));
	/* with a Subscriber-ID, parsed back */
	r.has_subscriber_id = true;
	r.subscriber_id = (struct dhcp6_bytes){ (const uint8_t *)"sub", 3 };
	r.msg.p = s;
	n = dhcp6_relay_build(out, sizeof(out), &r);
	UT_ASSERT(n && dhcp6_packet_parse(out, n, &pk) == DHCP6_OK);
	UT_EXPECT(pk.relays[0].subscriber_id.len == 3 &&
		  !memcmp(pk.relays[0].subscriber_id.p, "sub", 3));
	r.type = DHCP6_SOLICIT;
	UT_EXPECT(dhcp6_relay_build(out, sizeof(out), &r) == 0);
}

UT_CASE(names)
{
	UT_EXPECT_STR(dhcp6_err_name(DHCP6_ERR_DEPTH), "depth");
	UT_EXPECT_STR(dhcp6_err_name(DHCP6_ERR_MAX), "unknown");
	UT_EXPECT_STR(dhcp6_type_name(DHCP6_RELAY_REPL), "RELAY-REPL");
	UT_EXPECT_STR(dhcp6_type_name(200), "unknown");
	for (int e = 0; e < DHCP6_ERR_MAX; e++)
		UT_EXPECT(dhcp6_err_name((enum dhcp6_err)e) != NULL);
}

UT_MAIN("apedged_dhcp6_wire",
	UT_ENTRY(solicit_from_dhcpcd),
	UT_ENTRY(advertise_from_dnsmasq),
	UT_ENTRY(request_and_reply),
	UT_ENTRY(every_truncation),
	UT_ENTRY(relay_forw_solicit),
	UT_ENTRY(relay_every_truncation),
	UT_ENTRY(relay_inner_truncation),
	UT_ENTRY(relay_three_deep),
	UT_ENTRY(relay_depth_limit),
	UT_ENTRY(relay_direction),
	UT_ENTRY(relay_options),
	UT_ENTRY(option_lengths),
	UT_ENTRY(duplicates),
	UT_ENTRY(duids),
	UT_ENTRY(mandatory_options),
	UT_ENTRY(auth_shapes),
	UT_ENTRY(limits),
	UT_ENTRY(domain_list),
	UT_ENTRY(domains_encode),
	UT_ENTRY(prefix_delegation),
	UT_ENTRY(build_same_bytes),
	UT_ENTRY(relay_build),
	UT_ENTRY(names))
