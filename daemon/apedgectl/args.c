// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's argument parser.
 *
 *   apedgectl [OPTIONS] OBJECT COMMAND [ARGS]
 *
 * iproute2 style: keywords followed by their values, in any order.
 * Command words and keywords (not their values) may be shortened to any
 * prefix that only one of the words allowed at that point starts with:
 * "por sh" is "port show", "x s d va st 02:..." is "xid send dev va sta
 * 02:...".  An exact word always wins; an ambiguous prefix ("po": port
 * or policy) is an error.  Values (trusted, inject...) may be shortened
 * too, but not policy class names.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/output.h"

const char actl_usage[] =
"Usage: apedgectl [-j] [-p] [-n NETNS] [-s CTRL_SOCKET] COMMAND\n"
"       apedgectl [-n NETNS] -b FILE\n"
"       apedgectl -h | -V\n"
"Commands:\n"
"  info\n"
"  port add dev IF [role trusted|untrusted] [source-guard on|off]\n"
"  port set dev IF source-guard on|off\n"
"  port del dev IF\n"
"  port show [dev IF]\n"
"  xid send dev IF sta MAC [mode transmit|inject] [vlan VID]\n"
"           [count N [interval MS]] [rw BYTE]\n"
"  stats [show] [dev IF]\n"
"  stats reset [dev IF]\n"
"  policy set dev IF [CLASS pass|drop|copy|redirect]... [punt-rate N]\n"
"  binding add ip ADDR mac MAC dev IF [lifetime SECS]\n"
"  binding del ip ADDR\n"
"  binding show [dev IF | ip ADDR]\n"
"  binding limit [N]\n"
"  monitor [daemon]\n"
"  daemon status|ping|reload\n"
"  sta add dev IF mac MAC [vlan VID] [authorized|unauthorized]\n"
"          [prev-ap BSSID] [ip ADDR]...\n"
"  sta authorize|del mac MAC\n"
"  sta show\n"
"  iapp show\n"
"Devices may also be given as \"ifindex N\" instead of \"dev IF\".\n"
"Words may be shortened where unambiguous: \"por sh\" is \"port show\".\n"
"Options:\n"
"  -j, --json     print JSON\n"
"  -p, --pretty   indent the JSON\n"
"  -n, --netns NETNS  act in network namespace NETNS (a name from\n"
"                 \"ip netns\", or a path such as /proc/PID/ns/net)\n"
"  -s PATH        apedged's control socket (daemon, sta, iapp)\n"
"  -b, --batch FILE  run the commands of FILE (\"-\": standard input),\n"
"                 one a line, on one netlink socket; stop at the first\n"
"                 that fails\n"
"  -h, --help     show this text\n"
"  -V, --version  show the version\n";

const char *actl_cmd_name(enum actl_cmd cmd)
{
	switch (cmd) {
	case ACTL_CMD_INFO: return "info";
	case ACTL_CMD_PORT_ADD: return "port add";
	case ACTL_CMD_PORT_DEL: return "port del";
	case ACTL_CMD_PORT_SHOW: return "port show";
	case ACTL_CMD_XID_SEND: return "xid send";
	case ACTL_CMD_STATS: return "stats";
	case ACTL_CMD_MONITOR: return "monitor";
	case ACTL_CMD_DAEMON: return "daemon";
	case ACTL_CMD_POLICY_SET: return "policy set";
	case ACTL_CMD_STATS_RESET: return "stats reset";
	case ACTL_CMD_STA_ADD: return "sta add";
	case ACTL_CMD_STA_AUTHORIZE: return "sta authorize";
	case ACTL_CMD_STA_DEL: return "sta del";
	case ACTL_CMD_STA_SHOW: return "sta show";
	case ACTL_CMD_IAPP_SHOW: return "iapp show";
	case ACTL_CMD_PORT_SET: return "port set";
	case ACTL_CMD_BINDING_ADD: return "binding add";
	case ACTL_CMD_BINDING_DEL: return "binding del";
	case ACTL_CMD_BINDING_SHOW: return "binding show";
	case ACTL_CMD_BINDING_LIMIT: return "binding limit";
	case ACTL_CMD_HELP: return "help";
	case ACTL_CMD_VERSION: return "version";
	case ACTL_CMD_NONE: break;
	}
	return "?";
}

struct parser {
	int argc;
	char **argv;
	int i;
	char *err;
	size_t errlen;
};

/* The error, on one line whatever the words it quotes hold. */
__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char *c;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	for (c = p->errlen ? p->err : ""; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return -1;
}

static const char *peek(const struct parser *p)
{
	return p->i < p->argc ? p->argv[p->i] : NULL;
}

static const char *next(struct parser *p)
{
	return p->i < p->argc ? p->argv[p->i++] : NULL;
}

/* The value after keyword kw. */
static int value(struct parser *p, const char *kw, const char **out)
{
	*out = next(p);
	if (!*out)
		return fail(p, "\"%s\" needs a value", kw);
	return 0;
}

/*
 * The keyword of kws (NULL-terminated) that word is or, failing that, the
 * only one it is a prefix of.  word itself if it matches none (the caller
 * then says what it expected); NULL, with the error set, if ambiguous.
 */
static const char *expand(struct parser *p, const char *word,
			  const char *const *kws)
{
	const char *found = NULL;
	size_t n = strlen(word), used;
	unsigned int i, hits = 0;

	if (!n)
		return word;
	for (i = 0; kws[i]; i++) {
		if (!strcmp(word, kws[i]))
			return kws[i];
		if (!strncmp(word, kws[i], n)) {
			found = kws[i];
			hits++;
		}
	}
	if (hits == 0)
		return word;
	if (hits == 1)
		return found;
	fail(p, "\"%s\" is ambiguous (", word);
	for (i = 0, hits = 0; kws[i]; i++) {
		used = strlen(p->err);
		if (!strncmp(word, kws[i], n) && used < p->errlen)
			snprintf(p->err + used, p->errlen - used, "%s%s",
				 hits++ ? ", " : "", kws[i]);
	}
	used = strlen(p->err);
	if (used < p->errlen)
		snprintf(p->err + used, p->errlen - used, ")");
	return NULL;
}

/* An unsigned number: decimal, or hexadecimal after 0x; no sign, no octal. */
static bool to_ulong(const char *s, unsigned long *out)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!isxdigit((unsigned char)*s))
			return false;
	} else if (!isdigit((unsigned char)*s)) {
		return false;
	}
	errno = 0;
	*out = strtoul(s, &end, base);
	return !errno && !*end;
}

/* An unsigned number in [min, max]; decimal, or hex with 0x. */
static int number(struct parser *p, const char *kw, unsigned long min,
		  unsigned long max, unsigned long *out)
{
	const char *s;

	if (value(p, kw, &s))
		return -1;
	if (!to_ulong(s, out))
		return fail(p, "%s \"%s\": not a number", kw, s);
	if (*out < min || *out > max)
		return fail(p, "%s %s: out of range %lu..%lu", kw, s, min, max);
	return 0;
}

/* As the kernel's dev_valid_name(): no '/', ':' or white space. */
static bool valid_ifname(const char *s)
{
	const char *c;

	if (!*s || strlen(s) >= ACTL_IFNAMSIZ || !strcmp(s, ".") ||
	    !strcmp(s, ".."))
		return false;
	for (c = s; *c; c++)
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return false;
	return true;
}

static int device(struct parser *p, const char *kw, struct actl_req *req)
{
	unsigned long n;
	const char *s;

	if (req->ifname[0] || req->ifindex)
		return fail(p, "the device is given twice");
	if (!strcmp(kw, "ifindex")) {
		if (number(p, kw, 1, INT_MAX, &n))
			return -1;
		req->ifindex = n;
		return 0;
	}
	if (value(p, kw, &s))
		return -1;
	if (!valid_ifname(s))
		return fail(p, "\"%s\" is not a valid interface name", s);
	strcpy(req->ifname, s);
	return 0;
}

static bool is_dev_kw(const char *kw)
{
	return !strcmp(kw, "dev") || !strcmp(kw, "ifindex");
}

static int need_device(struct parser *p, const struct actl_req *req)
{
	if (!req->ifname[0] && !req->ifindex)
		return fail(p, "%s: \"dev IF\" is required",
			    actl_cmd_name(req->cmd));
	return 0;
}

static int no_more(struct parser *p, const struct actl_req *req)
{
	const char *s = peek(p);

	if (s)
		return fail(p, "%s: unexpected \"%s\"", actl_cmd_name(req->cmd), s);
	return 0;
}

static const char *const port_verbs[] = {
	"add", "del", "show", "list", "set", NULL
};
static const char *const port_kws[] = {
	"dev", "ifindex", "role", "source-guard", NULL
};
static const char *const roles[] = { "trusted", "untrusted", NULL };
static const char *const on_off[] = { "on", "off", NULL };

static int source_guard(struct parser *p, const char *kw, struct actl_req *req)
{
	const char *s;

	if (value(p, kw, &s))
		return -1;
	if (!(s = expand(p, s, on_off)))
		return -1;
	if (!strcmp(s, "on"))
		req->source_guard = ACTL_SG_ON;
	else if (!strcmp(s, "off"))
		req->source_guard = ACTL_SG_OFF;
	else
		return fail(p, "source-guard \"%s\": use on or off", s);
	return 0;
}

static int parse_port(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p), *raw, *kw, *s;

	if (verb && !(verb = expand(p, verb, port_verbs)))
		return -1;
	if (!verb || !strcmp(verb, "show") || !strcmp(verb, "list") ||
	    !strcmp(verb, "ls"))
		req->cmd = ACTL_CMD_PORT_SHOW;
	else if (!strcmp(verb, "add"))
		req->cmd = ACTL_CMD_PORT_ADD;
	else if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		req->cmd = ACTL_CMD_PORT_DEL;
	else if (!strcmp(verb, "set"))
		req->cmd = ACTL_CMD_PORT_SET;
	else
		return fail(p, "port: unknown command \"%s\" (add, del, set, show)",
			    verb);

	while ((raw = next(p))) {
		if (!(kw = expand(p, raw, port_kws)))
			return -1;
		if (is_dev_kw(kw)) {
			if (device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "role") && req->cmd == ACTL_CMD_PORT_ADD) {
			if (value(p, kw, &s))
				return -1;
			if (!(s = expand(p, s, roles)))
				return -1;
			if (!strcmp(s, "trusted"))
				req->role = APEDGE_PORT_ROLE_TRUSTED;
			else if (!strcmp(s, "untrusted"))
				req->role = APEDGE_PORT_ROLE_UNTRUSTED;
			else
				return fail(p, "role \"%s\": use trusted or untrusted", s);
		} else if (!strcmp(kw, "source-guard") &&
			   (req->cmd == ACTL_CMD_PORT_ADD ||
			    req->cmd == ACTL_CMD_PORT_SET)) {
			if (source_guard(p, kw, req))
				return -1;
		} else {
			return fail(p, "%s: unexpected \"%s\"",
				    actl_cmd_name(req->cmd), raw);
		}
	}
	if (req->cmd == ACTL_CMD_PORT_SET && !req->source_guard)
		return fail(p, "port set: nothing to set (source-guard on|off)");
	if (req->cmd != ACTL_CMD_PORT_SHOW)
		return need_device(p, req);
	return 0;
}

static const char *const binding_verbs[] = {
	"add", "del", "show", "list", "limit", NULL
};
static const char *const binding_kws[] = {
	"ip", "mac", "dev", "ifindex", "lifetime", NULL
};

/* An IPv4 or IPv6 address, as inet_pton() reads them. */
static int address(struct parser *p, const char *kw, struct actl_req *req)
{
	const char *s;

	if (value(p, kw, &s))
		return -1;
	if (req->family)
		return fail(p, "the address is given twice");
	memset(req->addr, 0, sizeof(req->addr));
	if (inet_pton(AF_INET, s, req->addr) == 1)
		req->family = AF_INET;
	else if (inet_pton(AF_INET6, s, req->addr) == 1)
		req->family = AF_INET6;
	else
		return fail(p, "ip \"%s\": not an IPv4 or IPv6 address", s);
	return 0;
}

static int parse_binding(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p), *raw, *kw, *s;
	unsigned long n;

	if (verb && !(verb = expand(p, verb, binding_verbs)))
		return -1;
	if (!verb || !strcmp(verb, "show") || !strcmp(verb, "list"))
		req->cmd = ACTL_CMD_BINDING_SHOW;
	else if (!strcmp(verb, "add"))
		req->cmd = ACTL_CMD_BINDING_ADD;
	else if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		req->cmd = ACTL_CMD_BINDING_DEL;
	else if (!strcmp(verb, "limit"))
		req->cmd = ACTL_CMD_BINDING_LIMIT;
	else
		return fail(p, "binding: unknown command \"%s\" (add, del, show, limit)",
			    verb);

	if (req->cmd == ACTL_CMD_BINDING_LIMIT) {
		if (!peek(p))
			return 0;
		if (number(p, "limit", 1, APEDGE_BINDINGS_MAX_LIMIT, &n))
			return -1;
		req->limit = n;
		return no_more(p, req);
	}

	while ((raw = next(p))) {
		if (!(kw = expand(p, raw, binding_kws)))
			return -1;
		if (!strcmp(kw, "ip")) {
			if (address(p, kw, req))
				return -1;
		} else if (is_dev_kw(kw) && req->cmd != ACTL_CMD_BINDING_DEL) {
			if (device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "mac") && req->cmd == ACTL_CMD_BINDING_ADD) {
			if (value(p, kw, &s))
				return -1;
			if (mac_parse(s, req->mac))
				return fail(p, "mac \"%s\": not a MAC address (xx:xx:xx:xx:xx:xx)", s);
			if (!mac_is_unicast(req->mac) || mac_is_zero(req->mac))
				return fail(p, "mac %s: must be a unicast, non-zero address", s);
			req->has_mac = true;
		} else if (!strcmp(kw, "lifetime") &&
			   req->cmd == ACTL_CMD_BINDING_ADD) {
			if (number(p, kw, 0, UINT32_MAX, &n))
				return -1;
			req->lifetime = n;
			req->has_lifetime = true;
		} else {
			return fail(p, "%s: unexpected \"%s\"",
				    actl_cmd_name(req->cmd), raw);
		}
	}
	switch (req->cmd) {
	case ACTL_CMD_BINDING_ADD:
		if (!req->family)
			return fail(p, "binding add: \"ip ADDR\" is required");
		if (!req->has_mac)
			return fail(p, "binding add: \"mac MAC\" is required");
		return need_device(p, req);
	case ACTL_CMD_BINDING_DEL:
		if (!req->family)
			return fail(p, "binding del: \"ip ADDR\" is required");
		return 0;
	default:
		if (req->family && (req->ifname[0] || req->ifindex))
			return fail(p, "binding show: give \"ip ADDR\" or \"dev IF\", not both");
		return 0;
	}
}

static const char *const xid_verbs[] = { "send", NULL };
static const char *const xid_kws[] = {
	"dev", "ifindex", "sta", "mode", "vlan", "count", "interval", "rw", NULL
};
static const char *const modes[] = { "transmit", "inject", NULL };

static int parse_xid(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p), *raw, *kw, *s;
	unsigned long n;

	if (verb && !(verb = expand(p, verb, xid_verbs)))
		return -1;
	if (!verb || strcmp(verb, "send"))
		return fail(p, "xid: unknown command \"%s\" (send)",
			    verb ? verb : "");
	req->cmd = ACTL_CMD_XID_SEND;

	while ((raw = next(p))) {
		if (!(kw = expand(p, raw, xid_kws)))
			return -1;
		if (is_dev_kw(kw)) {
			if (device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "sta")) {
			if (value(p, kw, &s))
				return -1;
			if (mac_parse(s, req->sta))
				return fail(p, "sta \"%s\": not a MAC address (xx:xx:xx:xx:xx:xx)", s);
			if (!mac_is_unicast(req->sta) || mac_is_zero(req->sta))
				return fail(p, "sta %s: must be a unicast, non-zero address", s);
			req->has_sta = true;
		} else if (!strcmp(kw, "mode")) {
			if (value(p, kw, &s))
				return -1;
			if (!(s = expand(p, s, modes)))
				return -1;
			if (!strcmp(s, "transmit"))
				req->mode = APEDGE_XID_MODE_TRANSMIT;
			else if (!strcmp(s, "inject"))
				req->mode = APEDGE_XID_MODE_INJECT;
			else
				return fail(p, "mode \"%s\": use transmit or inject", s);
		} else if (!strcmp(kw, "vlan")) {
			if (number(p, kw, 1, 4094, &n))
				return -1;
			req->vlan = n;
		} else if (!strcmp(kw, "count")) {
			if (number(p, kw, 1, APEDGE_XID_COUNT_MAX, &n))
				return -1;
			req->count = n;
		} else if (!strcmp(kw, "interval")) {
			if (number(p, kw, 0, APEDGE_XID_INTERVAL_MAX, &n))
				return -1;
			req->interval = n;
			req->has_interval = true;
		} else if (!strcmp(kw, "rw")) {
			if (number(p, kw, 0, 255, &n))
				return -1;
			req->rw = n;
			req->has_rw = true;
		} else {
			return fail(p, "xid send: unexpected \"%s\"", raw);
		}
	}
	if (need_device(p, req))
		return -1;
	if (!req->has_sta)
		return fail(p, "xid send: \"sta MAC\" is required");
	if (req->has_interval && req->interval && req->count < 2)
		return fail(p, "xid send: interval needs a count of 2 or more");
	return 0;
}

static const char *const stats_first[] = {
	"show", "list", "reset", "dev", "ifindex", NULL
};
static const char *const dev_kws[] = { "dev", "ifindex", NULL };

static int parse_stats(struct parser *p, struct actl_req *req)
{
	const char *raw, *kw;
	bool first = true;

	req->cmd = ACTL_CMD_STATS;
	while ((raw = next(p))) {
		if (!(kw = expand(p, raw, first ? stats_first : dev_kws)))
			return -1;
		if (first && (!strcmp(kw, "show") || !strcmp(kw, "list") ||
			      !strcmp(kw, "reset"))) {
			if (!strcmp(kw, "reset"))
				req->cmd = ACTL_CMD_STATS_RESET;
			first = false;
			continue;
		}
		first = false;
		if (!is_dev_kw(kw))
			return fail(p, "%s: unexpected \"%s\"",
				    actl_cmd_name(req->cmd), raw);
		if (device(p, kw, req))
			return -1;
	}
	return 0;
}

static const char *const policy_verbs[] = { "set", NULL };

/* Class names are not shortened: new classes would make prefixes ambiguous. */
static int parse_policy(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p), *kw, *v;
	unsigned int class, verdict, n = 0;

	if (verb && !(verb = expand(p, verb, policy_verbs)))
		return -1;
	if (!verb || strcmp(verb, "set"))
		return fail(p, "policy: unknown command \"%s\" (set)",
			    verb ? verb : "");
	req->cmd = ACTL_CMD_POLICY_SET;
	while ((kw = next(p))) {
		if (is_dev_kw(kw)) {
			if (device(p, kw, req))
				return -1;
			continue;
		}
		if (!strcmp(kw, "punt-rate")) {
			unsigned long r;

			if (number(p, kw, 0, APEDGE_PUNT_RATE_MAX, &r))
				return -1;
			req->punt_rate = r;
			req->has_punt_rate = true;
			n++;
			continue;
		}
		class = actl_class_value(kw);
		if (!class || class >= ACTL_POLICY_CLASSES)
			return fail(p, "policy set: unknown class \"%s\"", kw);
		if (value(p, kw, &v))
			return -1;
		verdict = actl_verdict_value(v);
		if (!verdict)
			return fail(p, "%s \"%s\": use pass, drop, copy or redirect",
				    kw, v);
		req->policy[class] = verdict;
		n++;
	}
	if (need_device(p, req))
		return -1;
	if (!n)
		return fail(p, "policy set: no \"CLASS VERDICT\" or punt-rate given");
	return 0;
}

static const char *const daemon_verbs[] = { "status", "ping", "reload", NULL };

static int parse_daemon(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p);

	req->cmd = ACTL_CMD_DAEMON;
	if (!verb)
		verb = "status";
	if (!(verb = expand(p, verb, daemon_verbs)))
		return -1;
	if (strcmp(verb, "status") && strcmp(verb, "ping") &&
	    strcmp(verb, "reload"))
		return fail(p, "daemon: unknown command \"%s\" (status, ping, reload)",
			    verb);
	req->daemon_req = verb;
	return no_more(p, req);
}

static int mac_value(struct parser *p, const char *kw, uint8_t mac[MAC_LEN])
{
	const char *s;

	if (value(p, kw, &s))
		return -1;
	if (mac_parse(s, mac) || strlen(s) != 17)
		return fail(p, "%s \"%s\": not a MAC address (xx:xx:xx:xx:xx:xx)",
			    kw, s);
	if (!mac_is_unicast(mac) || mac_is_zero(mac))
		return fail(p, "%s %s: must be a unicast, non-zero address", kw, s);
	return 0;
}

static const char *const sta_verbs[] = {
	"add", "authorize", "del", "show", "list", NULL
};
static const char *const sta_kws[] = {
	"dev", "mac", "vlan", "authorized", "unauthorized", "prev-ap", "ip",
	NULL
};
static const char *const mac_kws[] = { "mac", NULL };

/* An address as inet_pton() takes it: digits, hex, '.' and ':'. */
static bool addr_chars(const char *s)
{
	if (!*s || strlen(s) > 45)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != '.' && *s != ':')
			return false;
	return true;
}

static int parse_sta(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p), *raw, *kw, *s;
	unsigned long n;

	if (verb && !(verb = expand(p, verb, sta_verbs)))
		return -1;
	if (!verb || !strcmp(verb, "show") || !strcmp(verb, "list")) {
		req->cmd = ACTL_CMD_STA_SHOW;
		return no_more(p, req);
	}
	if (!strcmp(verb, "add"))
		req->cmd = ACTL_CMD_STA_ADD;
	else if (!strcmp(verb, "authorize"))
		req->cmd = ACTL_CMD_STA_AUTHORIZE;
	else if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		req->cmd = ACTL_CMD_STA_DEL;
	else
		return fail(p, "sta: unknown command \"%s\" (add, authorize, del, show)",
			    verb);

	while ((raw = next(p))) {
		if (!(kw = expand(p, raw, req->cmd == ACTL_CMD_STA_ADD ?
				  sta_kws : mac_kws)))
			return -1;
		if (!strcmp(kw, "mac")) {
			if (req->has_sta)
				return fail(p, "the station is given twice");
			if (mac_value(p, kw, req->sta))
				return -1;
			req->has_sta = true;
		} else if (req->cmd != ACTL_CMD_STA_ADD) {
			return fail(p, "%s: unexpected \"%s\"",
				    actl_cmd_name(req->cmd), raw);
		} else if (!strcmp(kw, "dev")) {
			if (device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "vlan")) {
			if (number(p, kw, 1, 4094, &n))
				return -1;
			req->vlan = n;
		} else if (!strcmp(kw, "authorized")) {
			req->authorized = true;
		} else if (!strcmp(kw, "unauthorized")) {
			req->authorized = false;
		} else if (!strcmp(kw, "prev-ap")) {
			if (mac_value(p, kw, req->prev_ap))
				return -1;
			req->has_prev_ap = true;
		} else if (!strcmp(kw, "ip")) {
			if (value(p, kw, &s))
				return -1;
			if (!addr_chars(s))
				return fail(p, "ip \"%s\": not an address", s);
			if (req->n_ips >= ACTL_IPS_MAX)
				return fail(p, "sta add: at most %d addresses",
					    ACTL_IPS_MAX);
			req->ips[req->n_ips++] = s;
		} else {
			return fail(p, "sta add: unexpected \"%s\"", raw);
		}
	}
	if (req->cmd == ACTL_CMD_STA_ADD && need_device(p, req))
		return -1;
	if (!req->has_sta)
		return fail(p, "%s: \"mac MAC\" is required",
			    actl_cmd_name(req->cmd));
	return 0;
}

static const char *const iapp_verbs[] = { "show", "list", NULL };

static int parse_iapp(struct parser *p, struct actl_req *req)
{
	const char *verb = next(p);

	req->cmd = ACTL_CMD_IAPP_SHOW;
	if (verb && !(verb = expand(p, verb, iapp_verbs)))
		return -1;
	if (verb && strcmp(verb, "show") && strcmp(verb, "list"))
		return fail(p, "iapp: unknown command \"%s\" (show)", verb);
	return no_more(p, req);
}

bool actl_cmd_is_daemon(enum actl_cmd cmd)
{
	switch (cmd) {
	case ACTL_CMD_DAEMON:
	case ACTL_CMD_STA_ADD:
	case ACTL_CMD_STA_AUTHORIZE:
	case ACTL_CMD_STA_DEL:
	case ACTL_CMD_STA_SHOW:
	case ACTL_CMD_IAPP_SHOW:
		return true;
	default:
		return false;
	}
}

int actl_daemon_line(const struct actl_req *req, char *buf, size_t size)
{
	char mac[MAC_STR_LEN], prev[MAC_STR_LEN];
	size_t len;
	unsigned int i;
	int n;

	switch (req->cmd) {
	case ACTL_CMD_DAEMON:
		n = snprintf(buf, size, "%s", req->daemon_req);
		break;
	case ACTL_CMD_STA_SHOW:
		n = snprintf(buf, size, "sta show");
		break;
	case ACTL_CMD_IAPP_SHOW:
		n = snprintf(buf, size, "iapp show");
		break;
	case ACTL_CMD_STA_AUTHORIZE:
	case ACTL_CMD_STA_DEL:
		n = snprintf(buf, size, "sta %s %s",
			     req->cmd == ACTL_CMD_STA_DEL ? "del" : "authorize",
			     mac_format(req->sta, mac));
		break;
	case ACTL_CMD_STA_ADD:
		n = snprintf(buf, size, "sta add %s %s %s", req->ifname,
			     mac_format(req->sta, mac),
			     req->authorized ? "authorized" : "unauthorized");
		if (n < 0 || (size_t)n >= size)
			return -1;
		if (req->vlan) {
			len = strlen(buf);
			n = snprintf(buf + len, size - len, " vlan %u", req->vlan);
			if (n < 0 || (size_t)n >= size - len)
				return -1;
		}
		if (req->has_prev_ap) {
			len = strlen(buf);
			n = snprintf(buf + len, size - len, " prev-ap %s",
				     mac_format(req->prev_ap, prev));
			if (n < 0 || (size_t)n >= size - len)
				return -1;
		}
		for (i = 0; i < req->n_ips; i++) {
			len = strlen(buf);
			n = snprintf(buf + len, size - len, " ip %s", req->ips[i]);
			if (n < 0 || (size_t)n >= size - len)
				return -1;
		}
		len = strlen(buf);
		n = snprintf(buf + len, size - len, "\n");
		return n < 0 || (size_t)n >= size - len ? -1 : 0;
	default:
		return -1;
	}
	if (n < 0 || (size_t)n + 1 >= size)
		return -1;
	buf[n] = '\n';
	buf[n + 1] = '\0';
	return 0;
}

static const char *const commands[] = {
	"info", "port", "xid", "stats", "policy", "monitor", "daemon", "help",
	"binding", NULL
};

int actl_args_parse(int argc, char **argv, struct actl_req *req,
		    char *err, size_t errlen)
{
	struct parser p = { argc, argv, 1, err, errlen };
	const char *s;

	memset(req, 0, sizeof(*req));
	if (errlen)
		err[0] = '\0';

	while ((s = peek(&p)) && s[0] == '-' && s[1]) {
		next(&p);
		if (!strcmp(s, "-j") || !strcmp(s, "--json")) {
			req->json = true;
		} else if (!strcmp(s, "-p") || !strcmp(s, "--pretty")) {
			req->pretty = true;
		} else if (!strcmp(s, "-jp") || !strcmp(s, "-pj")) {
			req->json = req->pretty = true;
		} else if (!strcmp(s, "-s")) {
			if (value(&p, s, &req->ctrl_path))
				return -1;
		} else if (!strcmp(s, "-n") || !strcmp(s, "--netns")) {
			if (value(&p, s, &req->netns))
				return -1;
			if (!*req->netns)
				return fail(&p, "\"%s\" needs a value", s);
		} else if (!strcmp(s, "-b") || !strcmp(s, "--batch")) {
			if (value(&p, s, &req->batch))
				return -1;
			if (!*req->batch)
				return fail(&p, "\"%s\" needs a value", s);
		} else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			req->cmd = ACTL_CMD_HELP;
			return 0;
		} else if (!strcmp(s, "-V") || !strcmp(s, "--version")) {
			req->cmd = ACTL_CMD_VERSION;
			return 0;
		} else {
			return fail(&p, "unknown option \"%s\" (try -h)", s);
		}
	}

	s = next(&p);
	if (!s && req->batch)
		return 0;
	if (s && req->batch)
		return fail(&p, "-b takes its commands from the file, not \"%s\"", s);
	if (!s)
		return fail(&p, "no command given (try -h)");
	/* Not shortened: "st" stays stats, "i" info. */
	if (!strcmp(s, "sta") || !strcmp(s, "station"))
		return parse_sta(&p, req);
	if (!strcmp(s, "iapp"))
		return parse_iapp(&p, req);
	if (!(s = expand(&p, s, commands)))
		return -1;
	if (!strcmp(s, "help")) {
		req->cmd = ACTL_CMD_HELP;
		return 0;
	}
	if (!strcmp(s, "info")) {
		req->cmd = ACTL_CMD_INFO;
		return no_more(&p, req);
	}
	if (!strcmp(s, "port"))
		return parse_port(&p, req);
	if (!strcmp(s, "xid"))
		return parse_xid(&p, req);
	if (!strcmp(s, "stats"))
		return parse_stats(&p, req);
	if (!strcmp(s, "monitor")) {
		static const char *const sources[] = { "daemon", NULL };
		const char *what = next(&p);

		req->cmd = ACTL_CMD_MONITOR;
		if (what && !(what = expand(&p, what, sources)))
			return -1;
		if (what && strcmp(what, "daemon"))
			return fail(&p, "monitor: unknown source \"%s\" "
				    "(daemon)", what);
		req->monitor_daemon = what != NULL;
		return no_more(&p, req);
	}
	if (!strcmp(s, "daemon"))
		return parse_daemon(&p, req);
	if (!strcmp(s, "policy"))
		return parse_policy(&p, req);
	if (!strcmp(s, "binding"))
		return parse_binding(&p, req);
	return fail(&p, "unknown command \"%s\" (try -h)", s);
}
