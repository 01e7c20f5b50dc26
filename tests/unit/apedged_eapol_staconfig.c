// SPDX-License-Identifier: GPL-2.0
/* [station IFNAME]: its keys, defaults and refusals. */
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "eapol/config.h"
#include "ut.h"

static int parse(const char *text, struct config *cfg,
		 struct config_error *err)
{
	return config_parse(text, strlen(text), cfg, err);
}

/* text must fail, its message holding what and not the secret. */
static int bad(const char *text, const char *what)
{
	struct config_error err;
	struct config cfg;

	if (!parse(text, &cfg, &err)) {
		fprintf(stderr, "  accepted: %s\n", text);
		config_free(&cfg);
		return 0;
	}
	if (!strstr(err.msg, what) || strstr(err.msg, "s3cretpass")) {
		fprintf(stderr, "  for %s\n  got: %s\n  want ...%s...\n",
			text, err.msg, what);
		return 0;
	}
	return !cfg.stations && !cfg.n_stations;
}

UT_CASE(defaults)
{
	struct config_error err;
	const struct config_station *c;
	struct config cfg;

	UT_ASSERT(parse("[station wlan1]\nssid = back haul\n"
			"psk = s3cretpass\n", &cfg, &err) == 0);
	UT_ASSERT(cfg.n_stations == 1);
	c = &cfg.stations[0];
	UT_EXPECT_STR(c->ifname, "wlan1");
	UT_EXPECT_STR(c->ssid, "back haul");
	UT_EXPECT_STR(c->psk, "s3cretpass");
	UT_EXPECT(c->key_mgmt == 0 && !c->have_bssid && c->freq == 0);
	UT_EXPECT(c->line == 1);
	config_free(&cfg);
}

UT_CASE(full)
{
	struct config_error err;
	const struct config_station *c;
	struct config cfg;

	UT_ASSERT(parse("[station wlan1]\nssid = x\nkey_mgmt = WPA-PSK\n"
			"psk = 0123456789abcdef0123456789ABCDEF"
			"0123456789abcdef0123456789abcdef\n"
			"bssid = 02:00:00:00:00:00\nfreq = 2412\n"
			"[station wlan2]\nssid = y\npsk = 12345678\n",
			&cfg, &err) == 0);
	UT_ASSERT(cfg.n_stations == 2);
	c = &cfg.stations[0];
	UT_EXPECT(c->have_bssid && c->bssid[0] == 2 && c->freq == 2412);
	UT_EXPECT(strlen(c->psk) == 64);
	UT_EXPECT(station_config_equal(c, c));
	UT_EXPECT(!station_config_equal(c, &cfg.stations[1]));
	config_free(&cfg);
}

UT_CASE(refusals)
{
	UT_EXPECT(bad("[station wlan1]\npsk = s3cretpass\n", "ssid is required"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\n", "psk must be"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = short\n", "psk must be"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = 0123456789abcdef"
		      "0123456789abcdef0123456789abcdef0123456789abcdeg\n",
		      "psk must be"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = s3cretpass\n"
		      "key_mgmt = WPA-EAP\n", "not supported yet"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = s3cretpass\n"
		      "key_mgmt = WEP\n", "key_mgmt"));
	UT_EXPECT(bad("[station wlan1]\nssid = "
		      "123456789012345678901234567890123\npsk = s3cretpass\n",
		      "ssid"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = s3cretpass\n"
		      "bssid = 01:00:5e:00:00:01\n", "bssid"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = s3cretpass\n"
		      "freq = 6\n", "freq"));
	UT_EXPECT(bad("[station wlan1]\nssid = x\npsk = s3cretpass\n"
		      "[station wlan1]\nssid = y\npsk = s3cretpass\n", "wlan1"));
}

UT_MAIN("eapol_staconfig",
	UT_ENTRY(defaults),
	UT_ENTRY(full),
	UT_ENTRY(refusals))
