// SPDX-License-Identifier: GPL-2.0
/*
 * The connection to the apedge generic netlink family.  See genl.h.
 *
 * nlsock.c provides the socket, which libnl's message building feeds;
 * what comes back is taken apart by the pure parsers of msg.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/errno.h>
#include <netlink/msg.h>

#include <linux/apedge.h>

#include "kernel/genl.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/nlsock.h"

enum unload_reason {
	ABSENT_NOT_FOUND,	/* a lookup did not find the family */
	ABSENT_UNLOADED,	/* nlctrl said it went away */
	ABSENT_REPLACED,	/* it came back under a new id: said already */
};

/* A request sent, waiting for its answer, then for its completion call. */
struct pending {
	struct list node;
	uint32_t seq;
	uint8_t cmd;
	char ifname[IFNAMSIZ];
	agenl_done_fn done;	/* NULL: ops->port_result */
	agenl_binding_fn got;	/* binding-get's */
	void *data;
	/* The answer. */
	int error;
	char ext_msg[sizeof(((struct amsg_ack *)0)->ext_msg)];
	bool has_binding;
	struct amsg_binding b;
};

struct agenl {
	struct loop *loop;
	const struct agenl_ops *ops;
	void *data;

	struct nlsock *sock;
	struct loop_timer *retry;

	enum agenl_state state;
	bool absent_logged;	/* the one "not loaded" line was logged */
	uint16_t family_id;
	uint32_t events_group;	/* joined while connected; 0 if none */
	uint32_t notify_group;	/* nlctrl's, joined once known */
	struct amsg_info info;
	uint32_t info_seq;

	bool dumping;
	unsigned int dump_ticks;	/* retry ticks the lookup has taken */
	uint32_t dump_seq;
	bool dump_found;
	struct amsg_family found;

	struct list pending;	/* requests awaiting their answer */
	struct list done;	/* answered, awaiting their completion */
	struct loop_defer *defer;	/* runs the completions */
	uint32_t last_seq;

	bool bdumping;		/* a binding dump runs, or is ending */
	bool bdump_ended;	/* ... ending: its completion is deferred */
	int bdump_error;
	uint32_t bdump_seq;
	uint64_t bdump_ms;	/* when it started */
	unsigned int bdump_intr;	/* interrupted dumps in a row */

	uint32_t pdump_seq;	/* the port dump of the last connect; 0: none */
};

static void start_lookup(struct agenl *nl);

const char *agenl_state_name(enum agenl_state state)
{
	switch (state) {
	case APEDGED_NL_ABSENT:
		return "absent";
	case APEDGED_NL_CONNECTED:
		return "connected";
	}
	return "unknown";
}

enum agenl_state agenl_get_state(const struct agenl *nl)
{
	return nl->state;
}

uint16_t agenl_family_id(const struct agenl *nl)
{
	return nl->state == APEDGED_NL_CONNECTED ? nl->family_id : 0;
}

const char *agenl_module_version(const struct agenl *nl)
{
	return nl->state == APEDGED_NL_CONNECTED ? nl->info.version : "";
}

static const char *cmd_name(uint8_t cmd)
{
	switch (cmd) {
	case APEDGE_CMD_PORT_ADD:
		return "port-add";
	case APEDGE_CMD_PORT_DEL:
		return "port-del";
	case APEDGE_CMD_INFO_GET:
		return "info-get";
	case APEDGE_CMD_XID_SEND:
		return "xid-send";
	case APEDGE_CMD_BINDING_ADD:
		return "binding-add";
	case APEDGE_CMD_BINDING_DEL:
		return "binding-del";
	case APEDGE_CMD_BINDING_GET:
		return "binding-get";
	case APEDGE_CMD_BINDING_MOVE:
		return "binding-move";
	case APEDGE_CMD_AUTH_SET:
		return "auth-set";
	}
	return "request";
}

/* A request of len bytes (0: it was not built); its sequence number in *seq. */
static int send_msg(struct agenl *nl, const void *req, size_t len,
		    uint32_t *seq)
{
	return nlsock_send_bytes(nl->sock, req, len, seq);
}

static void free_list(struct list *l)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, l) {
		list_del(pos);
		free(list_entry(pos, struct pending, node));
	}
}

static struct pending *pending_find(struct agenl *nl, uint32_t seq)
{
	struct list *pos;

	list_for_each(pos, &nl->pending) {
		struct pending *p = list_entry(pos, struct pending, node);

		if (p->seq == seq)
			return p;
	}
	return NULL;
}

static void defer_cb(void *data);

static void defer(struct agenl *nl)
{
	if (!nl->defer)
		nl->defer = loop_defer(nl->loop, defer_cb, nl);
	if (!nl->defer)
		log_err("apedge: cannot defer a completion: %s",
			strerror(errno));
}

/* p has its answer: its completion is called from the loop, later. */
static void complete(struct agenl *nl, struct pending *p, int error,
		     const char *ext_msg)
{
	p->error = error;
	snprintf(p->ext_msg, sizeof(p->ext_msg), "%s", ext_msg);
	list_del(&p->node);
	list_add_tail(&nl->done, &p->node);
	defer(nl);
}

/* Every request still waiting gets error as its answer. */
static void pending_fail(struct agenl *nl, int error)
{
	while (!list_empty(&nl->pending))
		complete(nl, list_entry(nl->pending.next, struct pending, node),
			 error, "");
}

static void call(struct agenl *nl, struct pending *p)
{
	if (p->got)
		p->got(p->error, p->has_binding && !p->error ? &p->b : NULL,
		       p->ext_msg, p->data);
	else if (p->done)
		p->done(p->error, p->ext_msg, p->data);
	else if (nl->ops->port_result)
		nl->ops->port_result(p->cmd, p->ifname, p->error, p->ext_msg,
				     nl->data);
}

/* The binding dump ends, one way or another; its completion is deferred. */
static void bdump_end(struct agenl *nl, int error)
{
	if (!nl->bdumping || nl->bdump_ended)
		return;
	nl->bdump_ended = true;
	nl->bdump_error = error;
	if (error)
		log_warn("apedge: binding dump failed: %s", strerror(-error));
	defer(nl);
}

static void defer_cb(void *data)
{
	struct agenl *nl = data;

	nl->defer = NULL;
	/* One at a time off the list: a completion may send, or free. */
	while (!list_empty(&nl->done)) {
		struct pending *p = list_entry(nl->done.next, struct pending,
					       node);

		list_del(&p->node);
		call(nl, p);
		free(p);
	}
	if (nl->bdumping && nl->bdump_ended) {
		nl->bdumping = nl->bdump_ended = false;
		if (nl->ops->binding_dump_done)
			nl->ops->binding_dump_done(nl->bdump_error, nl->data);
	}
}

static void retry_timer_cb(struct loop_timer *t, void *data)
{
	struct agenl *nl = data;

	if (nl->state != APEDGED_NL_ABSENT)
		return;
	if (nl->dumping && ++nl->dump_ticks < 2)
		return;		/* give the lookup in flight a chance */
	if (nl->dumping)
		log_debug("apedge: family lookup got no answer; again");
	nl->dumping = false;
	log_debug("apedge: looking for the generic netlink family again");
	start_lookup(nl);
}

static void go_absent(struct agenl *nl, enum unload_reason why)
{
	bool was_connected = nl->state == APEDGED_NL_CONNECTED;

	if (was_connected) {
		/* The kernel dropped the membership already; be sure. */
		if (nl->events_group)
			nlsock_leave(nl->sock, nl->events_group);
		nl->events_group = 0;
		nl->family_id = 0;
		memset(&nl->info, 0, sizeof(nl->info));
		nl->info_seq = 0;
		pending_fail(nl, -ENOTCONN);
		nl->state = APEDGED_NL_ABSENT;
		bdump_end(nl, -ENOTCONN);
	}

	if (why == ABSENT_UNLOADED && was_connected) {
		log_notice("apedge: kernel module unloaded (generic netlink "
			   "family \"%s\" removed); will retry",
			   APEDGE_FAMILY_NAME);
		nl->absent_logged = true;
	} else if (why == ABSENT_REPLACED) {
		nl->absent_logged = true;
	} else if (!nl->absent_logged) {
		log_notice("apedge: kernel module not loaded (generic netlink "
			   "family \"%s\" not found); will retry",
			   APEDGE_FAMILY_NAME);
		nl->absent_logged = true;
	}

	if (!loop_timer_armed(nl->retry))
		loop_timer_rearm(nl->retry, AGENL_RETRY_MS, AGENL_RETRY_MS);
	if (was_connected && nl->ops->disconnected)
		nl->ops->disconnected(nl->data);
}

static void go_connected(struct agenl *nl, const struct amsg_family *fam)
{
	uint32_t group = amsg_family_group(fam, APEDGE_MCGRP_EVENTS);
	bool reconnect = nl->state == APEDGED_NL_CONNECTED;
	int r;

	if (reconnect && (fam->id != nl->family_id ||
			  group != nl->events_group)) {
		/* It went and came back and we missed the news. */
		log_notice("apedge: generic netlink family \"%s\" was "
			   "re-registered (id %u, was %u)", fam->name, fam->id,
			   nl->family_id);
		go_absent(nl, ABSENT_REPLACED);
		reconnect = false;
	}

	if (!reconnect && group) {
		r = nlsock_join(nl->sock, group);
		if (r < 0) {
			log_err("apedge: cannot join the \"%s\" multicast "
				"group: %s; port events will be missed",
				APEDGE_MCGRP_EVENTS, nl_geterror(r));
			group = 0;
		}
	} else if (!group) {
		log_warn("apedge: family has no \"%s\" multicast group; port "
			 "events will be missed", APEDGE_MCGRP_EVENTS);
	}

	nl->family_id = fam->id;
	nl->events_group = group;
	nl->state = APEDGED_NL_CONNECTED;
	nl->absent_logged = false;
	loop_timer_disarm(nl->retry);

	if (!reconnect) {
		uint32_t req[AMSG_REQ_SIZE / 4];
		size_t len = amsg_build_empty(req, sizeof(req), fam->id, 0,
					      APEDGE_CMD_INFO_GET);

		/* The "connected" line is logged with the info reply. */
		if (send_msg(nl, req, len, &nl->info_seq) < 0) {
			nl->info_seq = 0;
			log_notice("apedge: connected to the kernel module "
				   "(family id %u)", fam->id);
		}
	}
	if (nl->ops->port_listed) {
		uint32_t req[AMSG_REQ_SIZE / 4];
		size_t len = amsg_build_empty(req, sizeof(req), fam->id,
					      NLM_F_DUMP, APEDGE_CMD_PORT_GET);

		if (send_msg(nl, req, len, &nl->pdump_seq) < 0) {
			nl->pdump_seq = 0;
			log_warn("apedge: cannot list the module's ports");
		} else {
			nl->last_seq = nl->pdump_seq;
		}
	}
	if (nl->ops->connected)
		nl->ops->connected(nl->data);
}

static void start_lookup(struct agenl *nl)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	size_t len;

	if (nl->dumping)
		return;
	nl->dump_found = false;
	nl->dump_ticks = 0;
	/* A dump of every family, which never loads a module. */
	len = amsg_build_family_get(req, sizeof(req), 0, NULL);
	if (send_msg(nl, req, len, &nl->dump_seq) < 0)
		return;		/* the retry timer tries again */
	nl->dumping = true;
}

/* Join nlctrl's notify group, seen in the dump or a notification. */
static void join_notify(struct agenl *nl, const struct amsg_family *fam)
{
	uint32_t group = amsg_family_group(fam, "notify");
	int r;

	if (!group || group == nl->notify_group)
		return;
	r = nlsock_join(nl->sock, group);
	if (r < 0) {
		log_warn("apedge: cannot join nlctrl's notify group: %s; "
			 "module load and unload are seen only by polling",
			 nl_geterror(r));
		return;
	}
	nl->notify_group = group;
	log_debug("apedge: joined nlctrl notify group %u", group);
}

static void lookup_done(struct agenl *nl)
{
	nl->dumping = false;
	if (nl->dump_found)
		go_connected(nl, &nl->found);
	else if (nl->state == APEDGED_NL_CONNECTED)
		go_absent(nl, ABSENT_UNLOADED);
	else
		go_absent(nl, ABSENT_NOT_FOUND);
}

static void handle_ctrl(struct agenl *nl, const uint8_t *msg, size_t len,
			const struct nlmsghdr *nlh)
{
	struct amsg_family fam;
	struct amsg_err err;
	bool is_apedge;

	if (amsg_parse_family(msg, len, &fam, &err) < 0) {
		log_warn("apedge: bad nlctrl message: %s", err.msg);
		return;
	}
	is_apedge = !strcmp(fam.name, APEDGE_FAMILY_NAME);

	if (nl->dumping && nlh->nlmsg_seq == nl->dump_seq &&
	    (nlh->nlmsg_flags & NLM_F_MULTI)) {
		if (!strcmp(fam.name, "nlctrl"))
			join_notify(nl, &fam);
		if (is_apedge) {
			nl->found = fam;
			nl->dump_found = true;
		}
		return;
	}

	if (!is_apedge)
		return;
	switch (fam.cmd) {
	case CTRL_CMD_NEWFAMILY:
		log_debug("apedge: nlctrl: family registered (id %u)", fam.id);
		if (amsg_family_group(&fam, APEDGE_MCGRP_EVENTS))
			go_connected(nl, &fam);
		else
			start_lookup(nl);
		break;
	case CTRL_CMD_DELFAMILY:
		log_debug("apedge: nlctrl: family unregistered (id %u)",
			  fam.id);
		if (nl->state == APEDGED_NL_CONNECTED &&
		    fam.id == nl->family_id)
			go_absent(nl, ABSENT_UNLOADED);
		break;
	default:
		break;
	}
}

static void handle_ack(struct agenl *nl, const uint8_t *msg, size_t len)
{
	struct amsg_err err;
	struct amsg_ack ack;
	struct pending *p;

	if (amsg_parse_ack(msg, len, &ack, &err) < 0) {
		log_warn("apedge: bad netlink error message: %s", err.msg);
		return;
	}

	if (nl->dumping && ack.seq == nl->dump_seq) {
		/* Only a failed dump ends in an error message. */
		nl->dumping = false;
		log_warn("apedge: family lookup failed: %s%s%s",
			 strerror(-ack.error), ack.ext_msg[0] ? ": " : "",
			 ack.ext_msg);
		if (nl->state == APEDGED_NL_ABSENT &&
		    !loop_timer_armed(nl->retry))
			loop_timer_rearm(nl->retry, AGENL_RETRY_MS,
					 AGENL_RETRY_MS);
		return;
	}
	if (nl->bdumping && ack.seq == nl->bdump_seq) {
		bdump_end(nl, ack.error ? ack.error : -EIO);
		return;
	}
	if (nl->pdump_seq && ack.seq == nl->pdump_seq) {
		nl->pdump_seq = 0;
		log_warn("apedge: cannot list the module's ports: %s",
			 strerror(-ack.error));
		return;
	}
	if (nl->info_seq && ack.seq == nl->info_seq) {
		nl->info_seq = 0;
		log_notice("apedge: connected to the kernel module (family id "
			   "%u; info-get failed: %s)", nl->family_id,
			   strerror(-ack.error));
		return;
	}

	p = pending_find(nl, ack.seq);
	if (!p) {
		log_debug("apedge: ack for unknown request %u", ack.seq);
		return;
	}
	complete(nl, p, ack.error, ack.ext_msg);
}

static void handle_apedge(struct agenl *nl, const uint8_t *msg, size_t len,
			  const struct nlmsghdr *nlh)
{
	struct genlmsghdr gh;
	struct amsg_err err;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN) {
		log_warn("apedge: short message (%zu bytes)", len);
		return;
	}
	memcpy(&gh, msg + NLMSG_HDRLEN, sizeof(gh));

	if (gh.cmd == APEDGE_CMD_INFO_GET && nl->info_seq &&
	    nlh->nlmsg_seq == nl->info_seq) {
		nl->info_seq = 0;
		if (amsg_parse_info(msg, len, nl->family_id, &nl->info,
				    &err) < 0) {
			log_warn("apedge: bad info reply: %s", err.msg);
			memset(&nl->info, 0, sizeof(nl->info));
		}
		log_notice("apedge: connected to the kernel module (family id "
			   "%u, module version %s, features 0x%x)",
			   nl->family_id,
			   nl->info.version[0] ? nl->info.version : "unknown",
			   nl->info.features);
		return;
	}

	if (gh.cmd == APEDGE_CMD_BINDING_GET && nl->bdumping &&
	    !nl->bdump_ended && nlh->nlmsg_seq == nl->bdump_seq) {
		struct amsg_binding b;

		if (amsg_parse_binding(msg, len, nl->family_id, &b,
				       &err) < 0) {
			log_warn("apedge: bad binding in dump: %s", err.msg);
			return;
		}
		if (nl->ops->binding)
			nl->ops->binding(&b, nl->data);
		return;
	}

	if (gh.cmd == APEDGE_CMD_BINDING_GET) {
		/* The answer to a binding-get; its ack follows. */
		struct pending *p = pending_find(nl, nlh->nlmsg_seq);

		if (!p || !p->got) {
			log_debug("apedge: binding for no request (%u)",
				  nlh->nlmsg_seq);
			return;
		}
		if (amsg_parse_binding(msg, len, nl->family_id, &p->b,
				       &err) < 0) {
			log_warn("apedge: bad binding-get reply: %s", err.msg);
			complete(nl, p, -EPROTO, "");
			return;
		}
		p->has_binding = true;
		return;
	}

	if (gh.cmd == APEDGE_CMD_PORT_GET && nl->pdump_seq &&
	    nlh->nlmsg_seq == nl->pdump_seq) {
		struct amsg_port port;

		if (amsg_parse_port(msg, len, nl->family_id, &port,
				    &err) < 0) {
			log_warn("apedge: bad port in dump: %s", err.msg);
			return;
		}
		if (nl->ops->port_listed)
			nl->ops->port_listed(&port, nl->data);
		return;
	}

	if (gh.cmd == APEDGE_CMD_PORT_ADD_NTF ||
	    gh.cmd == APEDGE_CMD_PORT_DEL_NTF) {
		struct amsg_port ev;

		if (amsg_parse_port_event(msg, len, nl->family_id, &ev,
					  &err) < 0) {
			log_warn("apedge: bad port event: %s", err.msg);
			return;
		}
		if (nl->ops->port_event)
			nl->ops->port_event(&ev, nl->data);
		return;
	}
	if (gh.cmd == APEDGE_CMD_STA_AUTHORIZED_NTF) {
		struct amsg_sta_auth ev;

		if (amsg_parse_sta_auth(msg, len, nl->family_id, &ev,
					&err) < 0) {
			log_rl(LOG_WARNING, "apedge: bad sta-authorized event: %s",
			       err.msg);
			return;
		}
		if (nl->ops->sta_authorized)
			nl->ops->sta_authorized(&ev, nl->data);
		return;
	}
	if (gh.cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN ||
	    gh.cmd == APEDGE_CMD_AUTH_CHANGED) {
		struct amsg_auth ev;

		if (amsg_parse_auth(msg, len, nl->family_id, &ev, &err) < 0) {
			log_rl(LOG_WARNING, "apedge: bad auth event: %s",
			       err.msg);
			return;
		}
		if (nl->ops->auth_event)
			nl->ops->auth_event(&ev, nl->data);
		return;
	}
	log_debug("apedge: ignoring message with command %u", gh.cmd);
}

/*
 * A binding dump's end: -EAGAIN when the table changed under it (the
 * module flags NLM_F_DUMP_INTR; an entry may be missing or seen twice),
 * for the caller to dump again; after AGENL_DUMP_INTR_MAX such in a row
 * the dump is taken as it is, since a busy table may never hold still.
 */
static int bdump_verdict(struct agenl *nl, const struct nlmsghdr *nlh)
{
	if (!(nlh->nlmsg_flags & NLM_F_DUMP_INTR) ||
	    nl->bdump_intr >= AGENL_DUMP_INTR_MAX) {
		nl->bdump_intr = 0;
		return 0;
	}
	nl->bdump_intr++;
	log_debug("apedge: binding dump interrupted by a change (%u)",
		  nl->bdump_intr);
	return -EAGAIN;
}

static void handle_msg(void *data, const uint8_t *msg, size_t msg_len,
		       const struct nlmsghdr *nlh)
{
	struct agenl *nl = data;

	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		handle_ack(nl, msg, msg_len);
		break;
	case NLMSG_DONE:
		if (nl->dumping && nlh->nlmsg_seq == nl->dump_seq)
			lookup_done(nl);
		else if (nl->bdumping && nlh->nlmsg_seq == nl->bdump_seq)
			bdump_end(nl, bdump_verdict(nl, nlh));
		else if (nl->pdump_seq && nlh->nlmsg_seq == nl->pdump_seq)
			nl->pdump_seq = 0;
		break;
	case GENL_ID_CTRL:
		handle_ctrl(nl, msg, msg_len, nlh);
		break;
	default:
		if (nl->state == APEDGED_NL_CONNECTED &&
		    nlh->nlmsg_type == nl->family_id)
			handle_apedge(nl, msg, msg_len, nlh);
		else
			log_debug("apedge: ignoring message of type %u",
				  nlh->nlmsg_type);
	}
}

void agenl_handle_datagram(struct agenl *nl, const uint8_t *buf, size_t len)
{
	nlsock_walk("apedge", buf, len, handle_msg, nl);
}

/* Messages were lost: forget what was in flight and look again. */
static void resync(void *data)
{
	struct agenl *nl = data;

	pending_fail(nl, -EIO);
	nl->dumping = false;
	nl->info_seq = 0;
	bdump_end(nl, -EIO);
	start_lookup(nl);
}

static void datagram_cb(void *data, const uint8_t *buf, size_t len)
{
	agenl_handle_datagram(data, buf, len);
}

static const struct nlsock_ops sock_ops = {
	.name = "apedge",
	.overrun_action = "resynchronising",
	.datagram = datagram_cb,
	.resync = resync,
};

struct agenl *agenl_new(struct loop *loop, const struct agenl_ops *ops,
			void *data)
{
	struct agenl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->loop = loop;
	nl->ops = ops;
	nl->data = data;
	nl->state = APEDGED_NL_ABSENT;
	list_init(&nl->pending);
	list_init(&nl->done);
	return nl;
}

int agenl_start(struct agenl *nl)
{
	nl->sock = nlsock_open(nl->loop, &sock_ops, nl);
	if (!nl->sock)
		return -errno;
	nl->retry = loop_timer_add(nl->loop, AGENL_RETRY_MS, AGENL_RETRY_MS,
				   retry_timer_cb, nl);
	if (!nl->retry)
		return -errno;
	start_lookup(nl);
	return 0;
}

void agenl_free(struct agenl *nl)
{
	if (!nl)
		return;
	/* Completions not called yet are not called any more. */
	loop_defer_cancel(nl->defer);
	free_list(&nl->pending);
	free_list(&nl->done);
	nlsock_close(nl->sock);
	loop_timer_remove(nl->retry);
	free(nl);
}

/* A request of len bytes (0: it could not be built), and its completion. */
static int send_req(struct agenl *nl, const void *req, size_t len,
		    uint8_t cmd, const char *ifname, agenl_done_fn done,
		    agenl_binding_fn got, void *data)
{
	struct pending *p;
	int r;

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if (!len)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	r = send_msg(nl, req, len, &p->seq);
	if (r < 0) {
		free(p);
		return r;
	}
	p->cmd = cmd;
	snprintf(p->ifname, sizeof(p->ifname), "%s", ifname);
	p->done = done;
	p->got = got;
	p->data = data;
	list_add_tail(&nl->pending, &p->node);
	nl->last_seq = p->seq;
	log_debug("apedge: %s %s sent (seq %u)", cmd_name(cmd), ifname,
		  p->seq);
	return 0;
}

/* A port request on ifname, acknowledged. */
static int send_port_cmd(struct agenl *nl, uint8_t cmd, const char *ifname,
			 uint32_t role)
{
	struct amsg_port port = { .role = role };
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (strlen(ifname) >= sizeof(port.ifname))
		return -EINVAL;
	strcpy(port.ifname, ifname);
	return send_req(nl, req, amsg_build_port(req, sizeof(req),
						 nl->family_id, NLM_F_ACK,
						 cmd, &port),
			cmd, ifname, NULL, NULL, NULL);
}

int agenl_port_add(struct agenl *nl, const char *ifname, uint32_t role)
{
	return send_port_cmd(nl, APEDGE_CMD_PORT_ADD, ifname, role);
}

int agenl_port_add_port(struct agenl *nl, const struct amsg_port *port)
{
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (!port->ifname[0])
		return -EINVAL;
	return send_req(nl, req, amsg_build_port(req, sizeof(req),
						 nl->family_id, NLM_F_ACK,
						 APEDGE_CMD_PORT_ADD, port),
			APEDGE_CMD_PORT_ADD, port->ifname, NULL, NULL, NULL);
}

int agenl_port_del(struct agenl *nl, const char *ifname)
{
	return send_port_cmd(nl, APEDGE_CMD_PORT_DEL, ifname, 0);
}

int agenl_xid_send(struct agenl *nl, const char *ifname,
		   const uint8_t sta[6], uint32_t mode, uint16_t vlan,
		   uint32_t count, uint32_t interval_ms, agenl_done_fn done,
		   void *data)
{
	struct amsg_xid x = { .mode = mode, .vlan = vlan };
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (strlen(ifname) >= sizeof(x.ifname))
		return -EINVAL;
	strcpy(x.ifname, ifname);
	memcpy(x.sta, sta, sizeof(x.sta));
	/* One frame unless a burst; its interval only with one. */
	if (count > 1) {
		x.count = count;
		x.has_interval = interval_ms != 0;
		x.interval = interval_ms;
	}
	return send_req(nl, req, amsg_build_xid_send(req, sizeof(req),
						     nl->family_id, NLM_F_ACK,
						     &x),
			APEDGE_CMD_XID_SEND, ifname, done, NULL, data);
}

int agenl_binding_add(struct agenl *nl, int af, const uint8_t *addr,
		      const uint8_t mac[6], const char *ifname,
		      uint32_t lifetime, agenl_done_fn done, void *data)
{
	struct amsg_binding b = {
		.af = af, .permanent = !lifetime, .lifetime = lifetime,
	};
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if ((af != AF_INET && af != AF_INET6) ||
	    strlen(ifname) >= sizeof(b.ifname))
		return -EINVAL;
	memcpy(b.addr, addr, af == AF_INET ? 4 : 16);
	memcpy(b.mac, mac, sizeof(b.mac));
	strcpy(b.ifname, ifname);
	return send_req(nl, req, amsg_build_binding(req, sizeof(req),
						    nl->family_id, NLM_F_ACK,
						    APEDGE_CMD_BINDING_ADD,
						    &b),
			APEDGE_CMD_BINDING_ADD, ifname, done, NULL, data);
}

int agenl_binding_set(struct agenl *nl, const struct amsg_binding *b,
		      agenl_done_fn done, void *data)
{
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if ((b->af != AF_INET && b->af != AF_INET6) || !b->ifname[0] ||
	    (b->plen && b->af != AF_INET6))
		return -EINVAL;
	return send_req(nl, req, amsg_build_binding(req, sizeof(req),
						    nl->family_id, NLM_F_ACK,
						    APEDGE_CMD_BINDING_ADD,
						    b),
			APEDGE_CMD_BINDING_ADD, b->ifname, done, NULL, data);
}

int agenl_binding_del(struct agenl *nl, int af, const uint8_t *addr,
		      uint8_t plen, agenl_done_fn done, void *data)
{
	struct amsg_binding b = { .af = af, .plen = plen, .permanent = true };
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if ((af != AF_INET && af != AF_INET6) || (plen && af != AF_INET6))
		return -EINVAL;
	memcpy(b.addr, addr, af == AF_INET ? 4 : 16);
	return send_req(nl, req, amsg_build_binding(req, sizeof(req),
						    nl->family_id, NLM_F_ACK,
						    APEDGE_CMD_BINDING_DEL,
						    &b),
			APEDGE_CMD_BINDING_DEL, "", done, NULL, data);
}

int agenl_binding_move(struct agenl *nl, const uint8_t mac[6],
		       const char *from, const char *to, agenl_done_fn done,
		       void *data)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_out o;

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if (strlen(from) >= IF_NAMESIZE || strlen(to) >= IF_NAMESIZE)
		return -EINVAL;
	amsg_out_begin(&o, req, sizeof(req), nl->family_id, NLM_F_ACK,
		       APEDGE_CMD_BINDING_MOVE, APEDGE_FAMILY_VERSION);
	amsg_out_put(&o, APEDGE_A_BINDING_MAC, mac, 6);
	amsg_out_str(&o, APEDGE_A_BINDING_IFNAME, from);
	amsg_out_str(&o, APEDGE_A_BINDING_TO_IFNAME, to);
	return send_req(nl, req, amsg_out_end(&o), APEDGE_CMD_BINDING_MOVE,
			to, done, NULL, data);
}

int agenl_binding_get(struct agenl *nl, int af, const uint8_t *addr,
		      agenl_binding_fn got, void *data)
{
	struct amsg_binding b = { .af = af, .permanent = true };
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if (!got || (af != AF_INET && af != AF_INET6))
		return -EINVAL;
	memcpy(b.addr, addr, af == AF_INET ? 4 : 16);
	/* The binding, then the ack; or the error. */
	return send_req(nl, req, amsg_build_binding(req, sizeof(req),
						    nl->family_id, NLM_F_ACK,
						    APEDGE_CMD_BINDING_GET,
						    &b),
			APEDGE_CMD_BINDING_GET, "", NULL, got, data);
}

int agenl_auth_set(struct agenl *nl, const char *ifname, const uint8_t *mac,
		   bool authorized, agenl_done_fn done, void *data)
{
	uint32_t req[AMSG_REQ_SIZE / 4];

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if (!ifname[0] || strlen(ifname) >= IF_NAMESIZE || (mac && (mac[0] & 1)))
		return -EINVAL;
	return send_req(nl, req, amsg_build_auth_set(req, sizeof(req),
						     nl->family_id, NLM_F_ACK,
						     0, ifname, mac,
						     authorized),
			APEDGE_CMD_AUTH_SET, ifname, done, NULL, data);
}

uint32_t agenl_last_seq(const struct agenl *nl)
{
	return nl->last_seq;
}

int agenl_binding_dump(struct agenl *nl)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	int r;

	if (nl->state != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	if (nl->bdumping) {
		/* Ended by now if stale; either way, done is to come. */
		if (loop_now_ms() - nl->bdump_ms >= AGENL_DUMP_STALE_MS)
			bdump_end(nl, -ETIMEDOUT);
		return -EBUSY;
	}
	r = send_msg(nl, req, amsg_build_empty(req, sizeof(req),
					       nl->family_id, NLM_F_DUMP,
					       APEDGE_CMD_BINDING_GET),
		     &nl->bdump_seq);
	if (r < 0)
		return r;
	nl->bdumping = true;
	nl->bdump_ms = loop_now_ms();
	nl->last_seq = nl->bdump_seq;
	log_debug("apedge: binding dump sent (seq %u)", nl->bdump_seq);
	return 0;
}
