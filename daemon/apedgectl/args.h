/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's command line, parsed into a request.  Pure: no I/O.
 *
 *   apedgectl [OPTIONS] OBJECT [VERB] [ARGS]
 *
 * The objects and their verbs are tables (cmd.h), one file per object;
 * this file finds the object and the verb, checks the number of words,
 * and gives the verb's parser the helpers below for its keywords.
 */
#ifndef APEDGECTL_ARGS_H
#define APEDGECTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/ctrl.h"
#include "lib/mac.h"

#define ACTL_IFNAMSIZ 16

enum actl_cmd {
	ACTL_CMD_NONE,
	ACTL_CMD_HELP,
	ACTL_CMD_VERSION,
	ACTL_CMD_INFO,
	ACTL_CMD_PORT_ADD,
	ACTL_CMD_PORT_DEL,
	ACTL_CMD_PORT_SHOW,
	ACTL_CMD_XID_SEND,
	ACTL_CMD_STATS,
	ACTL_CMD_MONITOR,
	ACTL_CMD_DAEMON,
	ACTL_CMD_POLICY_SET,
	ACTL_CMD_STATS_RESET,
	ACTL_CMD_STA_ADD,
	ACTL_CMD_STA_AUTHORIZE,
	ACTL_CMD_STA_DEL,
	ACTL_CMD_STA_SHOW,
	ACTL_CMD_IAPP_SHOW,
	ACTL_CMD_PORT_SET,
	ACTL_CMD_BINDING_ADD,
	ACTL_CMD_BINDING_DEL,
	ACTL_CMD_BINDING_SHOW,
	ACTL_CMD_BINDING_LIMIT,
	ACTL_CMD_BINDING_MOVE,
	ACTL_CMD_DHCP4_SHOW,
	ACTL_CMD_DHCP4_STATS,
	ACTL_CMD_DHCP4_RENEW,
	ACTL_CMD_DHCP4_REBIND,
	ACTL_CMD_DHCP4_RELEASE,
	ACTL_CMD_EAPOL_SHOW,
	ACTL_CMD_EAPOL_STATS,
	ACTL_CMD_EAPOL_LOGOFF,
	ACTL_CMD_EAPOL_REAUTH,
	ACTL_CMD_STATION_SHOW,
	ACTL_CMD_EAPOL_AUTH,
	ACTL_CMD_DHCP6_SHOW,
	ACTL_CMD_DHCP6_LEASES,
	ACTL_CMD_DHCP6_STATS,
	ACTL_CMD_DHCP6_LEASE_DEL,
	ACTL_CMD_DHCP6_RECONFIGURE,
	ACTL_CMD_AUTH_SHOW,
	ACTL_CMD_AUTH_SET,
	ACTL_CMD_AUTH_FLUSH,
	ACTL_CMD_COUNT
};

/* Most "ip ADDR" a sta add takes: apedged's own limit (lib/ctrl.h). */
#define ACTL_IPS_MAX APEDGE_STA_ADD_IPS_MAX

#define ACTL_POLICY_CLASSES 32

struct actl_object;
struct actl_verb;

/* A request; a field left 0 (or false) was not given. */
struct actl_req {
	enum actl_cmd cmd;
	const struct actl_object *obj;	/* NULL for -h and -V */
	const struct actl_verb *verb;	/* NULL for help, -h and -V */
	bool json;
	bool pretty;
	const char *ctrl_path;		/* -s; NULL for the default */
	const char *netns;		/* -n; NULL for apedgectl's own */
	const struct actl_object *help;	/* help OBJECT; NULL: all */

	char ifname[ACTL_IFNAMSIZ];	/* dev IF */
	uint32_t ifindex;		/* ifindex N */
	uint32_t role;			/* enum apedge_port_role */
	uint8_t sta[MAC_LEN];
	bool has_sta;
	uint32_t mode;			/* enum apedge_xid_mode */
	uint16_t vlan;
	uint32_t count;
	bool has_interval;
	uint32_t interval;
	bool has_rw;
	uint8_t rw;
	const char *daemon_req;		/* status, ping or reload */
	char dhcp6_lease[64];		/* dhcp6 lease del ADDRESS[/PLEN] */
	const char *dhcp6_what;		/* dhcp6 reconfigure: renew... */
	bool monitor_daemon;		/* monitor daemon: apedged's events */
	/* policy set: the verdict for class c at policy[c], 0 unchanged */
	uint8_t policy[ACTL_POLICY_CLASSES];
	bool has_punt_rate;
	uint32_t punt_rate;
	/* sta add (also sta, vlan and dev above) */
	bool authorized;
	bool has_prev_ap;
	uint8_t prev_ap[MAC_LEN];
	const char *ips[ACTL_IPS_MAX];
	unsigned int n_ips;
	/* source-guard on|off: 0 not given, else ACTL_SG_OFF or ACTL_SG_ON */
	uint8_t source_guard;
	/* verify-chaddr and allow-opaque on|off: as source_guard */
	uint8_t verify_chaddr;
	uint8_t allow_opaque;
	/* port: l2update transmit|inject|off, l2update-relay on|off, vlan */
	bool has_l2update;
	uint32_t l2update;		/* 0 off, or enum apedge_xid_mode */
	uint8_t l2update_relay;		/* as source_guard */
	bool has_l2update_vlan;
	uint16_t l2update_vlan;
	/* port: auth-mode none|port|mac, auth-allow dhcp,arp|none */
	bool has_auth_mode;
	uint8_t auth_mode;		/* enum apedge_auth_mode */
	bool has_auth_allow;
	uint32_t auth_allow;		/* enum apedge_auth_allow flags */
	/* binding: the address (AF_INET or AF_INET6, 0 not given) */
	int family;
	uint8_t addr[16];
	uint8_t plen;			/* ADDR/LEN: an IPv6 prefix; 0 none */
	uint8_t mac[MAC_LEN];
	bool has_mac;
	bool has_lifetime;
	uint32_t lifetime;
	/* binding limit N; 0 only shows it */
	uint32_t limit;
	/* binding move ... to IF: the port the station is on now */
	char to_ifname[ACTL_IFNAMSIZ];
	const char *batch;		/* -b FILE */
};

#define ACTL_SG_OFF	1
#define ACTL_SG_ON	2

/*
 * Parse argv[1..argc-1].  Returns 0, or -1 with a one-line reason in err
 * (no trailing newline).
 */
int actl_args_parse(int argc, char **argv, struct actl_req *req,
		    char *err, size_t errlen);

/* The command's name as the user types it, e.g. "port add". */
const char *actl_cmd_name(enum actl_cmd cmd);
/* Whether the command goes to apedged's control socket. */
bool actl_cmd_is_daemon(enum actl_cmd cmd);

/*
 * The usage text: of every object, or of one (help OBJECT, OBJECT help),
 * written from the tables.
 */
void actl_usage(FILE *f, const struct actl_object *obj);

/* ---- for the verbs' parsers --------------------------------------------- */

/* The words after the verb, and where the error goes. */
struct actl_parser {
	int argc;
	char **argv;
	int i;
	char *err;
	size_t errlen;
};

/* Say what is wrong (printf-style), on one line; returns -1. */
int actl_fail(struct actl_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The next word, without taking it / taking it; NULL at the end. */
const char *actl_peek(const struct actl_parser *p);
const char *actl_next(struct actl_parser *p);
/* The value after keyword kw; -1 (with the error) when there is none. */
int actl_value(struct actl_parser *p, const char *kw, const char **out);
/* Whether s is a valid interface name. */
bool actl_valid_ifname(const char *s);
/*
 * The word of words (NULL-terminated) that word is or, failing that, the
 * only one it is a prefix of; word itself if none; NULL, with the error
 * set, when it is the prefix of several.
 */
const char *actl_expand(struct actl_parser *p, const char *word,
			const char *const *words);
/* An unsigned number in [min, max] after kw; decimal, or hex with 0x. */
int actl_number(struct actl_parser *p, const char *kw, unsigned long min,
		unsigned long max, unsigned long *out);
/* "dev IF" or "ifindex N", once. */
bool actl_is_dev_kw(const char *kw);
int actl_device(struct actl_parser *p, const char *kw, struct actl_req *req);
/* Fails unless a device was given. */
int actl_need_device(struct actl_parser *p, const struct actl_req *req);
/* Only "dev IF" may follow (the daemon's engine words); need: it must. */
int actl_dev_only(struct actl_parser *p, struct actl_req *req, bool need);
/* The control line "OBJ VERB[ dev IF]\n" into buf: 0, or -1 if too long. */
int actl_dev_line(char *buf, size_t size, const char *obj, const char *verb,
		  const char *ifname);
/* Fails if a word is left. */
int actl_no_more(struct actl_parser *p, const struct actl_req *req);
/* A unicast, non-zero MAC address after kw, as xx:xx:xx:xx:xx:xx. */
int actl_mac_value(struct actl_parser *p, const char *kw,
		   uint8_t mac[MAC_LEN]);
/* An IPv4 or IPv6 address after kw into req->family and req->addr. */
int actl_address(struct actl_parser *p, const char *kw,
		 struct actl_req *req);
/* The same, of the value s already taken. */
int actl_address_value(struct actl_parser *p, const char *s,
		       struct actl_req *req);

/* The keywords of a device alone. */
extern const char *const actl_dev_kws[];

#endif
