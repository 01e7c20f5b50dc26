// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the control socket's "sta add" words (iapp_ctl.c), as
 * split by the control server, and the station table fed with what they
 * accept, written back as JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/ctl.h"
#include "iapp/ctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sta_table table;
static uint64_t now;

static void handler(int argc, char **argv, struct strbuf *reply, void *data)
{
	struct sta_add_req req;
	uint8_t mac[MAC_LEN];
	char err[160];
	struct sta *s;
	int e;

	if (!strcmp(argv[0], "add")) {
		if (sta_add_parse(argc, argv, &req, err, sizeof(err)) < 0) {
			if (!err[0])
				abort();
			ctrl_reply_error(reply, "%s", err);
			return;
		}
		if (!mac_is_unicast(req.mac) || req.vlan > 4094 ||
		    req.ctx.n_ipv4 > IAPP_CTX_ADDRS_MAX ||
		    req.ctx.n_ipv6 > IAPP_CTX_ADDRS_MAX)
			abort();
		now++;
		s = sta_associate(&table, req.mac, req.ifname, req.vlan, now,
				  (uint16_t)now, &e);
		if (s) {
			s->ctx = req.ctx;
			if (req.authorized)
				sta_authorize(s, now);
		}
	} else if (argc == 2 && sta_mac_parse(argv[1], mac) == 0) {
		s = sta_find_here(&table, mac);
		if (s)
			sta_set_gone(s, now);
	}
	ctrl_reply_ok(reply);
	sta_format_list(&table, now, reply);
}

static const struct ctrl_cmd cmds[] = {
	{ "add", "IFNAME MAC ...", 0, CTRL_ARGS_MAX - 1, CTRL_ADMIN, handler },
	{ "del", "MAC", 1, 1, CTRL_ADMIN, handler },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctrl_table t = { cmds, sizeof(cmds) / sizeof(cmds[0]), NULL };
	struct strbuf reply;
	char *req;

	if (!table.stas.next)
		sta_table_init(&table);
	if (size > 4096)
		return 0;
	req = malloc(size + 1);
	if (!req)
		return 0;
	memcpy(req, data, size);
	sb_init(&reply);
	ctrl_handle_request(&t, 1, req, size, CTRL_ADMIN, &reply);
	sb_free(&reply);
	free(req);
	if (table.n > 64)
		sta_table_free(&table);
	return 0;
}
