// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's argument parser.
 *
 *   apedgectl [OPTIONS] OBJECT [VERB] [ARGS]
 *
 * iproute2 style: keywords followed by their values, in any order.
 * Objects, verbs and keywords (not their values) may be shortened to any
 * prefix that only one of the words allowed at that point starts with:
 * "por sh" is "port show", "x s d va st 02:..." is "xid send dev va sta
 * 02:...".  An exact word always wins; an ambiguous prefix ("po": port
 * or policy) is an error.  Values (trusted, inject...) may be shortened
 * too, but not policy class names.
 *
 * The objects and verbs are the tables of the object files (cmd.h); the
 * usage text is written from them.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"

static int parse_help(struct actl_parser *p, struct actl_req *req);

static const struct actl_verb help_verbs[] = {
	{
		.name = "", .cmd = ACTL_CMD_HELP, .flags = ACTL_VERB_NO_BATCH,
		.min_args = 0, .max_args = 1, .parse = parse_help,
		.args = "[OBJECT]", .title = "help",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_help = {
	.name = "help", .flags = ACTL_OBJ_NO_VERB,
	.verbs = help_verbs,
	.help = "this text, or an object's",
};

/* In the order of the usage; the order of an ambiguity's candidates. */
const struct actl_object *const actl_objects[] = {
	&actl_obj_info, &actl_obj_port, &actl_obj_xid, &actl_obj_stats,
	&actl_obj_policy, &actl_obj_binding, &actl_obj_auth,
	&actl_obj_monitor,
	&actl_obj_daemon, &actl_obj_sta, &actl_obj_iapp, &actl_obj_dhcp4,
	&actl_obj_eapol, &actl_obj_station,
	&actl_obj_dhcp6,
	&actl_obj_help,
	NULL
};

const char *const actl_dev_kws[] = { "dev", "ifindex", NULL };

/* The object and verb of a command. */
static bool find_cmd(enum actl_cmd cmd, const struct actl_object **obj,
		     const struct actl_verb **verb)
{
	const struct actl_verb *v;
	unsigned int i;

	for (i = 0; actl_objects[i]; i++)
		for (v = actl_objects[i]->verbs; v->name; v++)
			if (v->cmd == cmd && !(v->flags & ACTL_VERB_ALIAS)) {
				*obj = actl_objects[i];
				*verb = v;
				return true;
			}
	return false;
}

const char *actl_cmd_name(enum actl_cmd cmd)
{
	static char names[ACTL_CMD_COUNT][32];
	const struct actl_object *obj;
	const struct actl_verb *verb;

	if (cmd == ACTL_CMD_VERSION)
		return "version";
	if (cmd <= ACTL_CMD_NONE || cmd >= ACTL_CMD_COUNT ||
	    !find_cmd(cmd, &obj, &verb))
		return "?";
	if (verb->title)
		return verb->title;
	if (!names[cmd][0])
		snprintf(names[cmd], sizeof(names[cmd]), "%s%s%s", obj->name,
			 verb->name[0] ? " " : "", verb->name);
	return names[cmd];
}

bool actl_cmd_is_daemon(enum actl_cmd cmd)
{
	const struct actl_object *obj;
	const struct actl_verb *verb;

	return find_cmd(cmd, &obj, &verb) && (verb->flags & ACTL_VERB_DAEMON);
}

/* ---- the helpers of the verbs' parsers ---------------------------------- */

int actl_fail(struct actl_parser *p, const char *fmt, ...)
{
	va_list ap;
	char *c;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	/* On one line whatever the words it quotes hold. */
	for (c = p->errlen ? p->err : ""; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return -1;
}

const char *actl_peek(const struct actl_parser *p)
{
	return p->i < p->argc ? p->argv[p->i] : NULL;
}

const char *actl_next(struct actl_parser *p)
{
	return p->i < p->argc ? p->argv[p->i++] : NULL;
}

int actl_value(struct actl_parser *p, const char *kw, const char **out)
{
	*out = actl_next(p);
	if (!*out)
		return actl_fail(p, "\"%s\" needs a value", kw);
	return 0;
}

const char *actl_expand(struct actl_parser *p, const char *word,
			const char *const *words)
{
	const char *found = NULL;
	size_t n = strlen(word), used;
	unsigned int i, hits = 0;

	if (!n)
		return word;
	for (i = 0; words[i]; i++) {
		if (!strcmp(word, words[i]))
			return words[i];
		if (!strncmp(word, words[i], n)) {
			found = words[i];
			hits++;
		}
	}
	if (hits == 0)
		return word;
	if (hits == 1)
		return found;
	actl_fail(p, "\"%s\" is ambiguous (", word);
	for (i = 0, hits = 0; words[i]; i++) {
		used = strlen(p->err);
		if (!strncmp(word, words[i], n) && used < p->errlen)
			snprintf(p->err + used, p->errlen - used, "%s%s",
				 hits++ ? ", " : "", words[i]);
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

int actl_number(struct actl_parser *p, const char *kw, unsigned long min,
		unsigned long max, unsigned long *out)
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (!to_ulong(s, out))
		return actl_fail(p, "%s \"%s\": not a number", kw, s);
	if (*out < min || *out > max)
		return actl_fail(p, "%s %s: out of range %lu..%lu", kw, s, min,
				 max);
	return 0;
}

/* As the kernel's dev_valid_name(): no '/', ':' or white space. */
bool actl_valid_ifname(const char *s)
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

bool actl_is_dev_kw(const char *kw)
{
	return !strcmp(kw, "dev") || !strcmp(kw, "ifindex");
}

int actl_device(struct actl_parser *p, const char *kw, struct actl_req *req)
{
	unsigned long n;
	const char *s;

	if (req->ifname[0] || req->ifindex)
		return actl_fail(p, "the device is given twice");
	if (!strcmp(kw, "ifindex")) {
		if (actl_number(p, kw, 1, INT_MAX, &n))
			return -1;
		req->ifindex = n;
		return 0;
	}
	if (actl_value(p, kw, &s))
		return -1;
	if (!actl_valid_ifname(s))
		return actl_fail(p, "\"%s\" is not a valid interface name", s);
	strcpy(req->ifname, s);
	return 0;
}

int actl_need_device(struct actl_parser *p, const struct actl_req *req)
{
	if (!req->ifname[0] && !req->ifindex)
		return actl_fail(p, "%s: \"dev IF\" is required",
				 actl_cmd_name(req->cmd));
	return 0;
}

int actl_dev_only(struct actl_parser *p, struct actl_req *req, bool need)
{
	static const char *const kws[] = { "dev", NULL };
	const char *raw, *kw;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, kws)))
			return -1;
		if (strcmp(kw, "dev"))
			return actl_fail(p, "%s: unexpected \"%s\"",
					 actl_cmd_name(req->cmd), raw);
		if (actl_device(p, kw, req))
			return -1;
	}
	if (need && actl_need_device(p, req))
		return -1;
	return 0;
}

int actl_dev_line(char *buf, size_t size, const char *obj, const char *verb,
		  const char *ifname)
{
	int n;

	if (ifname[0])
		n = snprintf(buf, size, "%s %s dev %s\n", obj, verb, ifname);
	else
		n = snprintf(buf, size, "%s %s\n", obj, verb);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int actl_no_more(struct actl_parser *p, const struct actl_req *req)
{
	const char *s = actl_peek(p);

	if (s)
		return actl_fail(p, "%s: unexpected \"%s\"",
				 actl_cmd_name(req->cmd), s);
	return 0;
}

int actl_mac_value(struct actl_parser *p, const char *kw,
		   uint8_t mac[MAC_LEN])
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (mac_parse(s, mac))
		return actl_fail(p, "%s \"%s\": not a MAC address "
				 "(xx:xx:xx:xx:xx:xx)", kw, s);
	if (!mac_is_unicast(mac) || mac_is_zero(mac))
		return actl_fail(p, "%s %s: must be a unicast, non-zero address",
				 kw, s);
	return 0;
}

int actl_address(struct actl_parser *p, const char *kw,
		 struct actl_req *req)
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (req->family)
		return actl_fail(p, "the address is given twice");
	return actl_address_value(p, s, req);
}

int actl_address_value(struct actl_parser *p, const char *s,
		       struct actl_req *req)
{
	memset(req->addr, 0, sizeof(req->addr));
	if (inet_pton(AF_INET, s, req->addr) == 1)
		req->family = AF_INET;
	else if (inet_pton(AF_INET6, s, req->addr) == 1)
		req->family = AF_INET6;
	else
		return actl_fail(p, "ip \"%s\": not an IPv4 or IPv6 address",
				 s);
	return 0;
}

/* ---- objects and verbs -------------------------------------------------- */

#define WORDS_MAX 16

/*
 * The object called word: its name or alias in full, or a prefix of only
 * one name (of the objects that may be shortened).  NULL with the error.
 */
static const struct actl_object *find_object(struct actl_parser *p,
					     const char *word)
{
	const char *names[WORDS_MAX + 1], *s;
	unsigned int i, n = 0;

	for (i = 0; actl_objects[i]; i++) {
		const struct actl_object *o = actl_objects[i];

		if (!strcmp(word, o->name) ||
		    (o->alias && !strcmp(word, o->alias)))
			return o;
		if (!(o->flags & ACTL_OBJ_EXACT) && n < WORDS_MAX)
			names[n++] = o->name;
	}
	names[n] = NULL;
	if (!(s = actl_expand(p, word, names)))
		return NULL;
	for (i = 0; actl_objects[i]; i++)
		if (!strcmp(s, actl_objects[i]->name))
			return actl_objects[i];
	actl_fail(p, "unknown command \"%s\" (try -h)", word);
	return NULL;
}

static const struct actl_verb *verb_named(const struct actl_object *obj,
					  const char *name)
{
	const struct actl_verb *v;

	for (v = obj->verbs; v->name; v++)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

/* "add, del, set, show": the verbs an unknown one is told about. */
static void verb_list(const struct actl_object *obj, char *buf, size_t size)
{
	const struct actl_verb *v;
	size_t used = 0;

	buf[0] = '\0';
	for (v = obj->verbs; v->name && used < size; v++) {
		if (v->flags & ACTL_VERB_ALIAS)
			continue;
		used += snprintf(buf + used, size - used, "%s%s",
				 used ? ", " : "", v->name);
	}
}

/*
 * The verb the next word names, taken; the default verb when there is
 * none (or, for a bare object, when the word is not a verb, which is then
 * left for the verb's parser).  NULL with the error.
 */
static const struct actl_verb *find_verb(struct actl_parser *p,
					 const struct actl_object *obj)
{
	const char *names[WORDS_MAX + 1], *word = actl_peek(p), *s;
	const struct actl_verb *v;
	char list[128];
	unsigned int n = 0;

	if (obj->flags & ACTL_OBJ_NO_VERB)
		return obj->verbs;
	if (!word && obj->default_verb)
		return verb_named(obj, obj->default_verb);
	for (v = obj->verbs; v->name && n < WORDS_MAX; v++)
		if (!(v->flags & ACTL_VERB_EXACT))
			names[n++] = v->name;
	names[n] = NULL;
	if (word && !(s = actl_expand(p, word, names)))
		return NULL;
	if (word && (v = verb_named(obj, s))) {
		actl_next(p);
		return v;
	}
	if (word && (obj->flags & ACTL_OBJ_BARE))
		return verb_named(obj, obj->default_verb);
	verb_list(obj, list, sizeof(list));
	actl_fail(p, "%s: unknown command \"%s\" (%s)", obj->name,
		  word ? word : "", list);
	return NULL;
}

static int parse_help(struct actl_parser *p, struct actl_req *req)
{
	const char *word = actl_next(p);

	if (word && !(req->help = find_object(p, word)))
		return -1;
	return 0;
}

/* Parse the object, the verb and its words. */
static int parse_command(struct actl_parser *p, struct actl_req *req)
{
	const struct actl_object *obj;
	const struct actl_verb *verb;
	int left;

	if (!(obj = find_object(p, actl_next(p))))
		return -1;
	req->obj = obj;
	/* "OBJECT help" */
	if (!(obj->flags & ACTL_OBJ_NO_VERB) && actl_peek(p) &&
	    !strcmp(actl_peek(p), "help")) {
		actl_next(p);
		req->cmd = ACTL_CMD_HELP;
		req->help = obj;
		return 0;
	}
	if (!(verb = find_verb(p, obj)))
		return -1;
	req->verb = verb;
	req->cmd = verb->cmd;
	left = p->argc - p->i;
	if (left > verb->max_args)
		return actl_fail(p, "%s: unexpected \"%s\"",
				 actl_cmd_name(req->cmd),
				 p->argv[p->i + verb->max_args]);
	if (verb->parse && verb->parse(p, req))
		return -1;
	if (actl_no_more(p, req))
		return -1;
	/* The parser took what it needs: fewer is a table's mistake. */
	if (left < verb->min_args)
		return actl_fail(p, "%s: too few words",
				 actl_cmd_name(req->cmd));
	return 0;
}

int actl_args_parse(int argc, char **argv, struct actl_req *req,
		    char *err, size_t errlen)
{
	struct actl_parser p = { argc, argv, 1, err, errlen };
	const char *s;

	memset(req, 0, sizeof(*req));
	if (errlen)
		err[0] = '\0';

	while ((s = actl_peek(&p)) && s[0] == '-' && s[1]) {
		actl_next(&p);
		if (!strcmp(s, "-j") || !strcmp(s, "--json")) {
			req->json = true;
		} else if (!strcmp(s, "-p") || !strcmp(s, "--pretty")) {
			req->pretty = true;
		} else if (!strcmp(s, "-jp") || !strcmp(s, "-pj")) {
			req->json = req->pretty = true;
		} else if (!strcmp(s, "-s")) {
			if (actl_value(&p, s, &req->ctrl_path))
				return -1;
		} else if (!strcmp(s, "-n") || !strcmp(s, "--netns")) {
			if (actl_value(&p, s, &req->netns))
				return -1;
			if (!*req->netns)
				return actl_fail(&p, "\"%s\" needs a value", s);
		} else if (!strcmp(s, "-b") || !strcmp(s, "--batch")) {
			if (actl_value(&p, s, &req->batch))
				return -1;
			if (!*req->batch)
				return actl_fail(&p, "\"%s\" needs a value", s);
		} else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			req->cmd = ACTL_CMD_HELP;
			return 0;
		} else if (!strcmp(s, "-V") || !strcmp(s, "--version")) {
			req->cmd = ACTL_CMD_VERSION;
			return 0;
		} else {
			return actl_fail(&p, "unknown option \"%s\" (try -h)", s);
		}
	}

	s = actl_peek(&p);
	if (!s && req->batch)
		return 0;
	if (s && req->batch)
		return actl_fail(&p, "-b takes its commands from the file, not "
				 "\"%s\"", s);
	if (!s)
		return actl_fail(&p, "no command given (try -h)");
	return parse_command(&p, req);
}

/* ---- usage -------------------------------------------------------------- */

/* "  port add dev IF ...", continuation lines under the first word. */
static void verb_usage(FILE *f, const char *lead,
		       const struct actl_object *obj,
		       const struct actl_verb *v)
{
	const char *a = v->args ? v->args : "", *nl;
	int indent;

	indent = fprintf(f, "%s%s%s%s", lead, obj->name, v->name[0] ? " " : "",
			 v->name);
	if (!*a) {
		fputc('\n', f);
		return;
	}
	fputc(' ', f);
	while ((nl = strchr(a, '\n'))) {
		fprintf(f, "%.*s\n%*s", (int)(nl - a), a, indent + 1, "");
		a = nl + 1;
	}
	fprintf(f, "%s\n", a);
}

static void object_usage(FILE *f, const char *lead,
			 const struct actl_object *obj)
{
	const struct actl_verb *v;

	for (v = obj->verbs; v->name; v++)
		if (!(v->flags & ACTL_VERB_ALIAS))
			verb_usage(f, lead, obj, v);
}

void actl_usage(FILE *f, const struct actl_object *obj)
{
	const struct actl_verb *v;
	unsigned int i, n;

	if (obj) {
		fprintf(f, "%s%s%s%s: %s\n", obj->name,
			obj->alias ? " (or " : "", obj->alias ? obj->alias : "",
			obj->alias ? ")" : "", obj->help);
		fputs("Usage:\n", f);
		object_usage(f, "  apedgectl [OPTIONS] ", obj);
		if (obj->default_verb)
			fprintf(f, "\"%s\" alone is \"%s %s\".\n", obj->name,
				obj->name, obj->default_verb);
		for (v = obj->verbs, n = 0; v->name; v++)
			n += !!(v->flags & ACTL_VERB_DAEMON);
		if (n && !obj->verbs[n].name) {
			fputs("Sent to apedged's control socket (-s PATH).\n",
			      f);
			return;
		}
		for (v = obj->verbs; n && v->name; v++)
			if ((v->flags & ACTL_VERB_DAEMON) &&
			    !(v->flags & ACTL_VERB_ALIAS))
				fprintf(f, "\"%s %s\" is sent to apedged's control "
					"socket (-s PATH).\n", obj->name, v->name);
		return;
	}
	fputs("Usage: apedgectl [-j] [-p] [-n NETNS] [-s CTRL_SOCKET] OBJECT "
	      "[COMMAND] [ARGS]\n"
	      "       apedgectl [-n NETNS] -b FILE\n"
	      "       apedgectl -h | -V | help [OBJECT] | OBJECT help\n"
	      "Objects and their commands:\n", f);
	for (i = 0; actl_objects[i]; i++)
		object_usage(f, "  ", actl_objects[i]);
	fputs("Devices may also be given as \"ifindex N\" instead of \"dev IF\".\n"
	      "Words may be shortened where unambiguous: \"por sh\" is \"port show\".\n"
	      "Options:\n"
	      "  -j, --json     print JSON\n"
	      "  -p, --pretty   indent the JSON\n"
	      "  -n, --netns NETNS  act in network namespace NETNS (a name from\n"
	      "                 \"ip netns\", or a path such as /proc/PID/ns/net)\n"
	      "  -s PATH        apedged's control socket (daemon, sta, iapp, dhcp4,\n"
	      "                 eapol, station)\n"
	      "  -b, --batch FILE  run the commands of FILE (\"-\": standard input),\n"
	      "                 one a line, on one netlink socket; stop at the first\n"
	      "                 that fails\n"
	      "  -h, --help     show this text\n"
	      "  -V, --version  show the version\n", f);
}
