/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCPv6 (RFC 8415) messages and options, as a server and a relay see
 * them: pure parsers and builders over byte buffers.  No I/O, no state,
 * no allocation.
 *
 * Two layers:
 *
 *  - a client/server message (RFC 8415 §8): msg-type, a 24-bit
 *    transaction-id, options.  dhcp6_msg_parse() walks the options with
 *    the bounded cursor of lib/bytes.h, one level into IA_NA, IA_TA and
 *    IA_PD (IAADDR, IAPREFIX, Status Code) and one more into those
 *    (Status Code), checks every known option's length, refuses an
 *    option RFC 8415 §21 allows once that comes twice, and checks what
 *    each message type must and must not carry (RFC 8415 §16);
 *  - relay messages (RFC 8415 §9): RELAY-FORW and RELAY-REPL, whose Relay
 *    Message option holds another message, possibly a relay message
 *    again.  dhcp6_packet_parse() unwraps them in a loop with an explicit
 *    depth counter bounded by DHCP6_HOP_COUNT_LIMIT, never by recursion,
 *    then parses the innermost message.
 *
 * Variable-length values (DUIDs, Interface-ID, Remote-ID, status text,
 * the domain list's wire form, a relayed message) are pointers into the
 * parsed buffer, which must outlive the struct.  Numbers are in host
 * byte order; addresses are struct in6_addr as on the wire.
 *
 * What the parser does not judge is left to the logic: T1 > T2, a
 * preferred lifetime over the valid one, SOL_MAX_RT out of 60..86400,
 * whether a Server ID is ours, a relay message's hop-count.
 */
#ifndef APEDGED_DHCP6_WIRE_H
#define APEDGED_DHCP6_WIRE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP6_CLIENT_PORT	546
#define DHCP6_SERVER_PORT	547

#define DHCP6_HDR_LEN		4	/* msg-type, transaction-id */
#define DHCP6_RELAY_HDR_LEN	34	/* msg-type, hop-count, 2 addresses */
#define DHCP6_MSG_MAX		65527	/* a UDP payload over IPv6 */

/* RFC 8415 §7.6: how many relays a message may pass. */
#define DHCP6_HOP_COUNT_LIMIT	32
/* The deepest nesting of relay messages we unwrap. */
#define DHCP6_RELAY_DEPTH_MAX	DHCP6_HOP_COUNT_LIMIT

/* Counts per message; a message with more is refused ("too-many"). */
#define DHCP6_IA_MAX		8	/* IA_NA + IA_TA + IA_PD options */
#define DHCP6_ADDRS_PER_IA_MAX	8	/* IAADDR or IAPREFIX per IA */
#define DHCP6_ORO_MAX		64	/* option codes in an ORO */
/* Lists a client is given: more are checked but not kept. */
#define DHCP6_DNS_MAX		8	/* DNS recursive name servers */
#define DHCP6_DOMAINS_MAX	6	/* search domains */
#define DHCP6_NAME_MAX		253	/* a domain name as text */

/* RFC 8415 §11: a DUID is at most 128 bytes after its 2-byte type. */
#define DHCP6_DUID_MAX		130
#define DHCP6_DUID_MIN		3	/* a type and one byte */
#define DHCP6_DUID_LLT		1
#define DHCP6_DUID_EN		2
#define DHCP6_DUID_LL		3
#define DHCP6_DUID_UUID		4	/* RFC 6355: exactly 16 bytes */

/* Message types (RFC 8415 §7.3). */
enum dhcp6_type {
	DHCP6_NONE = 0,
	DHCP6_SOLICIT = 1,
	DHCP6_ADVERTISE,
	DHCP6_REQUEST,
	DHCP6_CONFIRM,
	DHCP6_RENEW,
	DHCP6_REBIND,
	DHCP6_REPLY,
	DHCP6_RELEASE,
	DHCP6_DECLINE,
	DHCP6_RECONFIGURE,
	DHCP6_INFORMATION_REQUEST,
	DHCP6_RELAY_FORW,
	DHCP6_RELAY_REPL,
	DHCP6_TYPE_MAX = DHCP6_RELAY_REPL
};

/* Option codes (RFC 8415 §21, RFC 3646, RFC 4649, RFC 4580). */
enum {
	DHCP6_OPT_CLIENTID = 1,
	DHCP6_OPT_SERVERID = 2,
	DHCP6_OPT_IA_NA = 3,
	DHCP6_OPT_IA_TA = 4,
	DHCP6_OPT_IAADDR = 5,
	DHCP6_OPT_ORO = 6,
	DHCP6_OPT_PREFERENCE = 7,
	DHCP6_OPT_ELAPSED_TIME = 8,
	DHCP6_OPT_RELAY_MSG = 9,
	DHCP6_OPT_AUTH = 11,
	DHCP6_OPT_UNICAST = 12,
	DHCP6_OPT_STATUS_CODE = 13,
	DHCP6_OPT_RAPID_COMMIT = 14,
	DHCP6_OPT_USER_CLASS = 15,
	DHCP6_OPT_VENDOR_CLASS = 16,
	DHCP6_OPT_VENDOR_OPTS = 17,
	DHCP6_OPT_INTERFACE_ID = 18,
	DHCP6_OPT_RECONF_MSG = 19,
	DHCP6_OPT_RECONF_ACCEPT = 20,
	DHCP6_OPT_DNS_SERVERS = 23,
	DHCP6_OPT_DOMAIN_LIST = 24,
	DHCP6_OPT_IA_PD = 25,
	DHCP6_OPT_IAPREFIX = 26,
	DHCP6_OPT_REMOTE_ID = 37,
	DHCP6_OPT_SUBSCRIBER_ID = 38,
	DHCP6_OPT_CLIENT_LLADDR = 79,	/* RFC 6939 */
	DHCP6_OPT_SOL_MAX_RT = 82,
	DHCP6_OPT_INF_MAX_RT = 83,
};

/* Status codes (RFC 8415 §21.13). */
enum {
	DHCP6_STATUS_SUCCESS = 0,
	DHCP6_STATUS_UNSPEC_FAIL = 1,
	DHCP6_STATUS_NO_ADDRS_AVAIL = 2,
	DHCP6_STATUS_NO_BINDING = 3,
	DHCP6_STATUS_NOT_ON_LINK = 4,
	DHCP6_STATUS_USE_MULTICAST = 5,
	DHCP6_STATUS_NO_PREFIX_AVAIL = 6,
};

/* RFC 8415 §20.4: the reconfigure key of the Auth option. */
#define DHCP6_AUTH_PROTO_RECONF	3
#define DHCP6_AUTH_ALGO_HMAC_MD5 1
#define DHCP6_AUTH_RDM_COUNTER	0
#define DHCP6_RECONF_KEY	1	/* auth info type: the key */
#define DHCP6_RECONF_HMAC	2	/* auth info type: an HMAC-MD5 */
#define DHCP6_RECONF_KEY_LEN	16
#define DHCP6_AUTH_FIXED_LEN	11	/* proto, algo, RDM, replay */

/* Why a message was refused: indexes the "malformed" counters. */
enum dhcp6_err {
	DHCP6_OK = 0,
	DHCP6_ERR_SHORT,	/* shorter than its header */
	DHCP6_ERR_LONG,		/* longer than DHCP6_MSG_MAX */
	DHCP6_ERR_TYPE,		/* a msg-type we do not handle here */
	DHCP6_ERR_OPT_TRUNC,	/* an option runs past its container */
	DHCP6_ERR_OPT_LEN,	/* a known option with a wrong length */
	DHCP6_ERR_OPT_VALUE,	/* a field out of range (a prefix length
				 * over 128, a Reconfigure Message type) */
	DHCP6_ERR_DUP,		/* an option allowed once, twice */
	DHCP6_ERR_DUID,		/* a Client or Server ID that is no DUID */
	DHCP6_ERR_IA_DUP,	/* two IAs of one kind with one IAID */
	DHCP6_ERR_TOO_MANY,	/* over DHCP6_IA_MAX, _ADDRS_PER_IA_MAX,
				 * _ORO_MAX */
	DHCP6_ERR_AUTH,		/* an Auth option of a bad shape */
	DHCP6_ERR_DOMAIN,	/* a malformed domain list */
	DHCP6_ERR_NO_CLIENT_ID,	/* the type needs a Client ID */
	DHCP6_ERR_NO_SERVER_ID,	/* the type needs a Server ID */
	DHCP6_ERR_SERVER_ID,	/* a Server ID the type must not carry */
	DHCP6_ERR_IA_FORBIDDEN,	/* an IA in an INFORMATION-REQUEST */
	DHCP6_ERR_NO_RECONF_MSG,	/* RECONFIGURE without option 19 */
	DHCP6_ERR_NO_AUTH,	/* RECONFIGURE without an Auth option */
	DHCP6_ERR_NO_RELAY_MSG,	/* a relay message without option 9 */
	DHCP6_ERR_RELAY_INNER,	/* RELAY-FORW holding a server's message,
				 * RELAY-REPL a client's */
	DHCP6_ERR_DEPTH,	/* relays nested over DHCP6_RELAY_DEPTH_MAX */
	DHCP6_ERR_MAX
};

const char *dhcp6_err_name(enum dhcp6_err e);	/* "opt-trunc", ... */
const char *dhcp6_type_name(unsigned int t);	/* "SOLICIT", ... */

/* Bytes inside the parsed buffer. */
struct dhcp6_bytes {
	const uint8_t *p;
	uint16_t len;
};

/* A DUID (RFC 8415 §11), type included in bytes. */
struct dhcp6_duid {
	uint16_t type;
	struct dhcp6_bytes bytes;
};

struct dhcp6_status {
	bool present;
	uint16_t code;
	struct dhcp6_bytes text;	/* UTF-8, not NUL-terminated */
};

/* An IAADDR (plen 128) or an IAPREFIX. */
struct dhcp6_iaaddr {
	struct in6_addr addr;
	uint8_t plen;
	uint32_t preferred, valid;	/* seconds, 0xffffffff infinity */
	struct dhcp6_status status;
};

struct dhcp6_ia {
	uint16_t kind;			/* DHCP6_OPT_IA_NA, _IA_TA, _IA_PD */
	uint32_t iaid;
	uint32_t t1, t2;		/* 0 for IA_TA */
	struct dhcp6_status status;
	uint8_t n_addrs;
	struct dhcp6_iaaddr addrs[DHCP6_ADDRS_PER_IA_MAX];
};

struct dhcp6_auth {
	uint8_t proto, algo, rdm;
	uint64_t replay;
	struct dhcp6_bytes info;	/* for proto 3: type and 16 bytes */
};

/*
 * A client or server message.  has_* tells whether an option was there;
 * flags (rapid_commit, reconf_accept) are options without a value.
 */
struct dhcp6_msg {
	uint8_t type;			/* enum dhcp6_type, 1..11 */
	uint32_t xid;			/* 24 bits */

	bool has_client_id, has_server_id;
	struct dhcp6_duid client_id, server_id;
	uint8_t n_ia;
	struct dhcp6_ia ia[DHCP6_IA_MAX];
	bool has_oro;
	uint8_t n_oro;
	uint16_t oro[DHCP6_ORO_MAX];
	bool has_preference;
	uint8_t preference;
	bool has_elapsed;
	uint16_t elapsed;		/* hundredths of a second */
	bool rapid_commit, reconf_accept;
	bool has_reconf_msg;
	uint8_t reconf_msg;		/* RENEW, REBIND, INFORMATION-REQUEST */
	bool has_auth;
	struct dhcp6_auth auth;
	bool has_unicast;
	struct in6_addr unicast;
	struct dhcp6_status status;
	bool has_dns;
	uint8_t n_dns;
	struct in6_addr dns[DHCP6_DNS_MAX];
	bool has_domains;
	struct dhcp6_bytes domains_raw;	/* the option's value, as sent */
	uint8_t n_domains;		/* decoded, letters/digits/-/_ only */
	char domains[DHCP6_DOMAINS_MAX][DHCP6_NAME_MAX + 1];
	bool has_sol_max_rt, has_inf_max_rt;
	uint32_t sol_max_rt, inf_max_rt;
};

/* One relay message's header and the options a relay adds. */
struct dhcp6_relay {
	uint8_t type;			/* RELAY_FORW or RELAY_REPL */
	uint8_t hop_count;
	struct in6_addr link, peer;
	bool has_interface_id;
	struct dhcp6_bytes interface_id;
	bool has_remote_id;		/* RFC 4649 */
	uint32_t remote_enterprise;
	struct dhcp6_bytes remote_id;
	bool has_subscriber_id;		/* RFC 4580 */
	struct dhcp6_bytes subscriber_id;
	bool has_client_lladdr;		/* RFC 6939: type, then the address */
	uint16_t client_lltype;		/* 1 for Ethernet (ARP hardware type) */
	struct dhcp6_bytes client_lladdr; /* 1 or more bytes */
	struct dhcp6_bytes msg;		/* option 9's value: the inner one */
};

/*
 * What a server or relay received: the relay messages it came through,
 * outermost (the last relay's) first, and the client's (or server's)
 * message inside.
 */
struct dhcp6_packet {
	uint8_t n_relays;
	struct dhcp6_relay relays[DHCP6_RELAY_DEPTH_MAX];
	struct dhcp6_bytes inner;	/* the innermost message's bytes */
	struct dhcp6_msg msg;
	uint8_t err_depth;		/* on error: the level that failed */
};

/*
 * Parse a client/server message (types 1..11).  A relay message type
 * is DHCP6_ERR_TYPE here.  On error *m is partly filled and must not
 * be used.
 */
enum dhcp6_err dhcp6_msg_parse(const uint8_t *buf, size_t len,
			       struct dhcp6_msg *m);

/* Parse one relay message's header and options, not the inner one. */
enum dhcp6_err dhcp6_relay_parse(const uint8_t *buf, size_t len,
				 struct dhcp6_relay *r);

/*
 * The client's Ethernet address from a relayed packet (RFC 6939): the
 * Client Link-Layer Address of the innermost relay, the one that saw
 * the client's frame, when it is of type 1 and 6 bytes.  Only that
 * relay's: an outer relay's option would name a relay, not the client.
 * true and mac filled, or false.
 */
bool dhcp6_packet_client_mac(const struct dhcp6_packet *pk, uint8_t mac[6]);

/*
 * Parse what came on the wire: a client/server message, or relay
 * messages nested up to DHCP6_RELAY_DEPTH_MAX deep around one.  The
 * walk is a loop over the Relay Message options; the inner message of a
 * RELAY-FORW must be a RELAY-FORW or a client's message, that of a
 * RELAY-REPL a RELAY-REPL or a server's.
 */
enum dhcp6_err dhcp6_packet_parse(const uint8_t *buf, size_t len,
				  struct dhcp6_packet *pk);

/*
 * Build a client/server message from *m: every has_* option, the IAs
 * with their addresses and status codes, domains_raw as it is (see
 * dhcp6_domains_encode()); n_domains and domains[] are not read.  The
 * order is Client ID, Server ID, the IAs, Status Code, ORO, Preference,
 * Elapsed Time, Rapid Commit, Auth, Server Unicast, Reconfigure
 * Message, Reconfigure Accept, DNS servers, domain list, SOL_MAX_RT,
 * INF_MAX_RT.  The message's length, or 0 when it does not fit or a
 * value is out of range (a type outside 1..11, a DUID that is not one
 * by dhcp6_duid_valid(), a prefix length over 128).
 */
size_t dhcp6_msg_build(uint8_t *buf, size_t size, const struct dhcp6_msg *m);

/*
 * Build a relay message around r->msg (the inner message's bytes, which
 * may lie in buf after the header: they are moved), with the
 * Interface-ID, Remote-ID, Subscriber-ID and Client Link-Layer Address
 * options r has, in that order.  Its length,
 * or 0 when it does not fit.
 */
size_t dhcp6_relay_build(uint8_t *buf, size_t size,
			 const struct dhcp6_relay *r);

/*
 * A domain list option's value (RFC 8415 §10: uncompressed wire form)
 * from n names as text, each without or with a trailing dot.  Its
 * length, or 0 when a name is invalid or it does not fit.
 */
size_t dhcp6_domains_encode(uint8_t *buf, size_t size,
			    const char *const *names, unsigned int n);

/* Is a DUID's shape right for its type (RFC 8415 §11, RFC 6355)? */
bool dhcp6_duid_valid(const uint8_t *p, size_t len);

#endif
