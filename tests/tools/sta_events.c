// SPDX-License-Identifier: GPL-2.0
/*
 * sta_events: the nl80211 station listener (daemon/apedged/wifi/nl80211.c) on
 * its own, for tests before it is wired into apedged.
 *
 *   sta_events [-v] IFNAME...
 *
 * Watches the AP interfaces named and prints one line per callback on
 * stdout:
 *
 *   associated IFNAME MAC
 *   authorized IFNAME MAC [vlan IFINDEX]
 *   gone IFNAME MAC
 *
 * and reads commands from stdin, one a line:
 *
 *   kick MAC      remove the station (nl80211 DEL_STATION, reason 3)
 *   resync        list the stations again, as after ENOBUFS
 *   quit          exit
 *
 * answering "kick MAC sent" or "kick MAC failed: ...".  The listener's log
 * goes to stderr (-v: with debug messages), and so does each event line
 * with the wall-clock time it was reported, as "sta_events: LINE at
 * SEC.USEC" (hostapd -t's clock), so that tests can order them against
 * hostapd's log.  SIGINT and SIGTERM end it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "wifi/nl80211.h"
#include "lib/mac.h"

#define MAX_STAS 256

struct probe {
	struct loop *loop;
	struct nl80211 *nl;
	struct loop_watch *in;
	char line[256];
	size_t line_len;
	/* Where each station is, for "kick". */
	struct {
		int ifindex;
		uint8_t mac[MAC_LEN];
	} stas[MAX_STAS];
	size_t n_stas;
};

static void say(struct probe *p, const char *what, int ifindex,
		const uint8_t mac[6], uint32_t vlan)
{
	const char *name = nl80211_ifname(p->nl, ifindex);
	char buf[MAC_STR_LEN], line[128], vbuf[24] = "";
	struct timeval tv;

	gettimeofday(&tv, NULL);
	if (vlan)
		snprintf(vbuf, sizeof(vbuf), " vlan %u", vlan);
	snprintf(line, sizeof(line), "%s %s %s%s", what, name ? name : "?",
		 mac_format(mac, buf), vbuf);
	printf("%s\n", line);
	fflush(stdout);
	fprintf(stderr, "sta_events: %s at %lld.%06ld\n", line,
		(long long)tv.tv_sec, (long)tv.tv_usec);
}

static void on_associated(void *data, int ifindex, const uint8_t mac[6])
{
	struct probe *p = data;

	say(p, "associated", ifindex, mac, 0);
	if (p->n_stas < MAX_STAS) {
		p->stas[p->n_stas].ifindex = ifindex;
		memcpy(p->stas[p->n_stas].mac, mac, MAC_LEN);
		p->n_stas++;
	}
}

static void on_authorized(void *data, int ifindex, const uint8_t mac[6],
			  uint32_t vlan_ifindex)
{
	say(data, "authorized", ifindex, mac, vlan_ifindex);
}

static void on_gone(void *data, int ifindex, const uint8_t mac[6])
{
	struct probe *p = data;
	size_t i;

	say(p, "gone", ifindex, mac, 0);
	for (i = 0; i < p->n_stas; i++) {
		if (p->stas[i].ifindex == ifindex &&
		    !memcmp(p->stas[i].mac, mac, MAC_LEN)) {
			p->stas[i] = p->stas[--p->n_stas];
			break;
		}
	}
}

static const struct nl80211_sta_ops ops = {
	.associated = on_associated,
	.authorized = on_authorized,
	.gone = on_gone,
};

static void command(struct probe *p, char *line)
{
	char *cmd = strtok(line, " \t\r"), *arg = strtok(NULL, " \t\r");
	uint8_t mac[MAC_LEN];
	size_t i;
	int r;

	if (!cmd)
		return;
	if (!strcmp(cmd, "quit")) {
		loop_quit(p->loop, 0);
		return;
	}
	if (!strcmp(cmd, "resync")) {
		nl80211_resync(p->nl);
		printf("resync sent\n");
		fflush(stdout);
		return;
	}
	if (strcmp(cmd, "kick") || !arg || mac_parse(arg, mac) < 0) {
		printf("error: usage: kick MAC | resync | quit\n");
		fflush(stdout);
		return;
	}
	for (i = 0; i < p->n_stas; i++)
		if (!memcmp(p->stas[i].mac, mac, MAC_LEN))
			break;
	if (i == p->n_stas) {
		printf("kick %s failed: no such station\n", arg);
	} else {
		r = nl80211_del_station(p->nl, p->stas[i].ifindex, mac, 3);
		if (r < 0)
			printf("kick %s failed: %s\n", arg, strerror(-r));
		else
			printf("kick %s sent\n", arg);
	}
	fflush(stdout);
}

static void stdin_cb(struct loop_watch *w, int fd, uint32_t events,
		     void *data)
{
	struct probe *p = data;
	char buf[256];
	ssize_t n = read(fd, buf, sizeof(buf));
	ssize_t i;

	if (n <= 0) {
		if (n < 0 && errno == EINTR)
			return;
		loop_watch_remove(w);	/* EOF: go on listening */
		p->in = NULL;
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			p->line[p->line_len] = '\0';
			command(p, p->line);
			p->line_len = 0;
		} else if (p->line_len < sizeof(p->line) - 1) {
			p->line[p->line_len++] = buf[i];
		}
	}
}

static void on_signal(int signo, void *data)
{
	struct probe *p = data;

	loop_quit(p->loop, 0);
}

int main(int argc, char **argv)
{
	struct probe p = { 0 };
	int i = 1, r;

	log_open("sta_events", LOG_TARGET_STDERR);
	if (i < argc && !strcmp(argv[i], "-v")) {
		log_set_level(LOG_DEBUG);
		i++;
	} else {
		log_set_level(LOG_INFO);
	}
	if (i >= argc) {
		fprintf(stderr, "usage: sta_events [-v] IFNAME...\n");
		return 2;
	}
	p.loop = loop_new();
	if (!p.loop)
		return 1;
	p.nl = nl80211_new(p.loop, NULL, &ops, &p);
	if (!p.nl)
		return 1;
	for (; i < argc; i++) {
		r = nl80211_watch(p.nl, argv[i]);
		if (r < 0) {
			fprintf(stderr, "sta_events: %s: %s\n", argv[i],
				strerror(-r));
			return 2;
		}
	}
	loop_signal_add(p.loop, SIGINT, on_signal, &p);
	loop_signal_add(p.loop, SIGTERM, on_signal, &p);
	/* stdin may be a file or /dev/null, which epoll refuses: fine. */
	p.in = loop_watch_add(p.loop, 0, EPOLLIN, stdin_cb, &p);
	r = nl80211_start(p.nl);
	if (r < 0) {
		fprintf(stderr, "sta_events: cannot start: %s\n",
			strerror(-r));
		return 1;
	}
	r = loop_run(p.loop);
	nl80211_free(p.nl);
	loop_free(p.loop);
	log_close();
	return r < 0 ? 1 : 0;
}
