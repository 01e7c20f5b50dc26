# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# The test bed of the DHCPv4 client's netns tests (t_dhcp4*.sh source
# it after lib.sh).  One link, a bridge in the namespace "sw":
#
#   cl: va (apedged's client, MAC $MAC) --- vsa ] br0 [ pNAME --- vNAME :NAME
#
# d4_host NAME ADDR adds a host NAME (a server, a squatter, a forger) on
# the link with the address ADDR/24 on its interface vNAME.  The servers
# are real: dnsmasq, kea-dhcp4 and ISC dhcpd, each started by a function
# below in its host's namespace, with its log in $T.
#
# apedged is started with $T/apedged.conf (d4_conf writes it), the
# control socket $T/apedged.sock, the lease files in $T/state, the hook
# $T/hook.sh (each call: one file $T/hook/NANOSECONDS-PID-REASON, its
# environment)
# and DNS written to $T/resolv.conf (never the host's).

MAC=02:00:00:00:d4:01
NET=10.20.0
APD=""

d4_topology() {
	netns_add cl && netns_add sw || return 1
	ip -n "$NS-sw" link add br0 type bridge
	ip -n "$NS-sw" link set br0 up
	ip link add va netns "$NS-cl" address $MAC type veth peer name vsa netns "$NS-sw"
	ip -n "$NS-sw" link set vsa master br0 up
	ip -n "$NS-cl" link set va up
	mkdir -p "$T/state" "$T/hook"
	cat >"$T/hook.sh" <<-'EOH'
	#!/bin/sh
	d=$(dirname "$0")/hook
	env | sort >"$d/$(date +%s%N)-$$-$reason"
	EOH
	chmod +x "$T/hook.sh"
}

# d4_host NAME ADDR: a host on the link, interface vNAME, ADDR/24.
d4_host() {
	netns_add "$1" || return 1
	ip link add "v$1" netns "$NS-$1" type veth peer name "p$1" netns "$NS-sw"
	ip -n "$NS-sw" link set "p$1" master br0 up
	ip -n "$NS-$1" link set "v$1" up
	[ -z "$2" ] || ip -n "$NS-$1" addr add "$2/24" dev "v$1"
}

# d4_conf [LINES...]: apedged's configuration; the LINES go into
# [dhcp4 va] after short timings (the tests about timing override them).
d4_conf() {
	{
		cat <<-EOC
		[general]
		log_level = debug
		[dhcp4]
		state_dir = $T/state
		[dhcp4 va]
		hook = $T/hook.sh
		resolv = $T/resolv.conf
		EOC
		local l k
		# Defaults for speed, unless a LINE sets the key.
		for l in retrans_min_ms=1000 retrans_max_ms=4000 \
			probe_wait_ms=100 probe_min_ms=100 probe_max_ms=200 \
			probe_num=2 announce_wait_ms=200 announce_num=1 \
			announce_interval_ms=200; do
			k=${l%%=*}
			printf '%s\n' "$@" | grep -q "^$k *=" ||
				echo "$k = ${l#*=}"
		done
		printf '%s\n' "$@"
	} >"$T/apedged.conf"
}

# d4_start: apedged in cl (from the test's shell, not from check: it
# spawns); then check d4_up.
d4_start() {
	[ -f "$T/apedged.log" ] && cat "$T/apedged.log" >>"$T/apedged.old.log"
	spawn cl "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	APD=$LAST_PID
}
d4_up() {
	wait_for 10 ctl daemon ping
}

# d4_stop: SIGTERM; the status as lib.sh's stop (not in check's subshell).
d4_stop() {
	local rc=0
	# For the record: the counters before the stop.
	echo "# dhcp4 stats: $(ctl -j dhcp4 stats 2>&1)"
	stop "$APD" "$T/apedged.log" || rc=$?
	APD=""
	return $rc
}

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}

# d4 FIELD: a field of "dhcp4 show dev va" (jq path after the object).
d4() {
	ctl -j dhcp4 show dev va | jq -r ".[0].$1"
}
state_is() {
	[ "$(d4 state)" = "$1" ]
}
# wait_state SECS STATE
wait_state() {
	wait_for "$1" state_is "$2"
}
# bound_to ADDR: BOUND with ADDR.
bound_to() {
	[ "$(d4 state) $(d4 address)" = "BOUND $1" ]
}
# st PATH: a counter of "dhcp4 stats dev va" (jq path; quote names
# with a dash: 'malformed."opt-trunc"'); absent counts as 0.
st() {
	ctl -j dhcp4 stats dev va | jq -r ".[0].$1 // 0"
}
st_is() {
	[ "$(st "$1")" = "$2" ]
}
st_ge() {
	[ "$(st "$1")" -ge "$2" ]
}
# The sum of all malformed and drop counters.
st_refused() {
	ctl -j dhcp4 stats dev va |
		jq '[.[0].malformed // {}, .[0].drop // {} | .[]] | add // 0'
}
# has_addr ADDR[/PLEN]: ADDR is on va.
has_addr() {
	ip -n "$NS-cl" -4 -o addr show dev va | grep -q " inet ${1}[/ ]"
}
no_addr() {
	! ip -n "$NS-cl" -4 -o addr show dev va | grep -q " inet "
}
# never_addr_while STATE: poll until the client leaves STATE (30 s at
# most); fails if va had an IPv4 address at a moment the client was
# still in STATE (the address read first, the state after it).
never_addr_while() {
	local i
	for ((i = 0; i < 600; i++)); do
		if ! no_addr; then
			[ "$(d4 state)" != "$1" ]
			return
		fi
		[ "$(d4 state)" = "$1" ] || return 0
		sleep 0.05
	done
	return 1
}
# logged FROM TO: the log has the transition "dhcp4 va: FROM -> TO".
logged() {
	grep -q "dhcp4 va: $1 -> $2" "$T/apedged.log"
}
# hook_n: how many times the hook ran.
hook_n() {
	find "$T/hook" -type f | wc -l
}
# hook_last REASON: the file of the last call with REASON.
hook_last() {
	find "$T/hook" -type f -name "*-$1" | sort | tail -n 1
}
hook_seen() {
	[ -n "$(hook_last "$1")" ]
}
# hook_has REASON VAR=VALUE: the last call with REASON had it.
hook_has() {
	local f
	f=$(hook_last "$1")
	[ -n "$f" ] && grep -qxF "$2" "$f"
}
fails() { ! "$@"; }

# ---- servers --------------------------------------------------------------
# dnsmasq_start HOST LOG [OPTION...]: dnsmasq as a DHCP server only, on
# vHOST; its leases in $T/HOST.leases.
dnsmasq_start() {
	local h=$1 log=$2
	shift 2
	spawn "$h" "$log" dnsmasq -k -C /dev/null --port=0 --user=root \
		--interface="v$h" --bind-interfaces --log-dhcp \
		--log-facility=- --pid-file="$T/$h.dnsmasq.pid" \
		--dhcp-leasefile="$T/$h.leases" "$@"
	DNSMASQ=$LAST_PID
	wait_for 30 udp_bound "$h" 67 || echo "# dnsmasq on v$h is not listening"
}

# kea_start HOST LOG POOL [JSON MEMBERS...]: kea-dhcp4 on vHOST, leases
# in memory only, for 10.20.0.0/24 with POOL ("10.20.0.50 - 10.20.0.59");
# the members are added to Dhcp4 (for example '"valid-lifetime": 20').
kea_start() {
	local h=$1 log=$2 pool=$3 extra=""
	shift 3
	local m
	for m in "$@"; do
		extra+="$m,"
	done
	cat >"$T/$h.kea.json" <<-EOK
	{ "Dhcp4": { $extra
	  "interfaces-config": { "interfaces": [ "v$h" ],
	                         "dhcp-socket-type": "raw" },
	  "lease-database": { "type": "memfile", "persist": false },
	  "subnet4": [ { "id": 1, "subnet": "$NET.0/24",
	                 "pools": [ { "pool": "$pool" } ],
	                 "option-data": [
	                   { "name": "routers", "data": "$NET.1" },
	                   { "name": "domain-name-servers", "data": "$NET.53" } ] } ],
	  "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG",
	                 "debuglevel": 40,
	                 "output_options": [ { "output": "stdout" } ] } ] } }
	EOK
	spawn "$h" "$log" env KEA_PIDFILE_DIR="$T" KEA_LOCKFILE_DIR=none \
		kea-dhcp4 -c "$T/$h.kea.json"
	KEA=$LAST_PID
}

# dhcpd_start HOST LOG CONF-TEXT: ISC dhcpd -4 in the foreground on vHOST.
dhcpd_start() {
	local h=$1 log=$2
	printf '%s\n' "$3" >"$T/$h.dhcpd.conf"
	: >"$T/$h.dhcpd.leases"
	spawn "$h" "$log" dhcpd -4 -f -d -cf "$T/$h.dhcpd.conf" \
		-lf "$T/$h.dhcpd.leases" -pf "$T/$h.dhcpd.pid" "v$h"
	DHCPD=$LAST_PID
}

# kill_wait PID: end a server we started and reap it.
kill_wait() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# APEDGE_DHCP4_KEEP=DIR: keep a copy of the scratch directory (the
# daemon's and the servers' logs, the hook's calls) in DIR at the end.
if [ -n "${APEDGE_DHCP4_KEEP:-}" ]; then
	eval "$(declare -f _cleanup | sed '1s/_cleanup/_cleanup_lib/')"
	_cleanup() {
		rm -rf "$APEDGE_DHCP4_KEEP"
		cp -a "$T" "$APEDGE_DHCP4_KEEP"
		_cleanup_lib
	}
fi
