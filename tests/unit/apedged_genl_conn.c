// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink connection's state machine (genl.c).  The socket is real:
 * the family lookup and the requests go to this host's kernel, where the
 * apedge family is normally absent.  The family's coming and going and
 * its port events are played by handing datagrams to the connection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/apedge.h>

#include "kernel/genl.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "nlmb.h"
#include "ut.h"

#define FAKE_ID 0x7ff0		/* no real family has it */
#define FAKE_GROUP 0x7ff0

struct rec {
	int connected, disconnected, events, results;
	struct amsg_port last_event;
	uint8_t result_cmd;
	int result_error;
	char result_ifname[IFNAMSIZ];
	struct agenl *nl;
	bool add_on_connect;
	int bindings, dumps_done, dump_error;
	int listed;
	struct amsg_port last_listed;
	int auths;
	struct amsg_auth last_auth;
};

static void on_connected(void *data)
{
	struct rec *r = data;

	r->connected++;
	if (r->add_on_connect)
		agenl_port_add(r->nl, "lo", APEDGE_PORT_ROLE_TRUSTED);
}

static void on_disconnected(void *data)
{
	((struct rec *)data)->disconnected++;
}

static void on_event(const struct amsg_port *ev, void *data)
{
	struct rec *r = data;

	r->events++;
	r->last_event = *ev;
}

static void on_listed(const struct amsg_port *port, void *data)
{
	struct rec *r = data;

	r->listed++;
	r->last_listed = *port;
}

static void on_result(uint8_t cmd, const char *ifname, int error,
		      const char *ext_msg, void *data)
{
	struct rec *r = data;

	r->results++;
	r->result_cmd = cmd;
	r->result_error = error;
	snprintf(r->result_ifname, sizeof(r->result_ifname), "%s", ifname);
}

static void on_binding(const struct amsg_binding *b, void *data)
{
	((struct rec *)data)->bindings++;
}

static void on_dump_done(int error, void *data)
{
	struct rec *r = data;

	r->dumps_done++;
	r->dump_error = error;
}

static void on_auth(const struct amsg_auth *ev, void *data)
{
	struct rec *r = data;

	r->auths++;
	r->last_auth = *ev;
}

static const struct agenl_ops ops = {
	.auth_event = on_auth,
	.connected = on_connected,
	.disconnected = on_disconnected,
	.port_event = on_event,
	.port_listed = on_listed,
	.port_result = on_result,
	.binding = on_binding,
	.binding_dump_done = on_dump_done,
};

static void start(struct mb *m, uint16_t type, uint8_t cmd)
{
	mb_genl(m, type, 0, 0, cmd, 1);
}

/* An nlctrl new-family or del-family notification for apedge. */
static void family_ntf(struct mb *m, uint8_t cmd, uint16_t id)
{
	uint32_t group = FAKE_GROUP;
	struct mb grp = { .len = 0 }, entry = { .len = 0 };

	start(m, GENL_ID_CTRL, cmd);
	mb_attr(m, CTRL_ATTR_FAMILY_NAME, APEDGE_FAMILY_NAME,
	     sizeof(APEDGE_FAMILY_NAME));
	mb_attr(m, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_NAME, APEDGE_MCGRP_EVENTS,
	     sizeof(APEDGE_MCGRP_EVENTS));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_ID, &group, sizeof(group));
	mb_attr(&grp, 1 | NLA_F_NESTED, entry.buf, entry.len);
	mb_attr(m, CTRL_ATTR_MCAST_GROUPS | NLA_F_NESTED, grp.buf, grp.len);
	mb_end(m);
}

static void port_ntf(struct mb *m, uint16_t type, uint8_t cmd,
		     const char *ifname)
{
	uint32_t ifindex = 1, role = APEDGE_PORT_ROLE_TRUSTED;

	start(m, type, cmd);
	mb_attr(m, APEDGE_A_PORT_IFINDEX, &ifindex, sizeof(ifindex));
	mb_attr(m, APEDGE_A_PORT_IFNAME, ifname, strlen(ifname) + 1);
	mb_attr(m, APEDGE_A_PORT_ROLE, &role, sizeof(role));
	mb_end(m);
}

static size_t count(const char *haystack, const char *needle)
{
	size_t n = 0;

	while ((haystack = strstr(haystack, needle))) {
		n++;
		haystack++;
	}
	return n;
}

/* Run the loop until what it has to do now is done. */
static void pump(struct loop *loop)
{
	int i;

	for (i = 0; i < 20; i++)
		if (loop_iterate(loop, 20) == 0)
			break;
}

UT_CASE(absent_connect_unload_reconnect)
{
	struct rec r = { .add_on_connect = true };
	struct loop *loop = loop_new();
	char *logbuf = NULL;
	size_t logsize = 0;
	FILE *logf = open_memstream(&logbuf, &logsize);
	struct mb m;
	int i;

	UT_ASSERT(loop && logf);
	log_set_stream(logf);
	log_set_level(LOG_INFO);
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		/* No generic netlink here (a sandbox?): nothing to test. */
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && !strstr(logbuf ? logbuf : "", "apedge:"); i++) {
		loop_iterate(loop, 20);
		fflush(logf);
	}
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}

	/* Absent: said once, in one clear line. */
	fflush(logf);
	UT_EXPECT(count(logbuf, "kernel module not loaded (generic netlink "
			"family \"apedge\" not found); will retry") == 1);
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_ABSENT);
	UT_EXPECT(agenl_family_id(r.nl) == 0);
	UT_EXPECT(agenl_port_add(r.nl, "lo", 1) == -ENOTCONN);

	/* The module appears. */
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);
	UT_EXPECT(agenl_family_id(r.nl) == FAKE_ID);
	UT_EXPECT(r.connected == 1);

	/*
	 * The kernel has no family FAKE_ID: info-get and the port-add sent
	 * from the connected callback come back as errors.
	 */
	pump(loop);
	UT_EXPECT(r.results == 1);
	UT_EXPECT(r.result_cmd == APEDGE_CMD_PORT_ADD);
	UT_EXPECT_STR(r.result_ifname, "lo");
	UT_EXPECT(r.result_error < 0);
	fflush(logf);
	UT_EXPECT(count(logbuf, "connected to the kernel module") == 1);

	/* Port events of our family are delivered, others' are not. */
	port_ntf(&m, FAKE_ID, APEDGE_CMD_PORT_ADD_NTF, "eth3");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.events == 1);
	UT_EXPECT_STR(r.last_event.ifname, "eth3");
	UT_EXPECT(r.last_event.cmd == APEDGE_CMD_PORT_ADD_NTF);
	port_ntf(&m, FAKE_ID + 1, APEDGE_CMD_PORT_DEL_NTF, "eth4");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.events == 1);
	/* A malformed one is logged and dropped. */
	port_ntf(&m, FAKE_ID, APEDGE_CMD_PORT_DEL_NTF, "eth5");
	agenl_handle_datagram(r.nl, m.buf, m.len - 4);
	UT_EXPECT(r.events == 1);

	/* The module is unloaded: one line, and we are absent again. */
	family_ntf(&m, CTRL_CMD_DELFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	agenl_handle_datagram(r.nl, m.buf, m.len);	/* said twice */
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_ABSENT);
	UT_EXPECT(r.disconnected == 1);
	fflush(logf);
	UT_EXPECT(count(logbuf, "kernel module unloaded (generic netlink "
			"family \"apedge\" removed); will retry") == 1);
	UT_EXPECT(count(logbuf, "kernel module not loaded") == 1);
	port_ntf(&m, FAKE_ID, APEDGE_CMD_PORT_ADD_NTF, "eth3");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.events == 1);	/* not listening any more */

	/* Loaded again: connected again, configuration re-applied. */
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);
	UT_EXPECT(r.connected == 2);
	pump(loop);
	UT_EXPECT(r.results == 2);

	/* Re-registered under another id while we missed the removal. */
	r.add_on_connect = false;
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID + 2);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(agenl_family_id(r.nl) == FAKE_ID + 2);
	UT_EXPECT(r.disconnected == 2 && r.connected == 3);
	pump(loop);

	/* Another family's notifications are none of our business. */
	family_ntf(&m, CTRL_CMD_DELFAMILY, FAKE_ID + 2);
	memcpy(m.buf + NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN, "apedgf", 6);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);

	/* Garbage is survived. */
	agenl_handle_datagram(r.nl, (const uint8_t *)"\xff\xff\xff", 3);
	UT_EXPECT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);

out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(logf);
	if (getenv("UT_VERBOSE") && logbuf)
		fputs(logbuf, stderr);
	free(logbuf);
}

UT_CASE(binding_dump_ends)
{
	struct rec r = { 0 };
	struct loop *loop = loop_new();
	FILE *null = fopen("/dev/null", "w");
	struct mb m;
	int i;

	UT_ASSERT(loop && null);
	log_set_stream(null);
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && agenl_get_state(r.nl) == APEDGED_NL_ABSENT &&
	     !r.connected; i++)
		loop_iterate(loop, 20);
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}
	UT_EXPECT(agenl_binding_dump(r.nl) == -ENOTCONN);
	UT_EXPECT(agenl_binding_add(r.nl, AF_INET,
				    (const uint8_t *)"\xc0\0\2\x32",
				    (const uint8_t *)"\2\0\0\0\0\x50",
				    "lo", 10, NULL, NULL) == -ENOTCONN);

	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_ASSERT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);

	/* One at a time; the kernel has no such family: an error ends it. */
	UT_EXPECT(agenl_binding_dump(r.nl) == 0);
	UT_EXPECT(agenl_binding_dump(r.nl) == -EBUSY);
	pump(loop);
	UT_EXPECT(r.dumps_done == 1);
	UT_EXPECT(r.dump_error < 0);
	UT_EXPECT(r.bindings == 0);

	/* binding-add's answer comes as a result of its command. */
	UT_EXPECT(agenl_binding_add(r.nl, AF_INET,
				    (const uint8_t *)"\xc0\0\2\x32",
				    (const uint8_t *)"\2\0\0\0\0\x50",
				    "lo", 10, NULL, NULL) == 0);
	pump(loop);
	UT_EXPECT(r.results == 1);
	UT_EXPECT(r.result_cmd == APEDGE_CMD_BINDING_ADD);
	UT_EXPECT(r.result_error < 0);

	/* A binding-get that is not our dump's is ignored. */
	start(&m, FAKE_ID, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, "\xc0\0\2\x32", 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, "\2\0\0\0\0\x50", 6);
	mb_attr(&m, APEDGE_A_BINDING_IFINDEX, "\1\0\0\0", 4);
	mb_end(&m);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.bindings == 0);

	/* The module goes away mid-dump: it ends, once. */
	UT_EXPECT(agenl_binding_dump(r.nl) == 0);
	family_ntf(&m, CTRL_CMD_DELFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	/* Its end, as every completion, comes from the loop. */
	UT_EXPECT(r.dumps_done == 1);
	pump(loop);
	UT_EXPECT(r.dumps_done == 2);
	UT_EXPECT(r.dump_error == -ENOTCONN);
	pump(loop);
	UT_EXPECT(r.dumps_done == 2);
out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(null);
}

/* The NLMSG_DONE of the dump with seq (its error 0), with flags. */
static void done_msg(struct mb *m, uint32_t seq, uint16_t flags)
{
	/* A genetlink header of zeroes has the size of the error int. */
	mb_genl(m, NLMSG_DONE, NLM_F_MULTI | flags, seq, 0, 0);
	mb_end(m);
}

/*
 * A binding dump the table changed under (NLM_F_DUMP_INTR) ends with
 * -EAGAIN, for the caller to dump again, up to AGENL_DUMP_INTR_MAX times
 * in a row; then it is taken as it came, and a clean one resets the
 * count.
 */
UT_CASE(binding_dump_interrupted)
{
	struct rec r = { 0 };
	struct loop *loop = loop_new();
	FILE *null = fopen("/dev/null", "w");
	struct mb m;
	int i;

	UT_ASSERT(loop && null);
	log_set_stream(null);
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && agenl_get_state(r.nl) == APEDGED_NL_ABSENT &&
	     !r.connected; i++)
		loop_iterate(loop, 20);
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_ASSERT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);

	for (i = 0; i <= AGENL_DUMP_INTR_MAX + 1; i++) {
		/* The last two: one taken as it came, then a clean one. */
		uint16_t f = i <= AGENL_DUMP_INTR_MAX ? NLM_F_DUMP_INTR : 0;

		UT_ASSERT(agenl_binding_dump(r.nl) == 0);
		done_msg(&m, agenl_last_seq(r.nl), f);
		agenl_handle_datagram(r.nl, m.buf, m.len);
		pump(loop);
		UT_EXPECT(r.dumps_done == i + 1);
		UT_EXPECT(r.dump_error ==
			  (i < AGENL_DUMP_INTR_MAX ? -EAGAIN : 0));
	}
	/* After the clean one, an interrupted dump is retried again. */
	UT_ASSERT(agenl_binding_dump(r.nl) == 0);
	done_msg(&m, agenl_last_seq(r.nl), NLM_F_DUMP_INTR);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	pump(loop);
	UT_EXPECT(r.dump_error == -EAGAIN);
out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(null);
}

/* A port-get reply of a dump, with seq, for an untrusted port ifname. */
static void port_reply(struct mb *m, uint32_t seq, const char *ifname)
{
	uint32_t ifindex = 7, role = APEDGE_PORT_ROLE_UNTRUSTED;

	mb_genl(m, FAKE_ID, NLM_F_MULTI, seq, APEDGE_CMD_PORT_GET, 1);
	mb_attr(m, APEDGE_A_PORT_IFINDEX, &ifindex, sizeof(ifindex));
	mb_attr(m, APEDGE_A_PORT_IFNAME, ifname, strlen(ifname) + 1);
	mb_attr(m, APEDGE_A_PORT_ROLE, &role, sizeof(role));
	mb_end(m);
}

/*
 * Each connect lists the module's ports (a port-get dump): its replies go
 * to ops->port_listed; a port-get of another sequence number, or one
 * after the dump ended, does not.
 */
UT_CASE(ports_listed_on_connect)
{
	struct rec r = { 0 };
	struct loop *loop = loop_new();
	FILE *null = fopen("/dev/null", "w");
	uint32_t seq;
	struct mb m;
	int i;

	UT_ASSERT(loop && null);
	log_set_stream(null);
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && agenl_get_state(r.nl) == APEDGED_NL_ABSENT &&
	     !r.connected; i++)
		loop_iterate(loop, 20);
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_ASSERT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);
	seq = agenl_last_seq(r.nl);
	UT_EXPECT(seq != 0);

	port_reply(&m, seq + 1000, "vz");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.listed == 0);
	port_reply(&m, seq, "vx");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.listed == 1);
	UT_EXPECT_STR(r.last_listed.ifname, "vx");
	UT_EXPECT(r.last_listed.role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT(r.events == 0);

	/* This kernel has no such family: its error ends the dump. */
	pump(loop);
	port_reply(&m, seq, "vy");
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.listed == 1);
out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(null);
}

/* Each request's completion, as kernel/genl.c records what it is given. */
struct req_rec {
	int calls;
	int error;
	bool had_binding;
	struct amsg_binding b;
	bool *inside;		/* set while the test is inside a call */
	bool called_inside;
};

static void on_done(int error, const char *ext_msg, void *data)
{
	struct req_rec *q = data;

	q->calls++;
	q->error = error;
	if (q->inside && *q->inside)
		q->called_inside = true;
}

static void on_got(int error, const struct amsg_binding *b,
		   const char *ext_msg, void *data)
{
	struct req_rec *q = data;

	on_done(error, ext_msg, data);
	q->had_binding = b != NULL;
	if (b)
		q->b = *b;
}

/* An ack for seq, with error (0 or -errno). */
static void ack(struct mb *m, uint32_t seq, int error)
{
	struct nlmsghdr nlh = {
		.nlmsg_len = NLMSG_HDRLEN + sizeof(struct nlmsgerr),
		.nlmsg_type = NLMSG_ERROR,
		.nlmsg_flags = NLM_F_CAPPED,
		.nlmsg_seq = seq,
	};
	struct nlmsgerr e = { .error = error };

	m->len = 0;
	e.msg.nlmsg_seq = seq;
	e.msg.nlmsg_len = NLMSG_HDRLEN;
	mb_put(m, &nlh, sizeof(nlh));
	mb_put(m, &e, sizeof(e));
}

/*
 * Requests carry their own completion, matched by sequence number: two
 * binding-adds from two requesters each get their own answer, nothing goes
 * to ops->port_result, and nothing is called from within the call that
 * handed over the answer or sent the request; the module going away
 * answers what waits with -ENOTCONN, once.
 */
UT_CASE(completions_per_request)
{
	static const uint8_t a4[4] = { 192, 0, 2, 50 };
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0x50 };
	struct req_rec dhcp = { 0 }, iapp = { 0 }, get = { 0 }, late = { 0 };
	struct rec r = { 0 };
	struct loop *loop = loop_new();
	FILE *null = fopen("/dev/null", "w");
	uint32_t seq_dhcp, seq_iapp, seq_get;
	bool inside = false;
	struct mb m;
	int i;

	UT_ASSERT(loop && null);
	log_set_stream(null);
	dhcp.inside = iapp.inside = get.inside = late.inside = &inside;
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && !r.connected &&
	     agenl_get_state(r.nl) == APEDGED_NL_ABSENT; i++)
		loop_iterate(loop, 20);
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}
	UT_EXPECT(agenl_binding_get(r.nl, AF_INET, a4, on_got, &get) ==
		  -ENOTCONN);
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_ASSERT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);
	pump(loop);
	r.results = 0;

	inside = true;
	UT_ASSERT(agenl_binding_add(r.nl, AF_INET, a4, mac, "lo", 10, on_done,
				    &dhcp) == 0);
	seq_dhcp = agenl_last_seq(r.nl);
	UT_ASSERT(agenl_binding_add(r.nl, AF_INET, a4, mac, "lo", 10, on_done,
				    &iapp) == 0);
	seq_iapp = agenl_last_seq(r.nl);
	UT_ASSERT(agenl_binding_get(r.nl, AF_INET, a4, on_got, &get) == 0);
	seq_get = agenl_last_seq(r.nl);
	UT_EXPECT(seq_dhcp != seq_iapp && seq_iapp != seq_get);

	/* The answers, in another order than the requests. */
	ack(&m, seq_iapp, -EEXIST);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	start(&m, FAKE_ID, APEDGE_CMD_BINDING_GET);
	((struct nlmsghdr *)m.buf)->nlmsg_seq = seq_get;
	mb_attr(&m, APEDGE_A_BINDING_IPV4, a4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, "\2\0\0\0\0\x99", 6);
	mb_attr(&m, APEDGE_A_BINDING_IFINDEX, "\1\0\0\0", 4);
	mb_end(&m);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	ack(&m, seq_get, 0);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	ack(&m, seq_dhcp, 0);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(dhcp.calls == 0 && iapp.calls == 0 && get.calls == 0);
	inside = false;
	pump(loop);
	UT_EXPECT(dhcp.calls == 1 && dhcp.error == 0);
	UT_EXPECT(iapp.calls == 1 && iapp.error == -EEXIST);
	UT_EXPECT(get.calls == 1 && get.error == 0 && get.had_binding);
	UT_EXPECT(get.b.mac[5] == 0x99 && !memcmp(get.b.addr, a4, 4));
	UT_EXPECT(!dhcp.called_inside && !iapp.called_inside &&
		  !get.called_inside);
	UT_EXPECT(r.results == 0);
	/* The kernel's own answers to them (an unknown family) now find
	 * no request: nothing is called twice. */
	pump(loop);
	UT_EXPECT(dhcp.calls == 1 && iapp.calls == 1 && get.calls == 1);

	/* An address without a binding: -ENOENT, and no binding. */
	memset(&get, 0, sizeof(get));
	get.inside = &inside;
	UT_ASSERT(agenl_binding_get(r.nl, AF_INET, a4, on_got, &get) == 0);
	ack(&m, agenl_last_seq(r.nl), -ENOENT);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	pump(loop);
	UT_EXPECT(get.calls == 1 && get.error == -ENOENT && !get.had_binding);

	/* The module goes away with a request in flight: -ENOTCONN, later. */
	UT_ASSERT(agenl_xid_send(r.nl, "lo", mac, 0, 0, 1, 0, on_done,
				 &late) == 0);
	inside = true;
	family_ntf(&m, CTRL_CMD_DELFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(late.calls == 0);
	inside = false;
	pump(loop);
	UT_EXPECT(late.calls == 1 && late.error == -ENOTCONN);
	UT_EXPECT(!late.called_inside);
	UT_EXPECT(r.results == 0);
	UT_EXPECT(r.dumps_done == 0);
out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(null);
}

/* The 802.1X events reach ops->auth_event; auth-set completes. */
UT_CASE(auth_events_and_set)
{
	static const uint8_t mac[6] = { 2, 0, 0x5e, 0, 0x53, 0x0a };
	struct req_rec set = { 0 };
	struct rec r = { 0 };
	struct loop *loop = loop_new();
	FILE *null = fopen("/dev/null", "w");
	uint32_t ifindex = 4;
	bool inside = false;
	uint8_t one = 1;
	struct mb m;
	int i;

	UT_ASSERT(loop && null);
	log_set_stream(null);
	set.inside = &inside;
	r.nl = agenl_new(loop, &ops, &r);
	UT_ASSERT(r.nl);
	if (agenl_start(r.nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	for (i = 0; i < 50 && !r.connected &&
	     agenl_get_state(r.nl) == APEDGED_NL_ABSENT; i++)
		loop_iterate(loop, 20);
	if (agenl_get_state(r.nl) == APEDGED_NL_CONNECTED) {
		fprintf(stderr, "  the apedge module is loaded; skipped\n");
		goto out;
	}
	UT_EXPECT(agenl_auth_set(r.nl, "lo", mac, true, on_done, &set) ==
		  -ENOTCONN);
	family_ntf(&m, CTRL_CMD_NEWFAMILY, FAKE_ID);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_ASSERT(agenl_get_state(r.nl) == APEDGED_NL_CONNECTED);
	pump(loop);

	start(&m, FAKE_ID, APEDGE_CMD_AUTH_UNAUTH_SEEN);
	mb_attr(&m, APEDGE_A_AUTH_IFINDEX, &ifindex, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, mac, 6);
	mb_end(&m);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.auths == 1);
	UT_EXPECT(r.last_auth.cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN);
	UT_EXPECT(r.last_auth.ifindex == 4 && r.last_auth.has_mac);
	UT_EXPECT(!memcmp(r.last_auth.mac, mac, 6));
	start(&m, FAKE_ID, APEDGE_CMD_AUTH_CHANGED);
	mb_attr(&m, APEDGE_A_AUTH_IFINDEX, &ifindex, 4);
	mb_attr(&m, APEDGE_A_AUTH_AUTHORIZED, &one, 1);
	mb_end(&m);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.auths == 2);
	UT_EXPECT(r.last_auth.cmd == APEDGE_CMD_AUTH_CHANGED);
	UT_EXPECT(r.last_auth.authorized && !r.last_auth.has_mac);
	/* Malformed (an unauth-seen without its source): not passed on. */
	start(&m, FAKE_ID, APEDGE_CMD_AUTH_UNAUTH_SEEN);
	mb_attr(&m, APEDGE_A_AUTH_IFINDEX, &ifindex, 4);
	mb_end(&m);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(r.auths == 2);

	/* auth-set: refused locally when it cannot be right, else sent. */
	UT_EXPECT(agenl_auth_set(r.nl, "", mac, true, on_done, &set) ==
		  -EINVAL);
	UT_EXPECT(agenl_auth_set(r.nl, "lo", (const uint8_t *)"\1\0\0\0\0\1",
				 true, on_done, &set) == -EINVAL);
	inside = true;
	UT_ASSERT(agenl_auth_set(r.nl, "lo", mac, true, on_done, &set) == 0);
	ack(&m, agenl_last_seq(r.nl), -EPERM);
	agenl_handle_datagram(r.nl, m.buf, m.len);
	UT_EXPECT(set.calls == 0);
	inside = false;
	pump(loop);
	UT_EXPECT(set.calls == 1 && set.error == -EPERM && !set.called_inside);
out:
	agenl_free(r.nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(null);
}

UT_CASE(names)
{
	UT_EXPECT_STR(agenl_state_name(APEDGED_NL_ABSENT), "absent");
	UT_EXPECT_STR(agenl_state_name(APEDGED_NL_CONNECTED), "connected");
}

UT_MAIN("apedged_genl_conn", UT_ENTRY(absent_connect_unload_reconnect),
	UT_ENTRY(binding_dump_ends),
	UT_ENTRY(binding_dump_interrupted), UT_ENTRY(ports_listed_on_connect),
	UT_ENTRY(completions_per_request), UT_ENTRY(auth_events_and_set),
	UT_ENTRY(names))
