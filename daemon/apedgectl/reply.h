/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers of the apedge family's replies and of netlink errors.  Pure:
 * each takes one netlink message already checked with mnl_nlmsg_ok()
 * and validates every attribute it reads.  They return 0, or -1 for a
 * malformed message.
 */
#ifndef APEDGECTL_REPLY_H
#define APEDGECTL_REPLY_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "apedgectl/args.h"

struct actl_info {
	char version[32];
	uint32_t features;
};

/* Policy classes and their verdicts, by enum value. */
#define ACTL_CLASS_MAX 32

struct actl_port {
	uint32_t ifindex;
	char ifname[ACTL_IFNAMSIZ];
	uint32_t role;
	/* verdict of class c at policy[c]; 0 if the module did not say */
	uint8_t policy[ACTL_CLASS_MAX];
	unsigned int npolicy;
	uint32_t punt_rate;
	bool has_punt_rate;
	uint8_t source_guard;
	bool has_source_guard;
};

struct actl_counter {
	uint32_t direction;
	uint32_t class;
	uint32_t verdict;	/* 0: a count by malformed reason */
	uint32_t reason;
	uint64_t packets;
};

#define ACTL_COUNTERS_MAX 256

struct actl_stats {
	uint32_t ifindex;
	char ifname[ACTL_IFNAMSIZ];
	uint64_t xid_transmit;
	uint64_t xid_inject;
	uint64_t xid_errors;
	struct actl_counter counters[ACTL_COUNTERS_MAX];
	unsigned int ncounters;
	uint64_t punt_sent;
	uint64_t punt_ratelimited;
	uint64_t punt_overflow;
	/* drops of the source guard, by kind */
	uint64_t sg_ipv4;
	uint64_t sg_ipv6;
	uint64_t sg_arp;
	uint64_t sg_nd;
};

/* A binding: an address bound to a MAC address and a port. */
struct actl_binding {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint8_t mac[6];
	uint32_t ifindex;
	uint32_t lifetime;	/* seconds left, if has_lifetime */
	bool has_lifetime;	/* false: permanent */
	uint32_t origin;	/* enum apedge_binding_origin */
};

struct actl_binding_config {
	uint32_t limit;
	uint32_t count;
	uint64_t refused;
	uint64_t snoop_overflow;
	uint64_t snooped;
};

int actl_parse_binding(const struct nlmsghdr *nlh, struct actl_binding *b);
int actl_parse_binding_config(const struct nlmsghdr *nlh,
			      struct actl_binding_config *c);

#define ACTL_PUNT_SNAPLEN 512

/* A packet the module copied or redirected to the punt group. */
struct actl_punt {
	uint32_t ifindex;
	uint32_t direction;
	uint32_t class;
	uint32_t verdict;
	uint32_t len;
	uint32_t caplen;
	uint8_t packet[ACTL_PUNT_SNAPLEN];
};

int actl_parse_punt(const struct nlmsghdr *nlh, struct actl_punt *punt);

/*
 * Whether a whole message, padding included, starts at nlh within len
 * bytes.  libmnl's mnl_nlmsg_ok() takes a length above INT_MAX for a
 * negative one, and its attribute walk reads up to the aligned end.
 */
bool actl_nlmsg_ok(const struct nlmsghdr *nlh, int len);

/* The genetlink command of a message, or -1 if it is too short. */
int actl_genl_cmd(const struct nlmsghdr *nlh);

int actl_parse_info(const struct nlmsghdr *nlh, struct actl_info *info);
int actl_parse_port(const struct nlmsghdr *nlh, struct actl_port *port);
int actl_parse_stats(const struct nlmsghdr *nlh, struct actl_stats *st);

/*
 * A CTRL_CMD_NEWFAMILY reply: the family id and the id of the multicast
 * group named group (0 if absent).
 */
int actl_parse_family(const struct nlmsghdr *nlh, const char *group,
		      uint16_t *id, uint32_t *grp_id);

/* What a message on the events socket is; see actl_event_kind(). */
enum actl_event_kind {
	ACTL_EV_OTHER,		/* none of our business */
	ACTL_EV_FAMILY,		/* a message of the family */
	ACTL_EV_GONE,		/* the family was unregistered */
};

/*
 * Whether nlh is a message of family, the generic netlink controller's
 * CTRL_CMD_DELFAMILY for family (its module was unloaded), or other.
 */
enum actl_event_kind actl_event_kind(const struct nlmsghdr *nlh,
				     uint16_t family);

/*
 * An NLMSG_ERROR (or NLMSG_DONE carrying an error): *err is the negative
 * errno (0 for an ACK) and msg the extended ACK text, or "" if none.
 */
int actl_parse_error(const struct nlmsghdr *nlh, int *err, char *msg,
		     size_t msglen);

#endif
