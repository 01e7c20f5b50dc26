// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration parser; see config.h for the format.
 *
 * The text is read a line at a time.  A line is a comment, blank, a
 * section header or a "key = value" pair; anything else is an error, as is
 * an unknown section or key, a key given twice, a bad value, a port given
 * twice, or a line longer than CONFIG_LINE_MAX.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "lib/ctrl.h"
#include "apedged/config.h"
#include "lib/log.h"

enum section {
	SECTION_NONE,
	SECTION_GENERAL,
	SECTION_PORT,
	SECTION_IAPP,
	SECTION_BSSID,
	SECTION_AP,
};

struct parser {
	struct config *cfg;
	struct config_error *err;
	unsigned int line;
	enum section section;
	bool seen_general;
	bool seen_iapp;
	bool port_role_set;
	unsigned int keys_set;	/* of the current section, by key_bit() */
};

/* A key given twice in one section is an error: one bit per key name. */
static int key_once(struct parser *p, const char *const *keys,
		    const char *key);

static int fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	p->err->line = p->line;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->log_level = LOG_INFO;
	snprintf(cfg->ctrl_socket, sizeof(cfg->ctrl_socket), "%s",
		 APEDGE_CTRL_PATH);
	cfg->iapp.ttl = 1;
	cfg->iapp.port = IAPP_PORT;
	cfg->iapp.move_timeout_ms = 1000;
	cfg->iapp.kick = CONFIG_KICK_NONE;
	snprintf(cfg->iapp.hostapd_ctrl, sizeof(cfg->iapp.hostapd_ctrl),
		 "/var/run/hostapd");
	cfg->iapp.cache_timeout_s = 60;
}

void config_free(struct config *cfg)
{
	free(cfg->ports);
	cfg->ports = NULL;
	cfg->n_ports = 0;
	free(cfg->bssids);
	cfg->bssids = NULL;
	cfg->n_bssids = 0;
	free(cfg->aps);
	cfg->aps = NULL;
	cfg->n_aps = 0;
	memset(&cfg->iapp.key, 0, sizeof(cfg->iapp.key));
}

const struct config_bssid *config_find_bssid(const struct config *cfg,
					     const uint8_t bssid[MAC_LEN])
{
	size_t i;

	for (i = 0; i < cfg->n_bssids; i++)
		if (!memcmp(cfg->bssids[i].bssid, bssid, MAC_LEN))
			return &cfg->bssids[i];
	return NULL;
}

const struct config_ap *config_find_ap(const struct config *cfg,
				       const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->n_aps; i++)
		if (!strcmp(cfg->aps[i].ifname, ifname))
			return &cfg->aps[i];
	return NULL;
}

/* A VLAN ID: 1..4094 in decimal, without sign or leading zero; else 0. */
static uint16_t vid_parse(const char *s)
{
	unsigned int v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 4)
		return 0;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	return v <= 4094 ? (uint16_t)v : 0;
}

uint16_t config_ap_vlan_id(const struct config_ap *ap, const char *ap_ifname,
			   const char *vlan_ifname)
{
	size_t i, n = strlen(ap_ifname);

	for (i = 0; ap && i < ap->n_vlans; i++)
		if (!strcmp(ap->vlans[i].ifname, vlan_ifname))
			return ap->vlans[i].vid;
	if (n && !strncmp(vlan_ifname, ap_ifname, n) && vlan_ifname[n] == '.')
		return vid_parse(vlan_ifname + n + 1);
	if (!strncmp(vlan_ifname, "vlan", 4))
		return vid_parse(vlan_ifname + 4);
	return 0;
}

static int key_once(struct parser *p, const char *const *keys,
		    const char *key)
{
	unsigned int i;

	for (i = 0; keys[i]; i++) {
		if (strcmp(keys[i], key))
			continue;
		if (p->keys_set & (1u << i))
			return fail(p, "duplicate key '%s'", key);
		p->keys_set |= 1u << i;
		return 0;
	}
	return 0;
}

/* A decimal number in [min, max]. */
static int number(struct parser *p, const char *key, const char *value,
		  unsigned long min, unsigned long max, unsigned int *out)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)value[0]))
		return fail(p, "invalid %s '%s' (expected a number)", key,
			    value);
	errno = 0;
	v = strtoul(value, &end, 10);
	if (errno || *end || v < min || v > max)
		return fail(p, "invalid %s '%s' (expected %lu..%lu)", key,
			    value, min, max);
	*out = (unsigned int)v;
	return 0;
}

const struct config_port *config_find_port(const struct config *cfg,
					   const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->n_ports; i++)
		if (!strcmp(cfg->ports[i].ifname, ifname))
			return &cfg->ports[i];
	return NULL;
}

const char *config_role_name(enum apedge_port_role role)
{
	switch (role) {
	case APEDGE_PORT_ROLE_TRUSTED:
		return "trusted";
	case APEDGE_PORT_ROLE_UNTRUSTED:
		return "untrusted";
	}
	return "unknown";
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

static int parse_bssid_section(struct parser *p, const char *arg)
{
	struct config *cfg = p->cfg;
	struct config_bssid *b, *bs;
	uint8_t mac[MAC_LEN];
	char buf[MAC_STR_LEN];

	if (!*arg)
		return fail(p, "section [bssid] needs a BSSID: [bssid MAC]");
	if (mac_parse(arg, mac) < 0 || !mac_is_unicast(mac) ||
	    mac_is_zero(mac))
		return fail(p, "invalid BSSID '%s' (expected a unicast "
			    "xx:xx:xx:xx:xx:xx)", arg);
	b = (struct config_bssid *)config_find_bssid(cfg, mac);
	if (b)
		return fail(p, "duplicate BSSID %s (first on line %u)",
			    mac_format(mac, buf), b->line);
	if (cfg->n_bssids >= CONFIG_BSSIDS_MAX)
		return fail(p, "too many BSSIDs (at most %d)",
			    CONFIG_BSSIDS_MAX);
	bs = realloc(cfg->bssids, (cfg->n_bssids + 1) * sizeof(*bs));
	if (!bs) {
		fail(p, "out of memory");
		return -ENOMEM;
	}
	cfg->bssids = bs;
	b = &bs[cfg->n_bssids++];
	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, mac, MAC_LEN);
	b->line = p->line;
	p->section = SECTION_BSSID;
	return 0;
}

static int parse_ap_section(struct parser *p, const char *arg)
{
	struct config *cfg = p->cfg;
	struct config_ap *ap, *aps;

	if (!*arg)
		return fail(p, "section [ap] needs an interface name: "
			       "[ap IFNAME]");
	if (!config_ifname_valid(arg))
		return fail(p, "invalid interface name '%s'", arg);
	ap = (struct config_ap *)config_find_ap(cfg, arg);
	if (ap)
		return fail(p, "duplicate AP interface '%s' (first on line %u)",
			    arg, ap->line);
	if (cfg->n_aps >= CONFIG_APS_MAX)
		return fail(p, "too many AP interfaces (at most %d)",
			    CONFIG_APS_MAX);
	aps = realloc(cfg->aps, (cfg->n_aps + 1) * sizeof(*aps));
	if (!aps) {
		fail(p, "out of memory");
		return -ENOMEM;
	}
	cfg->aps = aps;
	ap = &aps[cfg->n_aps++];
	memset(ap, 0, sizeof(*ap));
	snprintf(ap->ifname, sizeof(ap->ifname), "%s", arg);
	ap->line = p->line;
	p->section = SECTION_AP;
	return 0;
}

static int parse_section(struct parser *p, char *s)
{
	struct config *cfg = p->cfg;
	struct config_port *port, *ports;
	char *close = strchr(s, ']');
	char *name, *arg;

	if (!close)
		return fail(p, "section header without ']'");
	if (*trim(close + 1))
		return fail(p, "unexpected text after ']'");
	*close = '\0';
	name = trim(s + 1);
	arg = name + strcspn(name, " \t");
	if (*arg) {
		*arg++ = '\0';
		arg = trim(arg);
	}

	if (!strcmp(name, "general")) {
		if (*arg)
			return fail(p, "section [general] takes no name");
		if (p->seen_general)
			return fail(p, "duplicate section [general]");
		p->seen_general = true;
		p->section = SECTION_GENERAL;
		return 0;
	}
	p->keys_set = 0;
	if (!strcmp(name, "iapp")) {
		if (*arg)
			return fail(p, "section [iapp] takes no name");
		if (p->seen_iapp)
			return fail(p, "duplicate section [iapp]");
		p->seen_iapp = true;
		p->section = SECTION_IAPP;
		return 0;
	}
	if (!strcmp(name, "bssid"))
		return parse_bssid_section(p, arg);
	if (!strcmp(name, "ap"))
		return parse_ap_section(p, arg);
	if (strcmp(name, "port")) {
		if (!*name)
			return fail(p, "empty section name");
		return fail(p, "unknown section [%s]", name);
	}

	if (!*arg)
		return fail(p, "section [port] needs an interface name: "
			       "[port IFNAME]");
	if (!config_ifname_valid(arg))
		return fail(p, "invalid interface name '%s'", arg);
	port = (struct config_port *)config_find_port(cfg, arg);
	if (port)
		return fail(p, "duplicate port '%s' (first on line %u)", arg,
			    port->line);
	if (cfg->n_ports >= CONFIG_PORTS_MAX)
		return fail(p, "too many ports (at most %d)", CONFIG_PORTS_MAX);
	ports = realloc(cfg->ports, (cfg->n_ports + 1) * sizeof(*ports));
	if (!ports) {
		fail(p, "out of memory");
		return -ENOMEM;
	}
	cfg->ports = ports;
	port = &ports[cfg->n_ports++];
	memset(port, 0, sizeof(*port));
	snprintf(port->ifname, sizeof(port->ifname), "%s", arg);
	port->role = APEDGE_PORT_ROLE_UNTRUSTED;
	port->l2update_count = 1;
	port->line = p->line;
	p->section = SECTION_PORT;
	p->port_role_set = false;
	return 0;
}

static int parse_general(struct parser *p, const char *key, const char *value)
{
	struct config *cfg = p->cfg;

	if (!strcmp(key, "log_level")) {
		int level = log_level_from_name(value);

		if (p->cfg->log_level_set)
			return fail(p, "duplicate key 'log_level'");
		if (level < 0)
			return fail(p, "invalid log_level '%s' (expected "
				    "debug, info, notice, warning or error)",
				    value);
		cfg->log_level = level;
		cfg->log_level_set = true;
		return 0;
	}
	if (!strcmp(key, "ctrl_socket")) {
		if (cfg->ctrl_socket_set)
			return fail(p, "duplicate key 'ctrl_socket'");
		if (value[0] != '/')
			return fail(p, "ctrl_socket must be an absolute path");
		if (strlen(value) >= sizeof(cfg->ctrl_socket))
			return fail(p, "ctrl_socket is too long (at most %zu "
				    "characters)", sizeof(cfg->ctrl_socket) - 1);
		snprintf(cfg->ctrl_socket, sizeof(cfg->ctrl_socket), "%s",
			 value);
		cfg->ctrl_socket_set = true;
		return 0;
	}
	return fail(p, "unknown key '%s' in section [general]", key);
}

static const char *const port_keys[] = {
	"l2update", "l2update_count", "l2update_interval_ms", NULL
};

static int parse_port(struct parser *p, const char *key, const char *value)
{
	struct config_port *port = &p->cfg->ports[p->cfg->n_ports - 1];

	if (key_once(p, port_keys, key) < 0)
		return -EINVAL;
	if (!strcmp(key, "l2update")) {
		if (!strcmp(value, "transmit"))
			port->l2update = APEDGE_XID_MODE_TRANSMIT;
		else if (!strcmp(value, "inject"))
			port->l2update = APEDGE_XID_MODE_INJECT;
		else if (!strcmp(value, "off"))
			port->l2update = 0;
		else
			return fail(p, "invalid l2update '%s' (expected "
				    "transmit, inject or off)", value);
		return 0;
	}
	if (!strcmp(key, "l2update_count"))
		return number(p, key, value, 1, APEDGE_XID_COUNT_MAX,
			      &port->l2update_count);
	if (!strcmp(key, "l2update_interval_ms"))
		return number(p, key, value, 0, APEDGE_XID_INTERVAL_MAX,
			      &port->l2update_interval_ms);

	if (!strcmp(key, "role")) {
		if (p->port_role_set)
			return fail(p, "duplicate key 'role'");
		if (!strcmp(value, "trusted"))
			port->role = APEDGE_PORT_ROLE_TRUSTED;
		else if (!strcmp(value, "untrusted"))
			port->role = APEDGE_PORT_ROLE_UNTRUSTED;
		else
			return fail(p, "invalid role '%s' (expected trusted "
				    "or untrusted)", value);
		p->port_role_set = true;
		return 0;
	}
	return fail(p, "unknown key '%s' in section [port %s]", key,
		    port->ifname);
}

static const char *const iapp_keys[] = {
	"interface", "ttl", "key", "port", "move_timeout_ms", "kick",
	"hostapd_ctrl", "bssid", "cache_notify", "cache_timeout_s", NULL
};

static int parse_iapp(struct parser *p, const char *key, const char *value)
{
	struct config_iapp *ia = &p->cfg->iapp;
	unsigned int v;

	if (key_once(p, iapp_keys, key) < 0)
		return -EINVAL;
	if (!strcmp(key, "interface")) {
		if (!config_ifname_valid(value))
			return fail(p, "invalid interface name '%s'", value);
		snprintf(ia->ifname, sizeof(ia->ifname), "%s", value);
		ia->enabled = true;
		return 0;
	}
	if (!strcmp(key, "ttl"))
		return number(p, key, value, 1, 255, &ia->ttl);
	if (!strcmp(key, "key")) {
		if (iapp_key_parse_hex(value, &ia->key) < 0)
			return fail(p, "invalid key (expected 2 to %d hex "
				    "digits, an even count)", 2 * IAPP_KEY_MAX);
		return 0;
	}
	if (!strcmp(key, "port")) {
		if (number(p, key, value, 1, 65535, &v) < 0)
			return -EINVAL;
		ia->port = (uint16_t)v;
		return 0;
	}
	if (!strcmp(key, "move_timeout_ms"))
		return number(p, key, value, 100, 60000, &ia->move_timeout_ms);
	if (!strcmp(key, "kick")) {
		if (!strcmp(value, "none"))
			ia->kick = CONFIG_KICK_NONE;
		else if (!strcmp(value, "hostapd"))
			ia->kick = CONFIG_KICK_HOSTAPD;
		else if (!strcmp(value, "nl80211"))
			ia->kick = CONFIG_KICK_NL80211;
		else
			return fail(p, "invalid kick '%s' (expected none, "
				    "hostapd or nl80211)", value);
		return 0;
	}
	if (!strcmp(key, "hostapd_ctrl")) {
		if (value[0] != '/')
			return fail(p, "hostapd_ctrl must be an absolute path");
		/* Room for "/" and an interface name after it. */
		if (strlen(value) + IFNAMSIZ >= sizeof(ia->hostapd_ctrl))
			return fail(p, "hostapd_ctrl is too long");
		snprintf(ia->hostapd_ctrl, sizeof(ia->hostapd_ctrl), "%s",
			 value);
		return 0;
	}
	if (!strcmp(key, "bssid")) {
		if (mac_parse(value, ia->bssid) < 0 ||
		    !mac_is_unicast(ia->bssid) || mac_is_zero(ia->bssid))
			return fail(p, "invalid bssid '%s' (expected a unicast "
				    "xx:xx:xx:xx:xx:xx)", value);
		ia->has_bssid = true;
		return 0;
	}
	if (!strcmp(key, "cache_notify")) {
		if (!strcmp(value, "off"))
			ia->cache_notify = false;
		else if (!strcmp(value, "all"))
			ia->cache_notify = true;
		else
			return fail(p, "invalid cache_notify '%s' (expected "
				    "off or all)", value);
		return 0;
	}
	if (!strcmp(key, "cache_timeout_s"))
		return number(p, key, value, 1, 65535, &ia->cache_timeout_s);
	return fail(p, "unknown key '%s' in section [iapp]", key);
}

static int parse_bssid(struct parser *p, const char *key, const char *value)
{
	struct config_bssid *b = &p->cfg->bssids[p->cfg->n_bssids - 1];

	if (!strcmp(key, "address")) {
		if (p->keys_set)
			return fail(p, "duplicate key 'address'");
		if (inet_pton(AF_INET, value, &b->addr) != 1)
			return fail(p, "invalid address '%s' (expected an "
				    "IPv4 address)", value);
		p->keys_set = 1;
		return 0;
	}
	return fail(p, "unknown key '%s' in section [bssid]", key);
}

/* vlan_map = IFNAME:VID [IFNAME:VID ...] */
static int parse_vlan_map(struct parser *p, struct config_ap *ap, char *value)
{
	char *tok, *save = NULL, *colon;
	size_t i;

	for (tok = strtok_r(value, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		struct config_ap_vlan *v;

		colon = strrchr(tok, ':');
		if (!colon)
			return fail(p, "invalid vlan_map entry '%s' (expected "
				    "IFNAME:VID)", tok);
		*colon = '\0';
		if (!config_ifname_valid(tok))
			return fail(p, "invalid interface name '%s' in "
				    "vlan_map", tok);
		for (i = 0; i < ap->n_vlans; i++)
			if (!strcmp(ap->vlans[i].ifname, tok))
				return fail(p, "interface '%s' given twice in "
					    "vlan_map", tok);
		if (ap->n_vlans >= CONFIG_AP_VLANS_MAX)
			return fail(p, "too many vlan_map entries (at most "
				    "%d)", CONFIG_AP_VLANS_MAX);
		v = &ap->vlans[ap->n_vlans];
		v->vid = vid_parse(colon + 1);
		if (!v->vid)
			return fail(p, "invalid VLAN ID '%s' for '%s' in "
				    "vlan_map (expected 1..4094)", colon + 1,
				    tok);
		snprintf(v->ifname, sizeof(v->ifname), "%s", tok);
		ap->n_vlans++;
	}
	return 0;
}

static const char *const ap_keys[] = { "vlan_map", NULL };

static int parse_ap(struct parser *p, const char *key, char *value)
{
	struct config_ap *ap = &p->cfg->aps[p->cfg->n_aps - 1];

	if (key_once(p, ap_keys, key) < 0)
		return -EINVAL;
	if (!strcmp(key, "vlan_map"))
		return parse_vlan_map(p, ap, value);
	return fail(p, "unknown key '%s' in section [ap %s]", key,
		    ap->ifname);
}

static int parse_pair(struct parser *p, char *s)
{
	char *eq = strchr(s, '=');
	char *key, *value;

	if (!eq)
		return fail(p, "expected 'key = value' or '[section]'");
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (!*key)
		return fail(p, "missing key before '='");
	if (!*value)
		return fail(p, "missing value for '%s'", key);

	switch (p->section) {
	case SECTION_NONE:
		return fail(p, "key '%s' outside of any section", key);
	case SECTION_GENERAL:
		return parse_general(p, key, value);
	case SECTION_PORT:
		return parse_port(p, key, value);
	case SECTION_IAPP:
		return parse_iapp(p, key, value);
	case SECTION_BSSID:
		return parse_bssid(p, key, value);
	case SECTION_AP:
		return parse_ap(p, key, value);
	}
	return fail(p, "internal error");
}

static int parse_line(struct parser *p, char *s)
{
	const char *c;

	for (c = s; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return fail(p, "invalid control character 0x%02x",
				    (unsigned char)*c);
	s = trim(s);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return parse_section(p, s);
	return parse_pair(p, s);
}

/* What only the whole file can tell. */
static int check(struct parser *p)
{
	struct config *cfg = p->cfg;
	size_t i;

	for (i = 0; i < cfg->n_bssids; i++)
		if (!cfg->bssids[i].addr.s_addr) {
			p->line = cfg->bssids[i].line;
			return fail(p, "section [bssid] needs 'address'");
		}
	if (p->seen_iapp && !cfg->iapp.enabled) {
		p->line = 0;
		return fail(p, "section [iapp] needs 'interface'");
	}
	return 0;
}

int config_parse(const char *text, size_t len, struct config *cfg,
		 struct config_error *err)
{
	struct parser p = { .cfg = cfg, .err = err };
	char buf[CONFIG_LINE_MAX + 2];
	size_t pos = 0;
	int r;

	config_init(cfg);
	memset(err, 0, sizeof(*err));

	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;

		pos += n + (nl ? 1 : 0);
		p.line++;
		if (n && start[n - 1] == '\r')
			n--;
		if (n > CONFIG_LINE_MAX) {
			r = fail(&p, "line too long (more than %d characters)",
				 CONFIG_LINE_MAX);
			goto error;
		}
		if (memchr(start, '\0', n)) {
			r = fail(&p, "NUL byte in line");
			goto error;
		}
		memcpy(buf, start, n);
		buf[n] = '\0';
		r = parse_line(&p, buf);
		if (r < 0)
			goto error;
	}
	r = check(&p);
	if (r < 0)
		goto error;
	return 0;

error:
	config_free(cfg);
	return r;
}
