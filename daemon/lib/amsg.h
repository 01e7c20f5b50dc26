/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink messages of the apedge family and of the genl controller
 * (nlctrl): pure parsers over byte buffers and builders of libnl messages.
 *
 * The parsers do no I/O and keep no state: they take one netlink message
 * (or a datagram of them, for amsg_next()) exactly as it came off the
 * socket, trust none of its lengths, and either fill in a struct or fail
 * with -EBADMSG and a message saying what is wrong.  They read the buffer
 * with memcpy(), so it need not be aligned.
 */
#ifndef APEDGED_MSG_H
#define APEDGED_MSG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

struct nl_msg;

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

/* An apedge message with port attributes (port-add, port-add-ntf, ...). */
struct amsg_port {
	uint8_t cmd;
	uint32_t ifindex;		/* 0 when absent */
	char ifname[IFNAMSIZ];		/* "" when absent */
	uint32_t role;			/* 0 when absent */
};

/*
 * Any apedge message in the port attribute set.  family_id 0 accepts any
 * message type.  One of ifindex and ifname is required; role, when given,
 * must be a known role.
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

/* An NLMSG_ERROR message: an acknowledgement (error 0) or an error. */
struct amsg_ack {
	uint32_t seq;
	int error;			/* 0 or -errno */
	char ext_msg[128];		/* the kernel's extack text, or "" */
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
	int af;				/* AF_INET or AF_INET6 */
	uint8_t addr[16];		/* the first 4 bytes for AF_INET */
	uint8_t mac[6];
	uint32_t ifindex;		/* the port */
	bool permanent;			/* no lifetime attribute */
	uint32_t lifetime;		/* seconds left; 0 when permanent */
	uint32_t origin;		/* enum apedge_binding_origin; 0: absent */
};

/*
 * A binding-get reply or dump part.  Exactly one of ipv4 (4 bytes) and
 * ipv6 (16 bytes), mac (6 bytes) and ifindex (not 0) are required;
 * lifetime and origin (a known origin) are optional.
 */
int amsg_parse_binding(const void *buf, size_t len, uint16_t family_id,
		       struct amsg_binding *b, struct amsg_err *err);

/*
 * Builders.  Each returns a new libnl message (NULL when out of memory),
 * with port and sequence number left for nl_send_auto() to fill in.
 */
struct nl_msg *amsg_build_family_dump(void);
struct nl_msg *amsg_build_port_add(uint16_t family_id, const char *ifname,
				   uint32_t role);
struct nl_msg *amsg_build_port_del(uint16_t family_id, const char *ifname);
struct nl_msg *amsg_build_info_get(uint16_t family_id);
/* xid-send on ifname for sta; vlan 0 untagged, count 0 and 1 one frame. */
struct nl_msg *amsg_build_xid_send(uint16_t family_id, const char *ifname,
				   const uint8_t sta[6], uint32_t mode,
				   uint16_t vlan, uint32_t count,
				   uint32_t interval_ms);
/*
 * binding-add of addr (af AF_INET: 4 bytes, AF_INET6: 16) for mac on the
 * port ifname; lifetime in seconds, 0 (no attribute) for ever.  NULL also
 * when af is neither.
 */
struct nl_msg *amsg_build_binding_add(uint16_t family_id, int af,
				      const uint8_t *addr,
				      const uint8_t mac[6],
				      const char *ifname, uint32_t lifetime);
/* A dump of binding-get: every port's bindings. */
struct nl_msg *amsg_build_binding_dump(uint16_t family_id);

#endif
