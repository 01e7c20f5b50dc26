// SPDX-License-Identifier: GPL-2.0
/*
 * The client's child programs: the hook script and resolvconf.  See
 * hook.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dhcp4/hook.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"

struct child {
	struct list node;
	struct dhcp4_hooks *h;
	pid_t pid;
	int pidfd;
	char what[64];
	struct loop_watch *w;
	struct loop_timer *t;
};

struct dhcp4_hooks {
	struct loop *loop;
	struct list children;
	size_t n;
	uint64_t timeout_ms;
	struct dhcp4_hook_stats st;
};

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int pidfd_kill(int fd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
}

struct dhcp4_hooks *dhcp4_hooks_new(struct loop *loop)
{
	struct dhcp4_hooks *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->loop = loop;
	h->timeout_ms = DHCP4_HOOK_TIMEOUT_MS;
	list_init(&h->children);
	return h;
}

static void child_free(struct child *c)
{
	list_del(&c->node);
	c->h->n--;
	loop_watch_remove(c->w);
	loop_timer_remove(c->t);
	close(c->pidfd);
	free(c);
}

void dhcp4_hooks_free(struct dhcp4_hooks *h)
{
	struct list *pos, *tmp;

	if (!h)
		return;
	list_for_each_safe(pos, tmp, &h->children)
		child_free(list_entry(pos, struct child, node));
	free(h);
}

const struct dhcp4_hook_stats *dhcp4_hooks_stats(const struct dhcp4_hooks *h)
{
	return &h->st;
}

size_t dhcp4_hooks_running(const struct dhcp4_hooks *h)
{
	return h->n;
}

void dhcp4_hooks_set_timeout(struct dhcp4_hooks *h, uint64_t ms)
{
	h->timeout_ms = ms;
}

static void child_ended(struct loop_watch *w, int fd, uint32_t ev, void *data)
{
	struct child *c = data;
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PIDFD, (id_t)c->pidfd, &si, WEXITED | WNOHANG) < 0 ||
	    !si.si_pid)
		return;
	if (si.si_code == CLD_EXITED && si.si_status) {
		c->h->st.nonzero++;
		log_rl(LOG_WARNING, "dhcp4: %s exited with status %d", c->what,
		       si.si_status);
	} else if (si.si_code != CLD_EXITED) {
		c->h->st.nonzero++;
		log_rl(LOG_WARNING, "dhcp4: %s ended by signal %d", c->what,
		       si.si_status);
	}
	child_free(c);
}

static void child_timeout(struct loop_timer *t, void *data)
{
	struct child *c = data;

	c->h->st.killed++;
	log_rl(LOG_WARNING, "dhcp4: %s still runs after %llu ms: killed",
	       c->what, (unsigned long long)c->h->timeout_ms);
	pidfd_kill(c->pidfd, SIGKILL);
}

/* In the child: never returns. */
static void child_exec(char *const argv[], char *const envp[], int in_fd)
{
	static char *const def_env[] = {
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
		"/sbin:/bin", NULL
	};
	sigset_t all;
	int fd;

	/* The loop blocks signals; the program must not inherit that. */
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (in_fd < 0)
		in_fd = open("/dev/null", O_RDONLY);
	if (in_fd >= 0 && in_fd != 0) {
		dup2(in_fd, 0);
		close(in_fd);
	}
	fd = open("/dev/null", O_WRONLY);
	if (fd >= 0 && fd != 1) {
		dup2(fd, 1);
		close(fd);
	}
	/* stderr stays: the script's errors reach the daemon's log. */
	syscall(SYS_close_range, 3, ~0u, 0);
	execve(argv[0], argv, envp ? envp : def_env);
	_exit(127);
}

int dhcp4_hooks_run(struct dhcp4_hooks *h, const char *what,
		    char *const argv[], char *const envp[],
		    const char *input, size_t len)
{
	struct child *c;
	int p[2] = { -1, -1 }, e;
	pid_t pid;

	if (h->n >= DHCP4_HOOK_CHILDREN_MAX) {
		h->st.refused++;
		log_rl(LOG_WARNING, "dhcp4: %d programs running: %s not run",
		       DHCP4_HOOK_CHILDREN_MAX, what);
		return -EAGAIN;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	snprintf(c->what, sizeof(c->what), "%s", what);
	if (input) {
		/* All of it fits in the pipe: the write never waits. */
		if (len > 65536 || pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0 ||
		    write(p[1], input, len) != (ssize_t)len) {
			e = len > 65536 ? -EMSGSIZE : -errno;
			goto fail;
		}
		close(p[1]);
		p[1] = -1;
	}
	pid = fork();
	if (pid < 0) {
		e = -errno;
		goto fail;
	}
	if (!pid) {
		if (p[0] >= 0)
			fcntl(p[0], F_SETFL, 0);
		child_exec(argv, envp, p[0]);
	}
	if (p[0] >= 0)
		close(p[0]);
	p[0] = -1;
	c->pid = pid;
	/* A child that ended already is a zombie still: this works. */
	c->pidfd = pidfd_open_(pid);
	if (c->pidfd < 0) {
		e = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		goto fail;
	}
	c->h = h;
	c->w = loop_watch_add(h->loop, c->pidfd, EPOLLIN, child_ended, c);
	c->t = loop_timer_add(h->loop, h->timeout_ms, 0, child_timeout, c);
	list_add_tail(&h->children, &c->node);
	h->n++;
	if (!c->w || !c->t) {
		/* Without a watch it would never be reaped: wait now. */
		pidfd_kill(c->pidfd, SIGKILL);
		waitpid(pid, NULL, 0);
		child_free(c);
		h->st.failed++;
		return -ENOMEM;
	}
	h->st.started++;
	return 0;
fail:
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	free(c);
	h->st.failed++;
	log_rl(LOG_WARNING, "dhcp4: cannot run %s: %s", what, strerror(-e));
	return e;
}

/* The environment */

__attribute__((format(printf, 3, 4)))
static void env_add(struct dhcp4_hook_env *e, const char *name,
		    const char *fmt, ...)
{
	size_t room = sizeof(e->buf) - e->used;
	char *p = e->buf + e->used, *s;
	va_list ap;
	int n, m;

	if (e->n + 1 >= DHCP4_HOOK_ENV_MAX)
		return;
	m = snprintf(p, room, "%s=", name);
	if (m < 0 || (size_t)m >= room)
		return;
	va_start(ap, fmt);
	n = vsnprintf(p + m, room - (size_t)m, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)(m + n) >= room)
		return;
	for (s = p + m; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	e->envp[e->n++] = p;
	e->envp[e->n] = NULL;
	e->used += (size_t)(m + n) + 1;
}

static const char *ip(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static void addr_list(char *out, size_t size, const struct in_addr *v,
		      unsigned int n)
{
	char a[INET_ADDRSTRLEN];
	size_t used = 0;
	unsigned int i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		int k = snprintf(out + used, size - used, "%s%s", i ? " " : "",
				 ip(v[i], a));

		if (k < 0 || (size_t)k >= size - used)
			return;
		used += (size_t)k;
	}
}

static void lease_vars(struct dhcp4_hook_env *e, const char *pfx,
		       const struct dhcp4_lease *l)
{
	const struct dhcp4_msg *m = &l->ack;
	char name[64], a[INET_ADDRSTRLEN], list[1024];
	struct in_addr mask, bc;
	size_t used;
	unsigned int i;

#define VAR(n) (snprintf(name, sizeof(name), "%s_%s", pfx, n), name)
	mask.s_addr = l->plen ? htonl(~0u << (32 - l->plen)) : 0;
	bc.s_addr = m->yiaddr.s_addr | ~mask.s_addr;
	env_add(e, VAR("ip_address"), "%s", ip(m->yiaddr, a));
	env_add(e, VAR("subnet_mask"), "%s", ip(mask, a));
	env_add(e, VAR("prefix_length"), "%u", l->plen);
	env_add(e, VAR("broadcast_address"), "%s", ip(bc, a));
	if (m->n_routers) {
		addr_list(list, sizeof(list), m->routers, m->n_routers);
		env_add(e, VAR("routers"), "%s", list);
	}
	if (m->n_dns) {
		addr_list(list, sizeof(list), m->dns, m->n_dns);
		env_add(e, VAR("domain_name_servers"), "%s", list);
	}
	if (m->domain[0])
		env_add(e, VAR("domain_name"), "%s", m->domain);
	if (m->n_search) {
		list[0] = '\0';
		for (i = 0, used = 0; i < m->n_search; i++) {
			int k = snprintf(list + used, sizeof(list) - used,
					 "%s%s", i ? " " : "", m->search[i]);

			if (k < 0 || (size_t)k >= sizeof(list) - used)
				break;
			used += (size_t)k;
		}
		env_add(e, VAR("domain_search"), "%s", list);
	}
	if (m->has_mtu)
		env_add(e, VAR("interface_mtu"), "%u", m->mtu);
	if (m->has_routes) {
		char g[INET_ADDRSTRLEN];

		list[0] = '\0';
		for (i = 0, used = 0; i < m->n_routes; i++) {
			int k = snprintf(list + used, sizeof(list) - used,
					 "%s%s/%u %s", i ? " " : "",
					 ip(m->routes[i].dst, a),
					 m->routes[i].plen,
					 ip(m->routes[i].gw, g));

			if (k < 0 || (size_t)k >= sizeof(list) - used)
				break;
			used += (size_t)k;
		}
		env_add(e, VAR("classless_static_routes"), "%s", list);
	}
	if (m->has_server_id)
		env_add(e, VAR("dhcp_server_identifier"), "%s",
			ip(m->server_id, a));
	env_add(e, VAR("dhcp_lease_time"), "%u", l->lease_s);
	env_add(e, VAR("dhcp_renewal_time"), "%u", l->t1_s);
	env_add(e, VAR("dhcp_rebinding_time"), "%u", l->t2_s);
#undef VAR
}

void dhcp4_hook_env(struct dhcp4_hook_env *e, const char *reason,
		    const char *ifname, const struct dhcp4_lease *now,
		    const struct dhcp4_lease *old)
{
	e->n = 0;
	e->used = 0;
	e->envp[0] = NULL;
	env_add(e, "PATH", "%s", "/usr/local/sbin:/usr/local/bin:/usr/sbin:"
		"/usr/bin:/sbin:/bin");
	env_add(e, "reason", "%s", reason);
	env_add(e, "interface", "%s", ifname);
	env_add(e, "protocol", "%s", "dhcp");
	if (now)
		lease_vars(e, "new", now);
	if (old)
		lease_vars(e, "old", old);
}
