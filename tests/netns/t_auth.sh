#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's 802.1X authenticator ([auth vb], eapol/authsm.c and auth.c)
# between real peers: wpa_supplicant -Dwired as the supplicant and
# freeradius as the AAA server, on its loopback, with a private
# configuration written here into $T/raddb.  No module: the
# authorization is read from apedged's sessions ("eapol auth"), the
# module's enforcement is the VM test's (t_88_auth).
#
#   cl: va [m1 m2 macvlans] --- vb :au  apedged --RADIUS--> freeradius
#
#   a  mode port, EAP-MD5 through freeradius's challenge: AUTHENTICATED,
#      authorized by 802.1X, VLAN 30 from the tagged
#      Tunnel-Private-Group-ID; wpa_supplicant's port Authorized
#   b  a wrong password: Access-Reject, HELD, never authorized
#   c  the supplicant's EAPOL-Logoff: DISCONNECTED, unauthorized
#   d  a station that sends an EAP-Success (and a Request) itself: dropped
#      and counted, never authorized
#   e  mode mac, two supplicants behind the port (macvlans m1 and m2),
#      one with the good password and one with a wrong one: m1
#      authorized, m2 HELD, each its own session
#   f  reauth from the control socket: the station goes through the
#      conversation again and stays authorized
#   g  EAP-TLS (a client certificate of the test CA, the server's checked
#      by the supplicant): the whole TLS conversation passed through in
#      fragments, AUTHENTICATED; a certificate of another CA: rejected
# The attacker is any station on the port: whatever it sends, only
# freeradius's Accept authorizes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/eapol_lib.sh"
. "$(dirname "$0")/auth_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120
AUD=""
M1=02:00:00:00:ea:11
M2=02:00:00:00:ea:12

# freeradius's EAP-TLS (and the tunnels), with the certificates of
# mkcerts (eapol_lib.sh)
auth_tunnels

raddb() {
	mkcerts || return 1
	auth_raddb || return 1
	local r=$T/raddb
	printf '%s\n' \
		'alice Cleartext-Password := "apedge-secret"' \
		'    Tunnel-Type:3 = VLAN,' \
		'    Tunnel-Medium-Type:3 = IEEE-802,' \
		'    Tunnel-Private-Group-Id:3 = "30"' >"$r/users"
	printf '%s\n' "$SECRET" >"$T/secret"
	chmod 600 "$T/secret"
}


# au_start MODE: apedged's authenticator on vb, short timers.
au_start() {
	cat >"$T/au.conf" <<-EOC
	[general]
	log_level = debug
	[auth vb]
	mode = $1
	radius_server = 127.0.0.1:$RPORT
	radius_secret_file = $T/secret
	nas_identifier = apedge-test
	supp_timeout = 3
	server_timeout = 5
	quiet_period = 5
	EOC
	[ -f "$T/au.log" ] && cat "$T/au.log" >>"$T/au.old.log"
	spawn au "$T/au.log" "$BIN/apedged" -f -c "$T/au.conf" \
		-s "$T/au.sock"
	AUD=$LAST_PID
	wait_for 10 actl daemon ping
}
au_stop() {
	local rc=0
	echo "# eapol auth: $(actl -j eapol auth 2>&1)"
	stop "$AUD" "$T/au.log" || rc=$?
	AUD=""
	check "$1: apedged stops cleanly" test $rc -eq 0
}
actl() {
	"$BIN/apedgectl" -s "$T/au.sock" "$@"
}
# sess MAC FIELD: a field of the session of MAC (port mode: the one).
sess() {
	actl -j eapol auth dev vb |
		jq -r --arg m "$1" \
		'[.[0].sessions[] | select($m == "" or .mac == $m)][0].'"$2"
}
sess_is() {
	[ "$(sess "$1" "$2")" = "$3" ]
}
ast() {
	actl -j eapol auth dev vb | jq -r ".[0].stats.$1"
}
ast_is() {
	[ "$(ast "$1")" = "$2" ]
}

# sup_start NAME IF PASSWORD: wpa_supplicant -Dwired on IF in cl (EAP-MD5;
# a PASSWORD "tls:CERT:KEY" is EAP-TLS with that certificate and key).
sup_start() {
	local n=$1 m
	if [ "${3#tls:}" != "$3" ]; then
		m=$(printf '%s\n' "eap=TLS" "ca_cert=\"$T/ca.pem\"" \
			"domain_match=\"radius.example.org\"" \
			"client_cert=\"$(echo "$3" | cut -d: -f2)\"" \
			"private_key=\"$(echo "$3" | cut -d: -f3)\"")
	else
		m=$(printf '%s\n' "eap=MD5" "password=\"$3\"")
	fi
	cat >"$T/wpa.$n.conf" <<-EOC
	ctrl_interface=$T/wpa.$n
	ap_scan=0
	eapol_version=2
	network={
		key_mgmt=IEEE8021X
		eapol_flags=0
		identity="alice"
	$m
	}
	EOC
	spawn cl "$T/wpa.$n.log" wpa_supplicant -D wired -i "$2" \
		-c "$T/wpa.$n.conf" -dd
	eval "SUP_$n=$LAST_PID"
	wait_for 10 nsx cl wpa_cli -p "$T/wpa.$n" -i "$2" ping
}
sup_stop() {
	local v="SUP_$1"
	[ -n "${!v:-}" ] || return 0
	kill "${!v}" 2>/dev/null
	wait "${!v}" 2>/dev/null
	eval "SUP_$1="
}
sup_authorized() {
	nsx cl wpa_cli -p "$T/wpa.$1" -i "$2" status |
		grep -q "^suppPortStatus=Authorized"
}

# from_station HEX...: EAPOL frames sent from va to the PAE group
# address: a station on the port.
from_station() {
	nsx cl "$PY" - "$@" <<-'EOP'
	import socket, sys
	s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
	s.bind(("va", 0))
	src = s.getsockname()[4]
	dst = bytes.fromhex("0180c2000003")
	for h in sys.argv[1:]:
	    s.send(dst + src + b"\x88\x8e" + bytes.fromhex(h.replace(" ", "")))
	EOP
}

ea_topology || exit 1
check "freeradius configuration written" raddb
auth_rad_start au
check "freeradius starts" test $? -eq 0

# ---- a: port mode, EAP-MD5 -----------------------------------------------------
a0=$(accepts)
au_start port
check "a: apedged starts with [auth vb]" test $? -eq 0
sup_start a va apedge-secret
check "a: AUTHENTICATED" wait_for 20 sess_is "" pae_state AUTHENTICATED
check "a: authorized by 802.1X" sess_is "" authorized_by 802.1x
check "a: VLAN 30 from freeradius" sess_is "" vlan 30
check "a: identity alice" sess_is "" identity alice
check "a: the supplicant's MAC" sess_is "" mac "$MAC"
check "a: freeradius sent an Access-Accept" test "$(accepts)" -gt "$a0"
check "a: wpa_supplicant's port Authorized" wait_for 5 sup_authorized a va
check "a: a Response/Identity counted" test "$(ast eap_resp_id_frames_rx)" -ge 1
check "a: a challenge passed through" \
	test "$(ast backend_access_challenges)" -ge 1
check "a: one success" test "$(ast auth_success_while_authenticating)" -eq 1

# ---- f: reauth from the control socket ----------------------------------------
a0=$(accepts)
check "f: eapol reauth dev vb" actl eapol reauth dev vb
check "f: reauthenticated" wait_for 20 \
	ast_is auth_success_while_authenticating 2
check "f: a second Access-Accept" test "$(accepts)" -gt "$a0"
check "f: counted" test "$(ast auth_reauths_while_authenticated)" -eq 1
check "f: still authorized" sess_is "" authorized true

# ---- c: logoff -------------------------------------------------------------------
check "c: wpa_cli logoff" nsx cl wpa_cli -p "$T/wpa.a" -i va logoff
check "c: DISCONNECTED" wait_for 10 sess_is "" pae_state DISCONNECTED
check "c: unauthorized" sess_is "" authorized false
check "c: the Logoff counted" \
	test "$(ast auth_eap_logoff_while_authenticated)" -eq 1
sup_stop a
au_stop a

# ---- b: a wrong password -----------------------------------------------------------
r0=$(rejects)
au_start port
sup_start b va wrong-password
check "b: HELD" wait_for 20 sess_is "" pae_state HELD
check "b: never authorized" test "$(ast auth_success_while_authenticating)" -eq 0
check "b: a failure counted" \
	test "$(ast auth_fail_while_authenticating)" -ge 1
check "b: freeradius sent an Access-Reject" test "$(rejects)" -gt "$r0"
check "b: not authorized" sess_is "" authorized false
sup_stop b

au_stop b

# ---- d: a station's own EAP-Success ----------------------------------------------
# A fresh port: EAPOL-Start (CONNECTING, a Request/Identity out), then
# an EAP-Success of every Identifier and an EAP-Request, from the station
au_start port
ids=()
for i in $(seq 0 255); do
	ids+=("02 00 0004 03 $(printf %02x "$i") 0004")
done
check "d: frames sent" from_station "02 01 0000" "${ids[@]}" \
	"02 00 0005 01 01 0005 01"
# (a burst of 258 frames may lose a few in the socket's buffer: every
# one received but the Start is dropped and counted)
d_all_dropped() {
	local d r
	d=$(ast eap_from_station_dropped)
	r=$(ast eapol_frames_rx)
	[ "$d" -ge 200 ] && [ "$((d + 1))" -eq "$r" ]
}
check "d: dropped and counted" wait_for 5 d_all_dropped
check "d: never authorized" ast_is auth_success_while_authenticating 0
check "d: not authorized" sess_is "" authorized false
check "d: still asking for an identity" sess_is "" pae_state CONNECTING
au_stop d

# ---- e: mac mode, two supplicants ---------------------------------------------------
# private: m1 and m2 do not hear each other's EAPOL-Start (a supplicant
# that did would take the other for its authenticator)
ip -n "$NS-cl" link add m1 link va address $M1 type macvlan mode private
ip -n "$NS-cl" link add m2 link va address $M2 type macvlan mode private
ip -n "$NS-cl" link set m1 up
ip -n "$NS-cl" link set m2 up
au_start mac
sup_start e1 m1 apedge-secret
sup_start e2 m2 wrong-password
check "e: m1 AUTHENTICATED" wait_for 20 sess_is $M1 pae_state AUTHENTICATED
check "e: m1 authorized, VLAN 30" sess_is $M1 vlan 30
check "e: m2 HELD" wait_for 20 sess_is $M2 pae_state HELD
check "e: m2 not authorized" sess_is $M2 authorized false
check "e: m1 still authorized" sess_is $M1 authorized true
check "e: m1's supplicant Authorized" wait_for 5 sup_authorized e1 m1
sup_stop e1
sup_stop e2
au_stop e

# ---- g: EAP-TLS -------------------------------------------------------------------
# a client certificate signed by another CA (other.pem, as a client's)
mkother() {
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$T/rogue.key" -out "$T/rogue.csr" \
		-subj "/CN=alice" 2>/dev/null &&
	openssl x509 -req -in "$T/rogue.csr" -CA "$T/other.pem" \
		-CAkey "$T/other.key" -CAcreateserial -out "$T/rogue.pem" \
		-days 2 -extfile "$T/client.ext" 2>/dev/null
}
a0=$(accepts)
au_start port
sup_start g va "tls:$T/client.pem:$T/client.key"
check "g: EAP-TLS AUTHENTICATED" wait_for 20 sess_is "" pae_state AUTHENTICATED
check "g: authorized by 802.1X" sess_is "" authorized_by 802.1x
check "g: freeradius sent an Access-Accept" test "$(accepts)" -gt "$a0"
check "g: wpa_supplicant's port Authorized" wait_for 5 sup_authorized g va
check "g: several challenges passed through (the TLS handshake)" \
	test "$(ast backend_access_challenges)" -ge 3
sup_stop g
au_stop g
check "g: a certificate of another CA made" mkother
r0=$(rejects)
au_start port
sup_start g2 va "tls:$T/rogue.pem:$T/rogue.key"
check "g: another CA's certificate: HELD" wait_for 20 sess_is "" pae_state HELD
check "g: never authorized" ast_is auth_success_while_authenticating 0
check "g: freeradius sent an Access-Reject" test "$(rejects)" -gt "$r0"
sup_stop g2
au_stop g2

auth_rad_stop
exit 0
