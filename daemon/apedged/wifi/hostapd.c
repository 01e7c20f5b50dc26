// SPDX-License-Identifier: GPL-2.0
/*
 * A client of hostapd's control interface.  See hostapd.h.
 *
 * Each hostapd socket we talk to is a target: its path, whether its
 * events are followed (and the ATTACH state), and the commands in flight
 * to it, oldest first.  hostapd answers a socket's commands one by one,
 * in order, so an answer belongs to the oldest command in flight.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/mac.h"
#include "wifi/hostapd.h"

#define TICK_MS 500

enum target_state {
	T_DETACHED,
	T_ATTACHING,		/* ATTACH sent */
	T_ATTACHED,		/* answered OK */
};

struct pending {
	enum hostapd_cmd cmd;
	uint8_t mac[MAC_LEN];
	uint64_t sent_ms;
};

struct target {
	struct list node;
	char ifname[IFNAMSIZ];
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	bool follow;			/* ATTACH wanted */
	enum target_state state;
	uint64_t next_ms;		/* next attach attempt, or check */
	bool missing_logged;
	/* hostapd's socket file when it was last sent to, or attached. */
	dev_t dev;
	ino_t ino;
	bool have_ino;
	/* When attached: the socket's inode and change time (restarts). */
	ino_t attached_ino;
	struct timespec attached_ctim;
	struct pending pend[HOSTAPD_PENDING_MAX];
	unsigned int head, n;
};

struct hostapd {
	struct loop *loop;
	const struct hostapd_ops *ops;
	void *data;

	char ctrl_dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd;
	bool bound;			/* sock_path is ours: unlink it */
	struct loop_watch *watch;
	struct loop_timer *tick;
	bool unsafe_logged;

	struct list targets;
	unsigned int n_targets;
	struct hostapd_stats st;
	struct log_ratelimit rl_refused, rl_malformed, rl_unexpected;
};

static struct target *target_find(const struct hostapd *h, const char *ifname)
{
	struct list *pos;

	list_for_each(pos, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		if (!strcmp(t->ifname, ifname))
			return t;
	}
	return NULL;
}

static void target_path(const struct hostapd *h, struct target *t)
{
	/* hostapd_configure() keeps room for "/" and a name. */
	if (snprintf(t->path, sizeof(t->path), "%s/%s", h->ctrl_dir,
		     t->ifname) >= (int)sizeof(t->path))
		t->path[0] = '\0';
	t->have_ino = false;
}

static struct target *target_get(struct hostapd *h, const char *ifname)
{
	struct target *t = target_find(h, ifname);

	if (t)
		return t;
	if (h->n_targets >= HOSTAPD_TARGETS_MAX) {
		errno = ENOSPC;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	snprintf(t->ifname, sizeof(t->ifname), "%s", ifname);
	target_path(h, t);
	list_add_tail(&h->targets, &t->node);
	h->n_targets++;
	return t;
}

static void target_free(struct hostapd *h, struct target *t)
{
	list_del(&t->node);
	h->n_targets--;
	free(t);
}

static void arm(struct hostapd *h)
{
	if (h->tick && !loop_timer_armed(h->tick))
		loop_timer_rearm(h->tick, TICK_MS, TICK_MS);
}

/* Something to do at once (an attach). */
static void arm_now(struct hostapd *h)
{
	if (h->tick)
		loop_timer_rearm(h->tick, 0, TICK_MS);
}

/* ---- our socket -------------------------------------------------------- */

static void sock_close(struct hostapd *h)
{
	loop_watch_remove(h->watch);
	h->watch = NULL;
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	if (h->bound)
		unlink(h->sock_path);
	h->bound = false;
}

/*
 * The directory of path must be writable by the daemon's user alone: made
 * 0700 if missing, refused if another user owns it or if its group or
 * others may write to it (they could put their own socket in its place).
 */
static int check_dir(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (lstat(dir, &st) < 0) {
		if (errno != ENOENT || mkdir(dir, 0700) < 0 ||
		    lstat(dir, &st) < 0)
			return -errno;
	}
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if ((st.st_uid != geteuid() && st.st_uid != 0) ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)))
		return -EPERM;
	return 0;
}

static void sock_cb(struct loop_watch *w, int fd, uint32_t events,
		    void *data);

static int sock_open(struct hostapd *h)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, one = 1, r;
	struct stat st;
	mode_t old;

	if (h->fd >= 0)
		return 0;
	if (!h->sock_path[0])
		return -EINVAL;
	r = check_dir(h->sock_path);
	if (r < 0) {
		if (!h->unsafe_logged)
			log_err("hostapd: not making the client socket %s: %s "
				"(its directory must be writable by apedged "
				"alone)", h->sock_path, strerror(-r));
		h->unsafe_logged = true;
		return r == -EPERM || r == -ENOTDIR ? -EPERM : r;
	}
	if (lstat(h->sock_path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			if (!h->unsafe_logged)
				log_err("hostapd: %s exists and is no socket; "
					"not replacing it", h->sock_path);
			h->unsafe_logged = true;
			return -EEXIST;
		}
		unlink(h->sock_path);	/* a crashed daemon's */
	}
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* The sender's credentials with every datagram. */
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0)
		goto fail;
	memcpy(sa.sun_path, h->sock_path, strlen(h->sock_path));
	old = umask(0177);
	r = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (r < 0)
		goto fail;
	h->bound = true;
	h->fd = fd;
	if (chmod(h->sock_path, 0600) < 0)
		goto fail_bound;
	h->watch = loop_watch_add(h->loop, fd, EPOLLIN, sock_cb, h);
	if (!h->watch)
		goto fail_bound;
	h->unsafe_logged = false;
	log_debug("hostapd: client socket %s", h->sock_path);
	return 0;

fail_bound:
	r = -errno;
	sock_close(h);
	return r;
fail:
	r = -errno;
	close(fd);
	return r;
}

/* Send cmd to t's hostapd and remember it; 0 or -errno. */
static int send_cmd(struct hostapd *h, struct target *t, enum hostapd_cmd cmd,
		    const uint8_t *mac, bool track)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char buf[64];
	struct stat st;
	size_t n;
	int r;

	r = sock_open(h);
	if (r < 0)
		return r;
	if (track && t->n >= HOSTAPD_PENDING_MAX)
		return -EBUSY;
	n = hostapd_msg_build(buf, sizeof(buf), cmd, mac);
	if (!n)
		return -EINVAL;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", t->path);
	if (stat(t->path, &st) == 0) {
		t->dev = st.st_dev;
		t->ino = st.st_ino;
		t->have_ino = true;
	}
	if (sendto(h->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL,
		   (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	h->st.sent++;
	if (track) {
		struct pending *p = &t->pend[(t->head + t->n) %
					     HOSTAPD_PENDING_MAX];

		p->cmd = cmd;
		if (mac)
			memcpy(p->mac, mac, MAC_LEN);
		p->sent_ms = loop_now_ms();
		t->n++;
	}
	arm(h);
	return 0;
}

static struct pending *pend_pop(struct target *t, struct pending *out)
{
	if (!t->n)
		return NULL;
	*out = t->pend[t->head];
	t->head = (t->head + 1) % HOSTAPD_PENDING_MAX;
	t->n--;
	return out;
}

/* ---- what comes back ----------------------------------------------------- */

/* A printable, bounded description of who sent a datagram. */
static const char *who(const struct sockaddr_un *sa, socklen_t len,
		       char *buf, size_t size)
{
	size_t n, i, o = 0;

	if (len <= offsetof(struct sockaddr_un, sun_path))
		return "an unnamed socket";
	if (!sa->sun_path[0])
		return "an abstract socket";
	n = len - offsetof(struct sockaddr_un, sun_path);
	for (i = 0; i < n && sa->sun_path[i] && o + 5 < size && i < 64; i++) {
		unsigned char c = (unsigned char)sa->sun_path[i];

		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

/*
 * The target a datagram came from: its address is the path of a hostapd
 * socket we talk to, or a path to the same socket file.
 */
static struct target *target_from(struct hostapd *h,
				  const struct sockaddr_un *sa, socklen_t len)
{
	char path[sizeof(sa->sun_path) + 1];
	struct list *pos;
	struct stat st;
	size_t n;

	if (len <= offsetof(struct sockaddr_un, sun_path) || !sa->sun_path[0])
		return NULL;
	n = len - offsetof(struct sockaddr_un, sun_path);
	if (n > sizeof(sa->sun_path))
		n = sizeof(sa->sun_path);
	memcpy(path, sa->sun_path, n);
	path[n] = '\0';
	list_for_each(pos, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		if (!strcmp(t->path, path))
			return t;
	}
	if (stat(path, &st) < 0 || !S_ISSOCK(st.st_mode))
		return NULL;
	list_for_each(pos, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		if (t->have_ino && t->dev == st.st_dev && t->ino == st.st_ino)
			return t;
	}
	return NULL;
}

/* Sent by root or by the owner of the hostapd socket? */
static bool cred_ok(const struct target *t, const struct msghdr *mh)
{
	struct cmsghdr *c;
	struct ucred cred;
	struct stat st;

	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR((struct msghdr *)mh, c)) {
		if (c->cmsg_level != SOL_SOCKET ||
		    c->cmsg_type != SCM_CREDENTIALS ||
		    c->cmsg_len < CMSG_LEN(sizeof(cred)))
			continue;
		memcpy(&cred, CMSG_DATA(c), sizeof(cred));
		if (cred.uid == 0)
			return true;
		return lstat(t->path, &st) == 0 && st.st_uid == cred.uid;
	}
	return false;
}

static void on_reply(struct hostapd *h, struct target *t,
		     const struct hostapd_msg *m)
{
	char buf[MAC_STR_LEN];
	struct pending p;
	bool ok = m->kind == HOSTAPD_MSG_OK;

	if (!pend_pop(t, &p)) {
		h->st.unexpected++;
		log_ratelimited(&h->rl_unexpected, LOG_WARNING, "hostapd %s: "
				"an answer no command of ours waited for; "
				"dropped", t->ifname);
		return;
	}
	h->st.replies++;
	switch (p.cmd) {
	case HOSTAPD_CMD_ATTACH:
		if (!t->follow)
			break;	/* detached since: DETACH follows */
		if (ok) {
			struct stat st;

			t->state = T_ATTACHED;
			memset(&st, 0, sizeof(st));
			lstat(t->path, &st);
			t->attached_ino = st.st_ino;
			t->attached_ctim = st.st_ctim;
			t->next_ms = loop_now_ms() + HOSTAPD_CHECK_MS;
			t->missing_logged = false;
			h->st.attached++;
			log_notice("hostapd %s: following its events (%s)",
				   t->ifname, t->path);
		} else {
			t->state = T_DETACHED;
			t->next_ms = loop_now_ms() + HOSTAPD_RETRY_MS;
			log_warn("hostapd %s: ATTACH refused; will retry",
				 t->ifname);
		}
		break;
	case HOSTAPD_CMD_DEAUTH:
		if (ok)
			log_debug("hostapd %s: station %s deauthenticated",
				  t->ifname, mac_format(p.mac, buf));
		else
			log_warn("hostapd %s: did not deauthenticate "
				 "station %s", t->ifname,
				 mac_format(p.mac, buf));
		if (h->ops->kicked)
			h->ops->kicked(h->data, t->ifname, p.mac,
				       ok ? 0 : -EPERM);
		break;
	default:
		break;
	}
}

static void on_event(struct hostapd *h, struct target *t,
		     const struct hostapd_msg *m)
{
	if (!t->follow || t->state == T_DETACHED) {
		h->st.unexpected++;
		log_ratelimited(&h->rl_unexpected, LOG_WARNING, "hostapd %s: "
				"an event though not attached; dropped",
				t->ifname);
		return;
	}
	h->st.events++;
	if (m->kind != HOSTAPD_MSG_STA_CONNECTED)
		return;
	h->st.connected++;
	if (h->ops->connected)
		h->ops->connected(h->data, t->ifname, m->mac);
}

static void sock_cb(struct loop_watch *w, int fd, uint32_t events,
		    void *data)
{
	struct hostapd *h = data;
	uint8_t buf[HOSTAPD_MSG_MAX + 1];
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(struct ucred))];
	} ctl;
	unsigned int budget = 64;
	struct sockaddr_un sa;
	struct hostapd_msg m;
	enum hostapd_err e;
	struct target *t;
	char whobuf[300];
	ssize_t n;

	while (budget--) {
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr mh = {
			.msg_name = &sa, .msg_namelen = sizeof(sa),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf,
			.msg_controllen = sizeof(ctl.buf),
		};

		memset(&sa, 0, sizeof(sa));
		n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0)
			return;
		t = target_from(h, &sa, mh.msg_namelen);
		if (!t) {
			h->st.refused_addr++;
			log_ratelimited(&h->rl_refused, LOG_WARNING,
					"hostapd: a datagram from %s refused: "
					"not from a hostapd socket we talk to",
					who(&sa, mh.msg_namelen, whobuf,
					    sizeof(whobuf)));
			continue;
		}
		if (!cred_ok(t, &mh)) {
			h->st.refused_cred++;
			log_ratelimited(&h->rl_refused, LOG_WARNING,
					"hostapd %s: a datagram refused: not "
					"from root or the owner of %s",
					t->ifname, t->path);
			continue;
		}
		e = hostapd_msg_parse(buf, (mh.msg_flags & MSG_TRUNC) ?
				      sizeof(buf) : (size_t)n, &m);
		if (e != HOSTAPD_OK) {
			h->st.malformed[e]++;
			log_ratelimited(&h->rl_malformed, LOG_WARNING,
					"hostapd %s: a malformed datagram "
					"dropped (%s)", t->ifname,
					hostapd_err_str(e));
			continue;
		}
		if (m.kind <= HOSTAPD_MSG_REPLY)
			on_reply(h, t, &m);
		else
			on_event(h, t, &m);
	}
}

/* ---- the clock ----------------------------------------------------------- */

static void try_attach(struct hostapd *h, struct target *t, uint64_t now)
{
	struct stat st;
	int r;

	t->next_ms = now + HOSTAPD_RETRY_MS;
	if (lstat(t->path, &st) < 0 || !S_ISSOCK(st.st_mode))
		r = -ENOENT;
	else
		r = send_cmd(h, t, HOSTAPD_CMD_ATTACH, NULL, true);
	if (!r) {
		t->state = T_ATTACHING;
		return;
	}
	if (!t->missing_logged)
		log_info("hostapd %s: cannot attach to %s (%s); will retry; "
			 "meanwhile authorization is polled", t->ifname,
			 t->path, strerror(-r));
	t->missing_logged = true;
}

static void tick_cb(struct loop_timer *tm, void *data)
{
	struct hostapd *h = data;
	uint64_t now = loop_now_ms();
	struct list *pos, *tmp;
	struct pending p;
	struct stat st;

	list_for_each_safe(pos, tmp, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		while (t->n && now - t->pend[t->head].sent_ms >=
				HOSTAPD_REPLY_TIMEOUT_MS) {
			pend_pop(t, &p);
			h->st.timeouts++;
			if (p.cmd == HOSTAPD_CMD_DEAUTH && h->ops->kicked)
				h->ops->kicked(h->data, t->ifname, p.mac,
					       -ETIMEDOUT);
			if (p.cmd == HOSTAPD_CMD_ATTACH &&
			    t->state == T_ATTACHING) {
				log_warn("hostapd %s: no answer to ATTACH; "
					 "will retry", t->ifname);
				t->state = T_DETACHED;
				t->next_ms = now + HOSTAPD_RETRY_MS;
			}
		}
		if (!t->follow) {
			if (!t->n)
				target_free(h, t);
			continue;
		}
		if (now < t->next_ms)
			continue;
		if (t->state == T_ATTACHED) {
			if (lstat(t->path, &st) == 0 &&
			    st.st_ino == t->attached_ino &&
			    st.st_ctim.tv_sec == t->attached_ctim.tv_sec &&
			    st.st_ctim.tv_nsec == t->attached_ctim.tv_nsec) {
				t->next_ms = now + HOSTAPD_CHECK_MS;
				continue;
			}
			log_notice("hostapd %s: its control socket is gone or "
				   "new (hostapd restarted?); attaching again",
				   t->ifname);
			t->state = T_DETACHED;
		}
		if (t->state == T_DETACHED)
			try_attach(h, t, now);
	}
	if (list_empty(&h->targets))
		loop_timer_disarm(tm);
}

/* ---- API ------------------------------------------------------------------ */

struct hostapd *hostapd_new(struct loop *loop, const struct hostapd_ops *ops,
			    void *data)
{
	static const struct hostapd_ops no_ops;
	struct hostapd *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->loop = loop;
	h->ops = ops ? ops : &no_ops;
	h->data = data;
	h->fd = -1;
	list_init(&h->targets);
	h->rl_refused = (struct log_ratelimit)LOG_RATELIMIT_DEFAULT;
	h->rl_malformed = (struct log_ratelimit)LOG_RATELIMIT_DEFAULT;
	h->rl_unexpected = (struct log_ratelimit)LOG_RATELIMIT_DEFAULT;
	h->tick = loop_timer_add(loop, TICK_MS, TICK_MS, tick_cb, h);
	if (!h->tick) {
		free(h);
		return NULL;
	}
	loop_timer_disarm(h->tick);
	return h;
}

void hostapd_free(struct hostapd *h)
{
	struct list *pos, *tmp;

	if (!h)
		return;
	list_for_each_safe(pos, tmp, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		if (t->follow && t->state != T_DETACHED && h->fd >= 0)
			send_cmd(h, t, HOSTAPD_CMD_DETACH, NULL, false);
		target_free(h, t);
	}
	sock_close(h);
	loop_timer_remove(h->tick);
	free(h);
}

int hostapd_configure(struct hostapd *h, const char *ctrl_dir,
		      const char *sock_path)
{
	struct list *pos;

	if (!ctrl_dir || !sock_path || !ctrl_dir[0] || !sock_path[0])
		return -EINVAL;
	if (strlen(ctrl_dir) + IFNAMSIZ >= sizeof(h->ctrl_dir) ||
	    strlen(sock_path) >= sizeof(h->sock_path))
		return -ENAMETOOLONG;
	if (!strcmp(ctrl_dir, h->ctrl_dir) && !strcmp(sock_path, h->sock_path))
		return 0;
	sock_close(h);
	snprintf(h->ctrl_dir, sizeof(h->ctrl_dir), "%s", ctrl_dir);
	snprintf(h->sock_path, sizeof(h->sock_path), "%s", sock_path);
	h->unsafe_logged = false;
	list_for_each(pos, &h->targets) {
		struct target *t = list_entry(pos, struct target, node);

		target_path(h, t);
		t->state = T_DETACHED;
		t->n = 0;
		t->next_ms = 0;
		t->missing_logged = false;
	}
	if (!list_empty(&h->targets))
		arm_now(h);
	return 0;
}

int hostapd_attach(struct hostapd *h, const char *ifname)
{
	struct target *t;

	if (!ifname || !ifname[0] || strlen(ifname) >= IFNAMSIZ)
		return -EINVAL;
	t = target_get(h, ifname);
	if (!t)
		return -errno;
	if (t->follow)
		return 0;
	t->follow = true;
	t->state = T_DETACHED;
	t->next_ms = 0;
	t->missing_logged = false;
	arm_now(h);
	return 0;
}

void hostapd_detach(struct hostapd *h, const char *ifname)
{
	struct target *t = ifname ? target_find(h, ifname) : NULL;

	if (!t || !t->follow)
		return;
	t->follow = false;
	if (t->state != T_DETACHED)
		send_cmd(h, t, HOSTAPD_CMD_DETACH, NULL, true);
	t->state = T_DETACHED;
	arm(h);		/* the tick forgets it once nothing is in flight */
}

bool hostapd_attached(const struct hostapd *h, const char *ifname)
{
	const struct target *t = ifname ? target_find(h, ifname) : NULL;

	return t && t->follow && t->state == T_ATTACHED;
}

int hostapd_deauth(struct hostapd *h, const char *ifname,
		   const uint8_t mac[6])
{
	struct target *t;
	int r;

	if (!ifname || !ifname[0] || strlen(ifname) >= IFNAMSIZ || !mac)
		return -EINVAL;
	if (!h->ctrl_dir[0])
		return -ENOTCONN;
	t = target_get(h, ifname);
	if (!t)
		return -errno;
	r = send_cmd(h, t, HOSTAPD_CMD_DEAUTH, mac, true);
	if (r < 0 && !t->follow && !t->n)
		target_free(h, t);
	return r;
}

const struct hostapd_stats *hostapd_get_stats(const struct hostapd *h)
{
	return &h->st;
}

const char *hostapd_sock_path(const struct hostapd *h)
{
	return h->bound ? h->sock_path : "";
}
