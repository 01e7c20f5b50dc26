/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one codec of the apedge generic netlink family, and of the genl
 * controller (nlctrl) as far as looking a family up needs it, shared by
 * apedged and apedgectl.  Pure: no I/O, no state, no netlink library.
 *
 * The parsers take one netlink message (or a datagram of them, for
 * amsg_next()) exactly as it came off the socket, trust none of its
 * lengths, and either fill in a struct or fail with -EBADMSG and a message
 * saying what is wrong.  They read the buffer with memcpy(), so it need
 * not be aligned.  Attributes they do not know (from a newer module) are
 * skipped.
 *
 * The builders write a request into a byte buffer (struct amsg_out) and
 * return its length, 0 when it does not fit; the caller sends those bytes
 * with the socket library it likes (libnl in apedged, libmnl in
 * apedgectl).  Port and sequence number are left 0 for the sender.
 */
#ifndef APEDGE_LIB_AMSG_H
#define APEDGE_LIB_AMSG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/apedge.h>

struct amsg_err {
	char msg[160];
};

/* A stretch of a buffer: a payload, or what is left of one. */
struct amsg_span {
	const uint8_t *data;
	size_t len;
};

/* Say what is wrong in err; returns -EBADMSG. */
int amsg_fail(struct amsg_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Step through attributes: the next one of *rest, its type (flags masked
 * off) in *type and its payload in *val.  1 when one was read, 0 at the
 * end, -EBADMSG when what is left is not a whole attribute; what names
 * the attribute set in the error.
 */
int amsg_next_attr(struct amsg_span *rest, unsigned int *type,
		   struct amsg_span *val, const char *what,
		   struct amsg_err *err);

/* A u32 attribute's payload, checked to be exactly 4 bytes; 0 or -EBADMSG. */
int amsg_get_u32(const struct amsg_span *a, const char *name, uint32_t *v,
		 struct amsg_err *err);

/*
 * Step through the messages of a datagram.  *pos and *left describe what
 * is still to be read; on success *msg and *msg_len give the next message
 * (header included) and 1 is returned.  0 at the end; -EBADMSG when what
 * is left is not a whole message.
 */
int amsg_next(const uint8_t **pos, size_t *left, const uint8_t **msg,
	      size_t *msg_len, struct amsg_err *err);

/* The netlink header of a message at least NLMSG_HDRLEN long. */
void amsg_header(const void *buf, struct nlmsghdr *nlh);

/* The genetlink command of a message, or -1 if it is too short for one. */
int amsg_genl_cmd(const void *buf, size_t len);

/* Policy classes and verdicts are indexed by their enum value. */
#define AMSG_CLASS_MAX 32

/*
 * An apedge message in the port attribute set: a port-get reply or dump
 * part, a port event, or (built) a port-add, port-set, port-del, port-get
 * or policy-set request.  A field left 0 (or false) is absent.
 */
struct amsg_port {
	uint8_t cmd;
	uint32_t ifindex;		/* 0 when absent */
	char ifname[IFNAMSIZ];		/* "" when absent */
	uint32_t role;			/* 0 when absent */
	/* the verdict of class c at policy[c]; 0: not given */
	uint8_t policy[AMSG_CLASS_MAX];
	unsigned int n_policy;		/* classes given */
	bool has_punt_rate;
	uint32_t punt_rate;
	bool has_source_guard;
	bool source_guard;
	bool has_verify_chaddr;
	bool verify_chaddr;
	bool has_allow_opaque;
	bool allow_opaque;
	/* Layer-2 Update relay (the module's l2relay.c) */
	bool has_l2update;
	uint32_t l2update;		/* 0 none, or enum apedge_xid_mode */
	bool has_l2update_relay;
	bool l2update_relay;
	bool has_l2update_vlan;
	uint16_t l2update_vlan;		/* 0 untagged, at most 4094 */
	/* in replies only, never built into a request */
	bool has_l2update_relay_path;
	uint8_t l2update_relay_path;	/* enum apedge_l2relay_path */
	/* IEEE 802.1X (the module's auth.c) */
	bool has_auth_mode;
	uint8_t auth_mode;		/* enum apedge_auth_mode */
	bool has_auth_allow;
	uint32_t auth_allow;		/* enum apedge_auth_allow flags */
};

/*
 * Any apedge message in the port attribute set.  family_id 0 accepts any
 * message type.  One of ifindex and ifname is required; role, when given,
 * must be a known role; each policy entry needs a class (1 to
 * AMSG_CLASS_MAX - 1) and a verdict (1 to 255).
 */
int amsg_parse_port(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_port *port, struct amsg_err *err);
/* As amsg_parse_port(), for port-add-ntf and port-del-ntf only. */
int amsg_parse_port_event(const void *buf, size_t len, uint16_t family_id,
			  struct amsg_port *ev, struct amsg_err *err);

#define AMSG_GROUPS_MAX 16

struct amsg_group {
	char name[GENL_NAMSIZ];
	uint32_t id;
};

/* An nlctrl message describing a family: a get-family reply or a
 * new-family/del-family/new-mcast-grp/del-mcast-grp notification. */
struct amsg_family {
	uint8_t cmd;			/* CTRL_CMD_* */
	uint16_t id;
	char name[GENL_NAMSIZ];
	uint32_t version;		/* 0 when absent */
	size_t n_groups;		/* the first AMSG_GROUPS_MAX */
	struct amsg_group groups[AMSG_GROUPS_MAX];
};

int amsg_parse_family(const void *buf, size_t len, struct amsg_family *fam,
		      struct amsg_err *err);
/* The id of the group called name, or 0 when the family has none. */
uint32_t amsg_family_group(const struct amsg_family *fam, const char *name);

/*
 * What a message on the events socket of family is: one of the family's
 * own, nlctrl saying the family was unregistered (its module unloaded),
 * or anything else.
 */
enum amsg_event_kind {
	AMSG_EV_OTHER,
	AMSG_EV_FAMILY,
	AMSG_EV_GONE,
};

enum amsg_event_kind amsg_event_kind(const void *buf, size_t len,
				     uint16_t family_id);

/*
 * An NLMSG_ERROR message, an acknowledgement (error 0) or an error, or an
 * NLMSG_DONE, the end of a dump, which carries an error code too.
 */
struct amsg_ack {
	uint32_t seq;
	bool done;			/* an NLMSG_DONE */
	int error;			/* 0 or -errno */
	char ext_msg[256];		/* the kernel's extack text, or "";
					 * cut to fit */
};

int amsg_parse_ack(const void *buf, size_t len, struct amsg_ack *ack,
		   struct amsg_err *err);

/* The reply to info-get. */
struct amsg_info {
	char version[64];		/* "" when absent */
	uint32_t features;
};

int amsg_parse_info(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_info *info, struct amsg_err *err);

/* A binding, as binding-get replies (and its dump) carry it. */
struct amsg_binding {
	int af;				/* AF_INET or AF_INET6; 0: none */
	uint8_t addr[16];		/* the first 4 bytes for AF_INET */
	uint8_t plen;			/* AF_INET6: a prefix of this
					 * length; 0: an address */
	uint8_t mac[6];			/* all 0: none */
	uint32_t ifindex;		/* the port; 0: none */
	char ifname[IFNAMSIZ];		/* requests only; "" when absent */
	bool permanent;			/* no lifetime attribute */
	uint32_t lifetime;		/* seconds left; 0 when permanent */
	uint32_t origin;		/* enum apedge_binding_origin; 0: absent */
	uint32_t domain;		/* the layer-2 domain's ifindex; 0: none */
	bool has_vlan;			/* vlan present */
	uint16_t vlan;			/* the domain's VLAN, 0 to 4094 */
};

/*
 * A binding-get reply or dump part.  Exactly one of ipv4 (4 bytes) and
 * ipv6 (16 bytes), mac (6 bytes) and ifindex (not 0) are required;
 * lifetime, origin (a known origin), prefix-len (1 to 128, with ipv6
 * only), domain and vlan (0 to 4094) are optional.
 */
int amsg_parse_binding(const void *buf, size_t len, uint16_t family_id,
		       struct amsg_binding *b, struct amsg_err *err);

/* The reply to binding-config-get. */
struct amsg_binding_config {
	uint32_t limit;
	uint32_t count;
	uint64_t refused;
	uint64_t snoop_overflow;
	uint64_t snooped;
	uint64_t moved;
	uint64_t move_conflicts;
};

/* The limit is required, the counters optional. */
int amsg_parse_binding_config(const void *buf, size_t len,
			      uint16_t family_id,
			      struct amsg_binding_config *c,
			      struct amsg_err *err);

/* One of the guard's counters. */
struct amsg_counter {
	uint32_t direction;		/* enum apedge_direction */
	uint32_t class;			/* enum apedge_policy_class */
	uint32_t verdict;		/* 0: a count by malformed reason */
	uint32_t reason;		/* enum apedge_malformed_reason */
	uint64_t packets;
};

/* The most counters of one port a stats reply may hold. */
#define AMSG_COUNTERS_MAX 256

/* A stats-get reply or dump part: one port's counters. */
struct amsg_stats {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];		/* "" when absent */
	uint64_t xid_transmit;
	uint64_t xid_inject;
	uint64_t xid_errors;
	uint64_t punt_sent;
	uint64_t punt_ratelimited;
	uint64_t punt_overflow;
	/* drops of the source guard, by kind */
	uint64_t sg_ipv4;
	uint64_t sg_ipv6;
	uint64_t sg_arp;
	uint64_t sg_nd;
	uint64_t sg_ll;
	uint64_t sg_lla;
	/* what snooping refused, and verify-chaddr's drops */
	uint64_t snoop_ports;
	uint64_t snoop_untrusted;
	uint64_t snoop_no_request;
	uint64_t snoop_chaddr;
	uint64_t snoop_unbound;
	uint64_t snoop_overflow;
	uint64_t dhcp_chaddr_drop;
	/* Layer-2 Updates received on a relay port, by outcome */
	uint64_t l2update_relayed;
	uint64_t l2update_refused;
	uint64_t l2update_overflow;
	unsigned int n_counters;
	struct amsg_counter counters[AMSG_COUNTERS_MAX];
};

/*
 * ifindex is required, every counter optional (0); each guard counter
 * needs its direction, class and packets.  More than AMSG_COUNTERS_MAX
 * counters is an error.
 */
int amsg_parse_stats(const void *buf, size_t len, uint16_t family_id,
		     struct amsg_stats *st, struct amsg_err *err);

/* A packet the module copied or redirected to the punt group. */
struct amsg_punt {
	uint32_t ifindex;
	uint32_t direction;
	uint32_t class;
	uint32_t verdict;
	uint32_t len;			/* of the packet on the wire */
	uint32_t caplen;		/* of packet[] */
	bool has_mac;			/* src-mac and dst-mac came (both) */
	uint8_t src_mac[6], dst_mac[6];	/* the frame's Ethernet addresses */
	uint8_t packet[APEDGE_PUNT_SNAPLEN];
};

/* ifindex and the packet (at most APEDGE_PUNT_SNAPLEN bytes) required;
 * src-mac and dst-mac, 6 bytes each, both or neither. */
int amsg_parse_punt(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_punt *punt, struct amsg_err *err);

/* A station the module found authorized on a relay port (an AP interface). */
struct amsg_sta_auth {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];		/* "" when absent */
	uint8_t sta[6];
	uint16_t vlan;			/* 0 when absent */
};

/*
 * A sta-authorized-ntf: ifindex (not 0) and a unicast, non-zero sta
 * required; vlan, when given, 1 to 4094.
 */
int amsg_parse_sta_auth(const void *buf, size_t len, uint16_t family_id,
			struct amsg_sta_auth *ev, struct amsg_err *err);

/*
 * An object of the auth attribute set: an auth-get dump part (a port in
 * 802.1X mode, or, with a mac, an authorized station), auth-unauth-seen or
 * auth-changed.  Counters absent are 0.
 */
struct amsg_auth {
	uint8_t cmd;
	uint32_t ifindex;		/* required, not 0 */
	char ifname[IFNAMSIZ];		/* "" when absent */
	bool has_mac;
	uint8_t mac[6];			/* a unicast address when given */
	bool has_authorized;
	uint8_t authorized;		/* 0 or 1 */
	bool has_mode;
	uint8_t mode;			/* enum apedge_auth_mode */
	uint32_t allow;			/* enum apedge_auth_allow flags */
	uint32_t entries;
	uint64_t rx_dropped, tx_dropped, rx_eapol, tx_eapol;
	uint64_t rx_allowed, tx_allowed, unauth_seen, rx_passed, tx_passed;
};

/*
 * The three commands above only; auth-unauth-seen needs a mac and
 * auth-changed authorized.
 */
int amsg_parse_auth(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_auth *a, struct amsg_err *err);

/* binding-moved: a station's bindings moved to another port. */
struct amsg_binding_moved {
	uint8_t mac[6];
	uint32_t from;			/* 0: from every port */
	uint32_t to;
	uint32_t domain;		/* the new port's layer-2 domain */
	uint16_t vlan;
	uint32_t moved;			/* how many */
};

/*
 * mac (6 bytes), to-ifindex (not 0), domain and moved are required,
 * ifindex and vlan (up to 4094) optional.
 */
int amsg_parse_binding_moved(const void *buf, size_t len, uint16_t family_id,
			     struct amsg_binding_moved *m,
			     struct amsg_err *err);

/*
 * Builders.  A request is begun with its headers, given attributes, and
 * ended, which writes its length; a request that did not fit in size
 * bytes ends with 0.  Nests close in the order they opened.
 */
#define AMSG_NEST_MAX 4

struct amsg_out {
	uint8_t *buf;
	size_t size;
	size_t len;
	size_t nest[AMSG_NEST_MAX];
	unsigned int depth;
	bool full;			/* something did not fit */
};

/* NLM_F_REQUEST is always set; flags adds NLM_F_ACK, NLM_F_DUMP... */
void amsg_out_begin(struct amsg_out *o, void *buf, size_t size,
		    uint16_t type, uint16_t flags, uint8_t cmd,
		    uint8_t version);
void amsg_out_put(struct amsg_out *o, uint16_t type, const void *data,
		  size_t len);
void amsg_out_u8(struct amsg_out *o, uint16_t type, uint8_t v);
void amsg_out_u16(struct amsg_out *o, uint16_t type, uint16_t v);
void amsg_out_u32(struct amsg_out *o, uint16_t type, uint32_t v);
void amsg_out_u64(struct amsg_out *o, uint16_t type, uint64_t v);
void amsg_out_str(struct amsg_out *o, uint16_t type, const char *s);
void amsg_out_nest_begin(struct amsg_out *o, uint16_t type);
void amsg_out_nest_end(struct amsg_out *o);
/* The request's length, or 0 when it did not fit (or a nest is open). */
size_t amsg_out_end(struct amsg_out *o);

/*
 * The attributes of a request, from the struct the parser fills: every
 * field that is not 0 (or false).  A binding's origin is the module's and
 * never sent.
 */
void amsg_put_port(struct amsg_out *o, const struct amsg_port *port);
void amsg_put_binding(struct amsg_out *o, const struct amsg_binding *b);

/* An xid-send request; a field left 0 (or false) is left to the module. */
struct amsg_xid {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	uint8_t sta[6];
	uint32_t mode;			/* enum apedge_xid_mode */
	uint16_t vlan;
	uint32_t count;
	bool has_interval;
	uint32_t interval;		/* ms */
	bool has_rw;
	uint8_t rw;
};

void amsg_put_xid(struct amsg_out *o, const struct amsg_xid *x);
/* The device of a stats-get or stats-reset request. */
void amsg_put_stats_dev(struct amsg_out *o, uint32_t ifindex,
			const char *ifname);

/*
 * Whole requests.  The flags are the netlink flags besides NLM_F_REQUEST.
 * family_get: nlctrl's CTRL_CMD_GETFAMILY for the family called name, or
 * a dump of every family (which never loads a module) when name is NULL.
 */
size_t amsg_build_family_get(void *buf, size_t size, uint16_t flags,
			     const char *name);
/* A request of the apedge family without attributes (info-get, dumps). */
size_t amsg_build_empty(void *buf, size_t size, uint16_t family_id,
			uint16_t flags, uint8_t cmd);
size_t amsg_build_port(void *buf, size_t size, uint16_t family_id,
		       uint16_t flags, uint8_t cmd,
		       const struct amsg_port *port);
size_t amsg_build_binding(void *buf, size_t size, uint16_t family_id,
			  uint16_t flags, uint8_t cmd,
			  const struct amsg_binding *b);
size_t amsg_build_xid_send(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, const struct amsg_xid *x);

/*
 * auth-set: a port (mac NULL) or a station authorized or not; flags as
 * above.  auth-get: a dump, of one port if ifindex or ifname is given.
 */
size_t amsg_build_auth_set(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, uint32_t ifindex,
			   const char *ifname, const uint8_t *mac,
			   bool authorized);
size_t amsg_build_auth_get(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, uint32_t ifindex,
			   const char *ifname);

/* A buffer that any request of the family fits in. */
#define AMSG_REQ_SIZE 1024

#endif
