# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# The test bed of the 802.1X supplicant's netns tests (t_eapol*.sh source
# it after lib.sh).  One veth link:
#
#   cl: va (apedged's supplicant, MAC $MAC) --- vb (MAC $AMAC) :au
#
# hostapd -Dwired on vb is the authenticator, with its internal EAP
# server and the users of $T/eap_users; its control socket is in
# $T/hapd.  apedged runs with $T/apedged.conf (ea_conf) and the control
# socket $T/apedged.sock.

MAC=02:00:00:00:ea:01
AMAC=02:00:00:00:ea:02
APD=""
HAPD=""

ea_topology() {
	netns_add cl && netns_add au || return 1
	ip link add va netns "$NS-cl" address $MAC type veth peer name vb \
		netns "$NS-au" address $AMAC
	ip -n "$NS-cl" link set va up
	ip -n "$NS-au" link set vb up
}

# ea_users LINES...: hostapd's EAP user file.
ea_users() {
	printf '%s\n' "$@" >"$T/eap_users"
}

# hapd_start [LINES...]: hostapd on vb; the LINES go into its config.
# Call it from the test's shell, not through check (a subshell): HAPD
# and the cleanup list would be lost and hostapd would outlive the test.
hapd_start() {
	{
		cat <<-EOC
		interface=vb
		driver=wired
		ieee8021x=1
		eapol_version=2
		eap_server=1
		eap_user_file=$T/eap_users
		ctrl_interface=$T/hapd
		logger_stdout=-1
		logger_stdout_level=0
		EOC
		printf '%s\n' "$@"
	} >"$T/hostapd.conf"
	[ -f "$T/hostapd.log" ] && cat "$T/hostapd.log" >>"$T/hostapd.old.log"
	spawn au "$T/hostapd.log" hostapd -dd "$T/hostapd.conf"
	HAPD=$LAST_PID
	wait_for 10 hapd_cli ping
}
hapd_stop() {
	[ -n "$HAPD" ] || return 0
	kill "$HAPD" 2>/dev/null
	wait "$HAPD" 2>/dev/null
	HAPD=""
}
hapd_cli() {
	nsx au hostapd_cli -p "$T/hapd" -i vb "$@"
}

# ea_conf [LINES...]: apedged's configuration; the LINES go into
# [eapol va] after short timings (a LINE may override them).
ea_conf() {
	{
		cat <<-EOC
		[general]
		log_level = debug
		[eapol va]
		identity = alice
		EOC
		local l k
		for l in start_period=1 max_start=3 held_period=3 auth_period=5; do
			k=${l%%=*}
			printf '%s\n' "$@" | grep -q "^$k *=" ||
				echo "$k = ${l#*=}"
		done
		printf '%s\n' "$@"
	} >"$T/apedged.conf"
}

ea_start() {
	[ -f "$T/apedged.log" ] && cat "$T/apedged.log" >>"$T/apedged.old.log"
	spawn cl "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	APD=$LAST_PID
}
ea_up() {
	wait_for 10 ctl daemon ping
}
ea_stop() {
	local rc=0
	echo "# eapol stats: $(ctl -j eapol stats 2>&1)"
	stop "$APD" "$T/apedged.log" || rc=$?
	APD=""
	return $rc
}

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
# ea FIELD: a field of "eapol show dev va".
ea() {
	ctl -j eapol show dev va | jq -r ".[0].$1"
}
state_is() {
	[ "$(ea state)" = "$1" ]
}
wait_state() {
	wait_for "$1" state_is "$2"
}
# st PATH: a counter of "eapol stats dev va"; absent counts as 0.
st() {
	ctl -j eapol stats dev va | jq -r ".[0].$1 // 0"
}
st_is() {
	[ "$(st "$1")" = "$2" ]
}
st_ge() {
	[ "$(st "$1")" -ge "$2" ]
}
logged() {
	grep -q "eapol va: $1 -> $2" "$T/apedged.log"
}
# hapd_authorized: hostapd's station entry for $MAC says authorized.
hapd_authorized() {
	hapd_cli sta $MAC | grep -q "AUTHORIZED"
}
fails() { ! "$@"; }

# inject HEX...: each HEX an EAPOL frame (the Ethernet payload), sent
# from vb in au to $MAC with EtherType 0x888e: a hostile authenticator
# (or any host on the link).
inject() {
	nsx au "$PY" - "$MAC" "$@" <<-'EOP'
	import socket, sys
	dst = bytes.fromhex(sys.argv[1].replace(":", ""))
	s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
	s.bind(("vb", 0))
	src = s.getsockname()[4]
	for h in sys.argv[2:]:
	    s.send(dst + src + b"\x88\x8e" + bytes.fromhex(h.replace(" ", "")))
	EOP
}

# mkcerts: in $T, a test CA (ca.pem), another CA (other.pem), a server
# certificate for radius.example.org (server.pem) and a client's for
# alice (client.pem), each with its key; made at test time, never kept.
mkcerts() {
	local d=$T
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		-nodes -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
		-subj "/CN=apedge test CA" 2>/dev/null || return 1
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		-nodes -keyout "$d/other.key" -out "$d/other.pem" -days 2 \
		-subj "/CN=apedge other CA" 2>/dev/null || return 1
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$d/server.key" -out "$d/server.csr" \
		-subj "/CN=radius.example.org" 2>/dev/null || return 1
	printf '%s\n' "subjectAltName=DNS:radius.example.org" \
		"extendedKeyUsage=serverAuth" >"$d/server.ext"
	openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" \
		-CAkey "$d/ca.key" -CAcreateserial -out "$d/server.pem" \
		-days 2 -extfile "$d/server.ext" 2>/dev/null || return 1
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$d/client.key" -out "$d/client.csr" \
		-subj "/CN=alice" 2>/dev/null || return 1
	echo "extendedKeyUsage=clientAuth" >"$d/client.ext"
	openssl x509 -req -in "$d/client.csr" -CA "$d/ca.pem" \
		-CAkey "$d/ca.key" -CAcreateserial -out "$d/client.pem" \
		-days 2 -extfile "$d/client.ext" 2>/dev/null
}
