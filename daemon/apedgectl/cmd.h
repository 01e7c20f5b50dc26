/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's objects, each a table of verbs, one file per object:
 *
 *   module.c   info              the module's version and features
 *   monitor.c  monitor           events: the module's, or apedged's
 *   port.c     port              the module's ports
 *   policy.c   policy            a port's guard policy
 *   binding.c  binding           the binding table and its limit
 *   auth.c     auth              802.1X authorization of ports, stations
 *   xid.c      xid               Layer-2 Update frames
 *   stats.c    stats             counters
 *   daemon.c   daemon            apedged itself
 *   sta.c      sta               apedged's stations (of the AP)
 *   iapp.c     iapp              apedged's IAPP engine
 *   dhcp4.c    dhcp4             apedged's DHCPv4 clients
 *   eapol.c    eapol             apedged's 802.1X supplicants
 *   station.c  station           apedged's WPA2 stations (uplinks)
 *
 * A verb has a pure parser of its words into the request (args.h) and a
 * runner that does the I/O: a request of the apedge family (through nl.h
 * and lib/amsg.h), or a line to apedged's control socket (daemon.c).
 * Everything it prints goes through the print path (print.h).
 */
#ifndef APEDGECTL_CMD_H
#define APEDGECTL_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "apedgectl/args.h"
#include "apedgectl/print.h"
#include "lib/amsg.h"
#include "lib/jsonv.h"

struct actl_nl;

/* What a verb's runner works with. */
struct actl_ctx {
	const struct actl_req *req;
	struct print *out;
	struct actl_nl *nl;	/* the module's socket; NULL for apedged's */
};

/* Another name of a verb, not listed in help or errors ("list"). */
#define ACTL_VERB_ALIAS		0x1
/* Matched only as the whole word, never as a prefix ("ls", "delete"). */
#define ACTL_VERB_EXACT		0x8
/* Sent to apedged's control socket, not to the module. */
#define ACTL_VERB_DAEMON	0x2
/* Not in a batch file (runs until interrupted). */
#define ACTL_VERB_NO_BATCH	0x4

struct actl_verb {
	const char *name;
	enum actl_cmd cmd;
	unsigned int flags;
	/* Words after the verb: more than max are refused before parse. */
	unsigned char min_args, max_args;
	/* Pure: the words into the request; NULL when it takes none. */
	int (*parse)(struct actl_parser *p, struct actl_req *req);
	/* The I/O; 0, or 1 after saying on stderr what failed. */
	int (*run)(struct actl_ctx *ctx);
	/* The synopsis of the words; "\n" starts a continuation line. */
	const char *args;
	/* The command's name when not "OBJECT VERB" (errors, help). */
	const char *title;
};

/* The object's name is never shortened ("st" stays stats). */
#define ACTL_OBJ_EXACT		0x1
/* "OBJECT ARGS": a word that is not a verb is the default verb's. */
#define ACTL_OBJ_BARE		0x2
/* The object is the command, its one verb without a name. */
#define ACTL_OBJ_NO_VERB	0x4

struct actl_object {
	const char *name;
	const char *alias;		/* another whole name, or NULL */
	unsigned int flags;
	/* The verb without one ("port" is "port show"); NULL: required. */
	const char *default_verb;
	const struct actl_verb *verbs;	/* up to a NULL name */
	const char *help;		/* what the object is, one line */
};

extern const struct actl_object actl_obj_info, actl_obj_monitor,
	actl_obj_port, actl_obj_policy, actl_obj_binding, actl_obj_xid,
	actl_obj_stats, actl_obj_daemon, actl_obj_sta, actl_obj_iapp,
	actl_obj_dhcp4, actl_obj_dhcp6, actl_obj_eapol, actl_obj_station,
	actl_obj_auth,
	actl_obj_help;

/* Every object, in the order of the usage text; NULL-terminated. */
extern const struct actl_object *const actl_objects[];

/* ---- shared by the runners (module.c, daemon.c) ------------------------- */

/*
 * One request of the family, built into a buffer; each reply message
 * goes to fn.  0, or 1 after the error line (actl_report()).
 */
typedef int (*actl_msg_fn)(const void *msg, size_t len, void *data);
int actl_module_call(struct actl_ctx *ctx, const void *req, size_t len,
		     actl_msg_fn fn, void *data);
/* The error line of a failed request of the module: "apedgectl: ...". */
int actl_report(const struct actl_ctx *ctx, int err);
/* The interface name of ifindex into buf, "" when there is none. */
const char *actl_ifname(uint32_t ifindex, char *buf);

/*
 * A request of apedged (the control socket line of ctx->req), and its
 * reply printed: JSON as apedged sent it with -j; as text by text() when
 * given (falling back to the JSON if it is not ours), nothing when quiet,
 * else the JSON or "ok".
 */
int actl_daemon_call(struct actl_ctx *ctx,
		     void (*text)(FILE *f, const struct jv_doc *d),
		     bool quiet);
/*
 * The control socket request line of a daemon, sta or iapp command
 * (apedged's ctl.c and iapp/ctl.c read it), newline included; 0, or -1
 * when it does not fit.
 */
int actl_daemon_line(const struct actl_req *req, char *buf, size_t size);
/* sta's part of it. */
int sta_line(const struct actl_req *req, char *buf, size_t size);
/* dhcp4's part of it. */
int dhcp4_line(const struct actl_req *req, char *buf, size_t size);
/* station's. */
int station_line(const struct actl_req *req, char *buf, size_t size);
void station_print_text(FILE *f, const struct jv_doc *d);
/* eapol's. */
int eapol_line(const struct actl_req *req, char *buf, size_t size);
int dhcp6_line(const struct actl_req *req, char *buf, size_t size);
/* The text of a value of apedged's JSON, "-" when absent (v NULL). */
void actl_jv_text(const struct jv *v, char *buf, size_t size);
/* The same of obj's member key; returns buf. */
const char *actl_jv_member(const struct jv_doc *d, const struct jv *obj,
			   const char *key, char *buf, size_t size);

/* ---- the printers, which the tests call too ----------------------------- */

void info_print(struct print *p, const struct amsg_info *info);
/* monitor.c: a port event, one line (JSON: one compact object a line). */
void port_event_print(struct print *p, const char *event,
		      const struct amsg_port *port);
/* A punted packet (monitor); ifname "" when unknown. */
void punt_print(struct print *p, const struct amsg_punt *punt,
		const char *ifname);
void port_print(struct print *p, const struct amsg_port *port);
/* A binding; ifname is its port's name, "" when unknown. */
void binding_print(struct print *p, const struct amsg_binding *b,
		   const char *ifname);
void binding_config_print(struct print *p,
			  const struct amsg_binding_config *c);
/* auth.c: an auth-get object, and an auth event (monitor); ifname as above. */
void auth_print(struct print *p, const struct amsg_auth *a,
		const char *ifname);
void auth_event_print(struct print *p, const struct amsg_auth *a,
		      const char *ifname);

/*
 * stats: the table's header and a port's line, and the text tables that
 * follow it (the guard's counters, the source guard's drops), which a
 * port's line adds to.
 */
struct stats_text {
	struct strbuf counters;
	struct strbuf sg;
	struct strbuf snoop;
};

void stats_begin(struct print *p, struct stats_text *t);
void stats_print(struct print *p, struct stats_text *t,
		 const struct amsg_stats *st);
/* After the last port: the list's end, then the text tables; frees t. */
void stats_end(struct print *p, struct stats_text *t, bool ok);

/* Text of apedged's "iapp show" and "sta show" replies. */
void iapp_print_text(FILE *f, const struct jv_doc *d);
void sta_print_text(FILE *f, const struct jv_doc *d);
/* Text of "dhcp4 show" and "dhcp4 stats" (arrays, one entry a client). */
void dhcp4_print_text(FILE *f, const struct jv_doc *d);
void dhcp4_stats_print_text(FILE *f, const struct jv_doc *d);
/* Text of "eapol show" and "eapol stats" (arrays, one entry a supplicant). */
void eapol_print_text(FILE *f, const struct jv_doc *d);
void eapol_stats_print_text(FILE *f, const struct jv_doc *d);
void eapol_auth_print_text(FILE *f, const struct jv_doc *d);
void dhcp6_show_print_text(FILE *f, const struct jv_doc *d);
void dhcp6_leases_print_text(FILE *f, const struct jv_doc *d);
void dhcp6_stats_print_text(FILE *f, const struct jv_doc *d);

#endif
