// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration parser; see config.h for the format.
 *
 * The text is read a line at a time.  A line is a comment, blank, a
 * section header or a "key = value" pair; anything else is an error, as is
 * an unknown section or key, a key given twice, a bad value, a port given
 * twice, or a line longer than CONFIG_LINE_MAX.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "ctrl.h"
#include "config.h"
#include "log.h"

enum section {
	SECTION_NONE,
	SECTION_GENERAL,
	SECTION_PORT,
};

struct parser {
	struct config *cfg;
	struct config_error *err;
	unsigned int line;
	enum section section;
	bool seen_general;
	bool port_role_set;
};

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
}

void config_free(struct config *cfg)
{
	free(cfg->ports);
	cfg->ports = NULL;
	cfg->n_ports = 0;
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

bool config_ifname_valid(const char *name)
{
	size_t len = strlen(name);
	size_t i;

	/* The kernel's dev_valid_name() rules. */
	if (!len || len >= IFNAMSIZ)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' ||
		    isspace((unsigned char)name[i]))
			return false;
	return true;
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

static int parse_port(struct parser *p, const char *key, const char *value)
{
	struct config_port *port = &p->cfg->ports[p->cfg->n_ports - 1];

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
	return 0;

error:
	config_free(cfg);
	return r;
}
