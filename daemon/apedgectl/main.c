// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl: administer the apedge module and the apedged daemon.
 *
 * Parsing (args.c, reply.c) and printing (output.c) are pure; this file
 * only wires them to the netlink socket (nl.c) and the daemon's control
 * socket (ctl.c).  See Documentation/admin-guide/apedgectl.rst.
 */
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/ctl.h"
#include "apedgectl/monitor.h"
#include "lib/ctrl.h"
#include "apedgectl/errmsg.h"
#include "apedgectl/netns.h"
#include "apedgectl/nl.h"
#include "apedgectl/output.h"
#include "apedgectl/reply.h"

#define ACTL_VERSION "0.1.0"

static struct out out;
/* Text stats: the guard's counters, printed after the table. */
static struct out cout;
/* Text stats: the source guard's drops, printed after the counters. */
static struct out sgout;

/* One line on stderr for a failed request, with the kernel's reason. */
static int report(const struct actl_req *req, const struct actl_nl *nl,
		  int err)
{
	char line[512];

	actl_error_line(line, sizeof(line), req->cmd, err, nl ? nl->ext : NULL);
	fprintf(stderr, "apedgectl: %s\n", line);
	return 1;
}

static void put_dev(struct nlmsghdr *nlh, const struct actl_req *req,
		    int a_ifindex, int a_ifname)
{
	if (req->ifindex)
		mnl_attr_put_u32(nlh, a_ifindex, req->ifindex);
	if (req->ifname[0])
		mnl_attr_put_strz(nlh, a_ifname, req->ifname);
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_info info;

	if (actl_parse_info(nlh, &info))
		return -1;
	out_info(&out, &info);
	return 0;
}

static int port_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_port port;

	if (actl_parse_port(nlh, &port))
		return -1;
	out_port(&out, &port);
	return 0;
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_stats st;

	if (actl_parse_stats(nlh, &st))
		return -1;
	out_stats(&out, &st);
	out_counters(&cout, &st);
	out_sg(&sgout, &st);
	return 0;
}

static int binding_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_binding b;
	char name[IF_NAMESIZE] = "";

	if (actl_parse_binding(nlh, &b))
		return -1;
	if (!if_indextoname(b.ifindex, name))
		name[0] = '\0';
	out_binding(&out, &b, name);
	return 0;
}

static int binding_config_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_binding_config c;

	if (actl_parse_binding_config(nlh, &c))
		return -1;
	out_binding_config(&out, &c);
	return 0;
}

static void put_addr(struct nlmsghdr *nlh, const struct actl_req *req)
{
	if (req->family == AF_INET)
		mnl_attr_put(nlh, APEDGE_A_BINDING_IPV4, 4, req->addr);
	else if (req->family == AF_INET6)
		mnl_attr_put(nlh, APEDGE_A_BINDING_IPV6, 16, req->addr);
}

static void on_signal(int sig)
{
	/* Only to interrupt the wait for events; see run_monitor(). */
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct actl_port port;
	int cmd;

	if (!nlh) {
		fprintf(stderr, "apedgectl: monitor: events were lost (receive buffer overrun)\n");
		return 0;
	}
	cmd = actl_genl_cmd(nlh);
	if (cmd == APEDGE_CMD_PUNT_NTF) {
		static struct actl_punt punt;
		char name[IF_NAMESIZE] = "";

		if (actl_parse_punt(nlh, &punt)) {
			fprintf(stderr, "apedgectl: monitor: malformed punt skipped\n");
			return 0;
		}
		if (!if_indextoname(punt.ifindex, name))
			name[0] = '\0';
		out_punt(&out, &punt, name);
		return 0;
	}
	if (cmd != APEDGE_CMD_PORT_ADD_NTF && cmd != APEDGE_CMD_PORT_DEL_NTF)
		return 0;
	if (actl_parse_port(nlh, &port)) {
		fprintf(stderr, "apedgectl: monitor: malformed event skipped\n");
		return 0;
	}
	out_event(&out, cmd == APEDGE_CMD_PORT_ADD_NTF ? "port-add" : "port-del",
		  &port);
	return 0;
}

/*
 * SIGINT and SIGTERM stay blocked but while apedgectl waits for events,
 * so that one arriving while an event is printed still ends the wait.
 */
static int run_monitor(const struct actl_req *req, struct actl_nl *nl)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, wait;
	int err;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait);
	sigdelset(&wait, SIGINT);
	sigdelset(&wait, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	err = actl_nl_listen(nl, event_cb, NULL, &wait);
	if (err)
		return report(req, NULL, err);
	return 0;
}

/* Text of a sta show / iapp show reply; false if it is not our JSON. */
static bool print_text(const struct actl_req *req, const char *body)
{
	struct jv_doc d;

	if (jv_parse(body, strlen(body), &d) < 0 ||
	    jv_root(&d)->type != JV_OBJ) {
		jv_free(&d);
		return false;
	}
	if (req->cmd == ACTL_CMD_IAPP_SHOW)
		out_iapp_text(stdout, &d);
	else
		out_stas_text(stdout, &d);
	jv_free(&d);
	return true;
}

static int print_reply(const struct actl_req *req, const char *what,
		       char *buf);

static int run_daemon(const struct actl_req *req)
{
	const char *path = req->ctrl_path ? req->ctrl_path : APEDGE_CTRL_PATH;
	char line[512], what[64], *buf;
	int err, rc;

	if (req->cmd == ACTL_CMD_DAEMON)
		snprintf(what, sizeof(what), "daemon %s", req->daemon_req);
	else
		snprintf(what, sizeof(what), "%s", actl_cmd_name(req->cmd));

	if (actl_daemon_line(req, line, sizeof(line)) < 0) {
		fprintf(stderr, "apedgectl: %s: request too long\n", what);
		return 1;
	}
	err = actl_ctl_call(path, line, &buf);
	if (err) {
		actl_ctl_report(what, path, err);
		return 1;
	}
	rc = print_reply(req, what, buf);
	free(buf);
	return rc;
}

static int print_reply(const struct actl_req *req, const char *what,
		       char *buf)
{
	const char *body;

	switch (actl_ctl_split(buf, &body)) {
	case 1:
		if (!req->json && (req->cmd == ACTL_CMD_STA_SHOW ||
				   req->cmd == ACTL_CMD_IAPP_SHOW) &&
		    print_text(req, body))
			return 0;
		if (!req->json && req->cmd != ACTL_CMD_DAEMON &&
		    req->cmd != ACTL_CMD_STA_SHOW &&
		    req->cmd != ACTL_CMD_IAPP_SHOW)
			return 0;	/* sta add/del/authorize: quiet */
		if (*body)
			fputs(body, stdout);
		else if (!req->json)
			puts("ok");
		if (req->json && !*body)
			puts("{}");
		return 0;
	case 0:
		fprintf(stderr, "apedgectl: %s: %s", what, body);
		if (!*body || body[strlen(body) - 1] != '\n')
			fputc('\n', stderr);
		return 1;
	}
	fprintf(stderr, "apedgectl: %s: malformed reply from apedged\n",
		what);
	return 1;
}

static int run(const struct actl_req *req, struct actl_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	bool one = req->ifname[0] || req->ifindex;
	int err;

	switch (req->cmd) {
	case ACTL_CMD_INFO:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_INFO_GET, 0);
		err = actl_nl_talk(nl, nlh, info_cb, NULL);
		break;
	case ACTL_CMD_PORT_ADD:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_PORT_ADD, 0);
		put_dev(nlh, req, APEDGE_A_PORT_IFINDEX, APEDGE_A_PORT_IFNAME);
		if (req->role)
			mnl_attr_put_u32(nlh, APEDGE_A_PORT_ROLE, req->role);
		if (req->source_guard)
			mnl_attr_put_u8(nlh, APEDGE_A_PORT_SOURCE_GUARD,
					req->source_guard == ACTL_SG_ON);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_PORT_SET:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_PORT_SET, 0);
		put_dev(nlh, req, APEDGE_A_PORT_IFINDEX, APEDGE_A_PORT_IFNAME);
		mnl_attr_put_u8(nlh, APEDGE_A_PORT_SOURCE_GUARD,
				req->source_guard == ACTL_SG_ON);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_BINDING_ADD:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_BINDING_ADD, 0);
		put_addr(nlh, req);
		mnl_attr_put(nlh, APEDGE_A_BINDING_MAC, MAC_LEN, req->mac);
		put_dev(nlh, req, APEDGE_A_BINDING_IFINDEX,
			APEDGE_A_BINDING_IFNAME);
		if (req->has_lifetime)
			mnl_attr_put_u32(nlh, APEDGE_A_BINDING_LIFETIME,
					 req->lifetime);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_BINDING_DEL:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_BINDING_DEL, 0);
		put_addr(nlh, req);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_BINDING_SHOW:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_BINDING_GET,
				  req->family ? 0 : NLM_F_DUMP);
		put_addr(nlh, req);
		put_dev(nlh, req, APEDGE_A_BINDING_IFINDEX,
			APEDGE_A_BINDING_IFNAME);
		out_list_begin(&out, NULL);
		err = actl_nl_talk(nl, nlh, binding_cb, NULL);
		if (!err)
			out_list_end(&out);
		break;
	case ACTL_CMD_BINDING_LIMIT:
		if (req->limit) {
			nlh = actl_nl_msg(nl, buf, APEDGE_CMD_BINDING_CONFIG_SET, 0);
			mnl_attr_put_u32(nlh, APEDGE_A_BINDING_CONFIG_LIMIT,
					 req->limit);
			err = actl_nl_talk(nl, nlh, NULL, NULL);
			break;
		}
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_BINDING_CONFIG_GET, 0);
		err = actl_nl_talk(nl, nlh, binding_config_cb, NULL);
		break;
	case ACTL_CMD_PORT_DEL:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_PORT_DEL, 0);
		put_dev(nlh, req, APEDGE_A_PORT_IFINDEX, APEDGE_A_PORT_IFNAME);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_PORT_SHOW:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_PORT_GET,
				  one ? 0 : NLM_F_DUMP);
		put_dev(nlh, req, APEDGE_A_PORT_IFINDEX, APEDGE_A_PORT_IFNAME);
		out_list_begin(&out, NULL);
		err = actl_nl_talk(nl, nlh, port_cb, NULL);
		if (!err)
			out_list_end(&out);
		break;
	case ACTL_CMD_XID_SEND:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_XID_SEND, 0);
		put_dev(nlh, req, APEDGE_A_XID_IFINDEX, APEDGE_A_XID_IFNAME);
		mnl_attr_put(nlh, APEDGE_A_XID_STA, MAC_LEN, req->sta);
		if (req->mode)
			mnl_attr_put_u32(nlh, APEDGE_A_XID_MODE, req->mode);
		if (req->vlan)
			mnl_attr_put_u16(nlh, APEDGE_A_XID_VLAN, req->vlan);
		if (req->count)
			mnl_attr_put_u32(nlh, APEDGE_A_XID_COUNT, req->count);
		if (req->has_interval)
			mnl_attr_put_u32(nlh, APEDGE_A_XID_INTERVAL,
					 req->interval);
		if (req->has_rw)
			mnl_attr_put_u8(nlh, APEDGE_A_XID_RW, req->rw);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_STATS: {
		char *cbuf = NULL, *sgbuf = NULL;
		size_t clen = 0, sglen = 0;

		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_STATS_GET,
				  one ? 0 : NLM_F_DUMP);
		put_dev(nlh, req, APEDGE_A_STATS_IFINDEX, APEDGE_A_STATS_IFNAME);
		out_init(&cout, open_memstream(&cbuf, &clen), req->json, false);
		out_init(&sgout, open_memstream(&sgbuf, &sglen), req->json,
			 false);
		out_list_begin(&out, req->json ? NULL :
			       "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS");
		err = actl_nl_talk(nl, nlh, stats_cb, NULL);
		fclose(cout.f);
		fclose(sgout.f);
		if (!err) {
			out_list_end(&out);
			if (clen)
				printf("\nPORT             DIR     CLASS             VERDICT          PACKETS\n%s",
				       cbuf);
			if (sglen)
				printf("\nPORT             SG-DROP-IPV4   SG-DROP-IPV6    SG-DROP-ARP     SG-DROP-ND\n%s",
				       sgbuf);
		}
		free(cbuf);
		free(sgbuf);
		break;
	}
	case ACTL_CMD_STATS_RESET:
		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_STATS_RESET, 0);
		put_dev(nlh, req, APEDGE_A_STATS_IFINDEX, APEDGE_A_STATS_IFNAME);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	case ACTL_CMD_POLICY_SET: {
		struct nlattr *nest;
		unsigned int c;

		nlh = actl_nl_msg(nl, buf, APEDGE_CMD_POLICY_SET, 0);
		put_dev(nlh, req, APEDGE_A_PORT_IFINDEX, APEDGE_A_PORT_IFNAME);
		for (c = 1; c < ACTL_POLICY_CLASSES; c++) {
			if (!req->policy[c])
				continue;
			nest = mnl_attr_nest_start(nlh, APEDGE_A_PORT_POLICY);
			mnl_attr_put_u32(nlh, APEDGE_A_POLICY_CLASS, c);
			mnl_attr_put_u32(nlh, APEDGE_A_POLICY_VERDICT,
					 req->policy[c]);
			mnl_attr_nest_end(nlh, nest);
		}
		if (req->has_punt_rate)
			mnl_attr_put_u32(nlh, APEDGE_A_PORT_PUNT_RATE,
					 req->punt_rate);
		err = actl_nl_talk(nl, nlh, NULL, NULL);
		break;
	}
	case ACTL_CMD_MONITOR:
		return run_monitor(req, nl);
	default:
		return 2;
	}
	if (err)
		return report(req, nl, err);
	return 0;
}

/* Most words on one line of a batch file. */
#define ACTL_BATCH_WORDS 64

/*
 * Split a batch line into words at white space, in place; "#" starts a
 * comment.  argv[0] is the program's name, as actl_args_parse() expects.
 * Returns the word count, or -1 if there are too many.
 */
static int batch_split(char *line, char **argv)
{
	int n = 0;
	char *p = line;

	argv[n++] = "apedgectl";
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == ACTL_BATCH_WORDS)
			return -1;
		argv[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	argv[n] = NULL;
	return n;
}

/* Run the commands of a file on one socket, like "ip -batch". */
static int run_batch(const struct actl_req *top, struct actl_nl *nl)
{
	char *line = NULL, *argv[ACTL_BATCH_WORDS + 1], err[256];
	FILE *f = stdin;
	struct actl_req req;
	size_t cap = 0;
	unsigned long lineno = 0;
	int argc, rc = 0;

	if (strcmp(top->batch, "-")) {
		f = fopen(top->batch, "r");
		if (!f) {
			fprintf(stderr, "apedgectl: %s: %s\n", top->batch,
				strerror(errno));
			return 1;
		}
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		argc = batch_split(line, argv);
		if (argc == 1)
			continue;
		if (argc < 0) {
			fprintf(stderr, "apedgectl: %s:%lu: too many words\n",
				top->batch, lineno);
			rc = 2;
			break;
		}
		if (actl_args_parse(argc, argv, &req, err, sizeof(err))) {
			fprintf(stderr, "apedgectl: %s:%lu: %s\n", top->batch,
				lineno, err);
			rc = 2;
			break;
		}
		if (req.batch || req.netns || req.cmd == ACTL_CMD_MONITOR ||
		    actl_cmd_is_daemon(req.cmd) || req.cmd == ACTL_CMD_HELP ||
		    req.cmd == ACTL_CMD_VERSION) {
			fprintf(stderr, "apedgectl: %s:%lu: not allowed in a batch\n",
				top->batch, lineno);
			rc = 2;
			break;
		}
		req.json = req.json || top->json;
		req.pretty = req.pretty || top->pretty;
		out_init(&out, stdout, req.json, req.pretty);
		rc = run(&req, nl);
		if (rc) {
			fprintf(stderr, "apedgectl: %s:%lu: failed\n",
				top->batch, lineno);
			break;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	struct actl_req req;
	struct actl_nl nl;
	char err[256];
	int rc;

	if (actl_args_parse(argc, argv, &req, err, sizeof(err))) {
		fprintf(stderr, "apedgectl: %s\n", err);
		return 2;
	}
	out_init(&out, stdout, req.json, req.pretty);

	switch (req.cmd) {
	case ACTL_CMD_HELP:
		fputs(actl_usage, stdout);
		return 0;
	case ACTL_CMD_VERSION:
		printf("apedgectl %s\n", ACTL_VERSION);
		return 0;
	default:
		break;
	}

	if (req.netns) {
		rc = actl_netns_enter(req.netns);
		if (rc) {
			fprintf(stderr, "apedgectl: netns \"%s\": %s%s\n", req.netns,
				strerror(-rc),
				rc == -EPERM ? " (needs CAP_SYS_ADMIN)" : "");
			return 1;
		}
	}

	if (actl_cmd_is_daemon(req.cmd))
		return run_daemon(&req);
	if (req.cmd == ACTL_CMD_MONITOR && req.monitor_daemon)
		return actl_monitor_daemon(req.ctrl_path ? req.ctrl_path :
					   APEDGE_CTRL_PATH, req.json, stdout);

	rc = actl_nl_open(&nl);
	if (rc == -ENOENT)
		fprintf(stderr, "apedgectl: the apedge module is not loaded (no generic netlink family \"%s\")\n",
			APEDGE_FAMILY_NAME);
	else if (rc)
		fprintf(stderr, "apedgectl: cannot reach generic netlink: %s\n",
			strerror(-rc));
	if (rc) {
		actl_nl_close(&nl);
		return 1;
	}
	rc = req.batch ? run_batch(&req, &nl) : run(&req, &nl);
	actl_nl_close(&nl);
	return rc;
}
