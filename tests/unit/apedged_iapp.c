// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine's station events without a network (no [iapp]
 * interface): nothing before authorization, the Layer-2 Update hook, the
 * counters and the "iapp show" JSON.
 */
#include <errno.h>
#include <string.h>

#include "apedged/config.h"
#include "iapp/iapp.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "ut.h"

static int l2_calls, l2_ret;
static uint16_t l2_vlan;

static int l2update(const struct sta *s, void *data)
{
	l2_calls++;
	l2_vlan = s->vlan;
	return l2_ret;
}

static const struct iapp_ops ops = { .l2update = l2update };

static const uint8_t mac1[MAC_LEN] = { 2, 0, 0, 0, 0, 1 };

/* The engine's log lines are not the test's output. */
static void quiet(void)
{
	static FILE *null;

	if (!null)
		null = fopen("/dev/null", "w");
	log_set_stream(null);
}

static struct iapp *engine(struct loop **loop, struct config *cfg)
{
	struct config_error err;
	struct iapp *ia;

	quiet();
	config_parse("", 0, cfg, &err);
	*loop = loop_new();
	if (!*loop)
		return NULL;
	ia = iapp_new(*loop, NULL, &ops, NULL);
	if (ia && iapp_configure(ia, &cfg->iapp, cfg->bssids, cfg->n_bssids) < 0) {
		iapp_free(ia);
		return NULL;
	}
	return ia;
}

UT_CASE(nothing_before_authorization)
{
	struct iapp_sta_args a = {
		.ifname = "wlan0", .mac = mac1, .vlan = 10,
	};
	const struct iapp_stats *st;
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;

	l2_calls = 0;
	l2_ret = 2;
	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	st = iapp_get_stats(ia);
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(l2_calls == 0);
	UT_EXPECT(st->add_unauthorized == 1);
	UT_EXPECT(sta_find_here(iapp_stas(ia), mac1)->state == STA_ASSOCIATED);
	UT_EXPECT(iapp_sta_authorize(ia, mac1) == 0);
	UT_EXPECT(l2_calls == 1 && l2_vlan == 10);
	UT_EXPECT(st->l2update_requested == 2);
	/* No IAPP configured: nothing sent. */
	UT_EXPECT(st->tx[IAPP_CMD_ADD_NOTIFY] == 0 && st->send_errors == 0);
	UT_EXPECT(iapp_sta_authorize(ia, mac1) == -EALREADY);
	UT_EXPECT(l2_calls == 1);
	UT_EXPECT(iapp_sta_del(ia, mac1) == 0);
	UT_EXPECT(iapp_sta_del(ia, mac1) == -ENOENT);
	UT_EXPECT(iapp_sta_authorize(ia, mac1) == -ENOENT);
	UT_EXPECT(l2_calls == 1);
	iapp_free(ia);
	loop_free(loop);
	config_free(&cfg);
}

UT_CASE(module_absent_and_refusals)
{
	struct iapp_sta_args a = {
		.ifname = "wlan0", .mac = mac1, .authorized = true,
	};
	const struct iapp_stats *st;
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;
	struct strbuf sb;

	l2_calls = 0;
	l2_ret = -ENOTCONN;
	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	st = iapp_get_stats(ia);
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(l2_calls == 1 && st->l2update_absent == 1);
	l2_ret = -EIO;
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);	/* a reassociation */
	UT_EXPECT(l2_calls == 2 && st->l2update_failed == 1);
	iapp_l2update_result(ia, 0);
	UT_EXPECT(st->l2update_failed == 1);
	iapp_l2update_result(ia, -EINVAL);
	UT_EXPECT(st->l2update_failed == 2);
	a.mac = (const uint8_t[]){ 1, 0, 0, 0, 0, 1 };
	UT_EXPECT(iapp_sta_add(ia, &a) == -EINVAL);

	sb_init(&sb);
	iapp_format_show(ia, &sb);
	UT_EXPECT(strstr(sb_str(&sb), "{\"enabled\": false, \"interface\": "
			 "null, \"listening\": false, \"port\": 3517") != NULL);
	UT_EXPECT(strstr(sb_str(&sb), "\"l2update\": {\"requested\": 0, "
			 "\"module-absent\": 1, \"failed\": 2}") != NULL);
	UT_EXPECT(strstr(sb_str(&sb), "\"malformed\": {\"short\": 0, "
			 "\"version\": 0, \"length\": 0, \"addr-len\": 0, "
			 "\"command\": 0, \"context\": 0, \"too-big\": 0, "
			 "\"auth-missing\": 0, \"auth-bad\": 0}") != NULL);
	UT_EXPECT(!sb.oom);
	sb_free(&sb);
	iapp_free(ia);
	loop_free(loop);
	config_free(&cfg);
}

UT_CASE(missing_interface_retries)
{
	static const char text[] = "[iapp]\ninterface = apedge-none0\n";
	struct config_error err;
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;
	struct strbuf sb;

	quiet();
	UT_ASSERT(config_parse(text, strlen(text), &cfg, &err) == 0);
	loop = loop_new();
	UT_ASSERT(loop);
	ia = iapp_new(loop, NULL, &ops, NULL);
	UT_ASSERT(ia);
	/* Not fatal: logged, and retried. */
	UT_EXPECT(iapp_configure(ia, &cfg.iapp, cfg.bssids, cfg.n_bssids) == 0);
	sb_init(&sb);
	iapp_format_show(ia, &sb);
	UT_EXPECT(strstr(sb_str(&sb), "\"enabled\": true, \"interface\": "
			 "\"apedge-none0\", \"listening\": false") != NULL);
	sb_free(&sb);
	iapp_free(ia);
	loop_free(loop);
	config_free(&cfg);
}

UT_MAIN("apedged_iapp", UT_ENTRY(nothing_before_authorization),
	UT_ENTRY(module_absent_and_refusals),
	UT_ENTRY(missing_interface_retries))
