// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's argument parser, with argv split from the input
 * at NUL bytes.  A refusal must say why; an accepted request must be one
 * the kernel's policy would take.
 *
 * So that the fuzzer need not guess the grammar's words, a piece that
 * starts with byte 1 stands for a word of the vocabulary below: the next
 * byte picks it and the one after, if any, cuts it to a prefix.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>

#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct actl_req *req)
{
	bool dev = req->ifname[0] || req->ifindex;

	/* -b FILE: the commands come from the file. */
	if (req->cmd == ACTL_CMD_NONE && (!req->batch || !req->batch[0]))
		abort();
	if (strlen(req->ifname) >= ACTL_IFNAMSIZ || req->ifindex > INT32_MAX)
		abort();
	/* A command is an object's verb, which says its name. */
	if (req->cmd != ACTL_CMD_NONE && req->cmd != ACTL_CMD_HELP &&
	    req->cmd != ACTL_CMD_VERSION &&
	    (!req->obj || !req->verb || req->verb->cmd != req->cmd ||
	     !strcmp(actl_cmd_name(req->cmd), "?")))
		abort();
	switch (req->cmd) {
	case ACTL_CMD_PORT_ADD:
	case ACTL_CMD_PORT_DEL:
	case ACTL_CMD_POLICY_SET:
		if (!dev)
			abort();
		break;
	case ACTL_CMD_PORT_SET:
		if (!dev || !req->source_guard)
			abort();
		break;
	case ACTL_CMD_BINDING_ADD:
		if (!dev || !req->has_mac || (req->mac[0] & 1) ||
		    (req->family != AF_INET && req->family != AF_INET6))
			abort();
		break;
	case ACTL_CMD_BINDING_DEL:
		if (req->family != AF_INET && req->family != AF_INET6)
			abort();
		break;
	case ACTL_CMD_BINDING_MOVE:
		if (!dev || !req->has_mac || (req->mac[0] & 1) ||
		    !req->to_ifname[0])
			abort();
		break;
	case ACTL_CMD_BINDING_LIMIT:
		if (req->limit > APEDGE_BINDINGS_MAX_LIMIT)
			abort();
		break;
	case ACTL_CMD_XID_SEND:
		if (!dev || !req->has_sta || (req->sta[0] & 1))
			abort();
		if (req->vlan > 4094 || req->count > APEDGE_XID_COUNT_MAX ||
		    req->interval > APEDGE_XID_INTERVAL_MAX)
			abort();
		if (req->mode > APEDGE_XID_MODE_INJECT)
			abort();
		if (req->has_interval && req->interval && req->count < 2)
			abort();
		break;
	case ACTL_CMD_DAEMON:
		if (strcmp(req->daemon_req, "status") &&
		    strcmp(req->daemon_req, "ping") &&
		    strcmp(req->daemon_req, "reload"))
			abort();
		break;
	default:
		break;
	}
	if (req->role > APEDGE_PORT_ROLE_TRUSTED)
		abort();
}

static const char *const vocab[] = {
	"info", "port", "add", "del", "delete", "show", "list", "ls", "dev",
	"ifindex", "role", "trusted", "untrusted", "xid", "send", "sta",
	"mode", "transmit", "inject", "vlan", "count", "interval", "rw",
	"stats", "reset", "monitor", "daemon", "status", "ping", "reload", "help",
	"policy", "set", "nd-ra", "dhcpv4-server", "malformed", "pass", "drop",
	"-j", "-p", "-jp", "-n", "--netns", "-s", "-h", "-V", "--json",
	"0", "1", "2", "31", "32", "33", "4094", "4095", "10000", "10001",
	"0x10", "0x", "255", "256", "2147483647", "2147483648", "010",
	"02:00:00:00:00:01", "01:00:5e:00:00:01", "00:00:00:00:00:00",
	"ff:ff:ff:ff:ff:ff", "02-00-00-00-00-01", "zz", "eth0", "va",
	"abcdefghijklmnop", "a/b", "", "binding", "limit", "lifetime", "ip",
	"mac", "station", "iapp", "authorize", "authorized", "prev-ap",
	"source-guard", "on", "off", "punt-rate", "192.0.2.1", "2001:db8::1",
	"1048576", "-b",
};

/* The word a piece stands for, in buf. */
static const char *word(const char *piece, size_t len, char *buf,
			size_t buflen)
{
	const char *w;
	size_t n;

	if (len < 2 || piece[0] != 1)
		return piece;
	w = vocab[(unsigned char)piece[1] % (sizeof(vocab) / sizeof(vocab[0]))];
	n = strlen(w);
	if (len > 2 && (unsigned char)piece[2] % (n + 1))
		n = (unsigned char)piece[2] % (n + 1);
	snprintf(buf, buflen, "%.*s", (int)n, w);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char words[64][32];
	char *argv[64], *copy, *p, err[256];
	struct actl_req req;
	int argc = 0;

	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "apedgectl";
	for (p = copy; p < copy + size && argc < 63; p += strlen(p) + 1) {
		argv[argc] = (char *)word(p, strlen(p), words[argc],
					  sizeof(words[argc]));
		argc++;
	}
	argv[argc] = NULL;
	if (actl_args_parse(argc, argv, &req, err, sizeof(err))) {
		/* Every refusal says why, in one line. */
		if (!err[0] || strchr(err, '\n'))
			abort();
	} else {
		check(&req);
	}
	free(copy);
	return 0;
}
