#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's supplicant behind hostapd -Dwired acting as a pure
# authenticator in front of freeradius, the deployment of a switch port
# under 802.1X.  freeradius runs in the authenticator's namespace on its
# loopback with auth_lib.sh's private configuration in $T/raddb, its eap
# module given the certificates made by openssl as in t_eapol_tls.sh:
#
#   cl: va --- vb :au  hostapd --RADIUS 127.0.0.1:18120--> freeradius
#
#   x  eapol_test (wpa_supplicant's RADIUS client) cross-checks the
#      server set-up: PEAP and TLS succeed against it directly
#   a  EAP-MD5; b  PEAP/MSCHAPv2; c  TTLS/PAP; d  EAP-TLS: each
#      AUTHENTICATED, authorized, and freeradius sent the Access-Accept
#   e  PEAP with a wrong password: a failure, never authorized,
#      freeradius sent an Access-Reject
#   f  the server's certificate checked against the other CA: refused by
#      us, never authorized, the inner method never reached freeradius
# The attacker is the authenticator side (a hostile switch or RADIUS
# server with a certificate of its own): all it gets is a TLS alert.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/eapol_lib.sh"
. "$(dirname "$0")/auth_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120

# freeradius: auth_lib.sh's configuration, with MSCHAP and the TLS
# methods (auth_tunnels).
auth_tunnels

raddb() {
	auth_raddb || return 1
	local r=$T/raddb
	# alice's password for MD5, MSCHAPv2 and PAP; EAP-TLS needs none.
	printf '%s\n' 'alice Cleartext-Password := "apedge-secret"' >"$r/users"
}


# xcheck NAME LINES...: eapol_test with that network block against
# freeradius directly.
xcheck() {
	local n=$1
	shift
	{
		echo "network={"
		printf '\t%s\n' "key_mgmt=IEEE8021X" "eapol_flags=0" "$@"
		echo "}"
	} >"$T/eapol_test.$n.conf"
	nsx au eapol_test -c "$T/eapol_test.$n.conf" -a 127.0.0.1 \
		-p $RPORT -s $SECRET -t 10 >"$T/eapol_test.$n.log" 2>&1 &&
		grep -q "^SUCCESS" "$T/eapol_test.$n.log"
}

ea_topology || exit 1
check "certificates made" mkcerts
check "freeradius configuration written" raddb
auth_rad_start au
check "freeradius starts" test $? -eq 0

# ---- x: eapol_test cross-check -----------------------------------------------
check "x: eapol_test PEAP/MSCHAPv2 against freeradius" xcheck peap \
	"eap=PEAP" 'identity="alice"' 'password="apedge-secret"' \
	"ca_cert=\"$T/ca.pem\"" 'phase2="auth=MSCHAPV2"'
check "x: eapol_test EAP-TLS against freeradius" xcheck tls \
	"eap=TLS" 'identity="alice"' "ca_cert=\"$T/ca.pem\"" \
	"client_cert=\"$T/client.pem\"" "private_key=\"$T/client.key\""

ea_users ""	# hapd_start names the file; no user: eap_server=0
hapd_start "eap_server=0" "own_ip_addr=127.0.0.1" \
	"auth_server_addr=127.0.0.1" "auth_server_port=$RPORT" \
	"auth_server_shared_secret=$SECRET"
check "hostapd starts (RADIUS client)" test $? -eq 0

run_case() {
	ea_conf "$@"
	ea_start
	ea_up
}
end_case() {
	local rc=0
	ea_stop || rc=$?
	check "$1: apedged stops cleanly" test $rc -eq 0
}
common="ca_file = $T/ca.pem"

# good NAME CONF-LINES...: the method succeeds through freeradius.
good() {
	local n=$1 a0
	shift
	a0=$(accepts)
	run_case "$@"
	check "$n: AUTHENTICATED" wait_state 20 AUTHENTICATED
	check "$n: authorized" test "$(ea authorized)" = true
	check "$n: hostapd has the port authorized" wait_for 5 hapd_authorized
	check "$n: freeradius sent an Access-Accept" test "$(accepts)" -gt "$a0"
	end_case "$n"
}

good "a: EAP-MD5" "method = md5" "password = apedge-secret"
good "b: PEAP/MSCHAPv2" "method = peap" "$common" \
	"domain = radius.example.org" "password = apedge-secret"
good "c: TTLS/PAP" "method = ttls" "phase2 = pap" "$common" \
	"domain = radius.example.org" "password = apedge-secret"
good "d: EAP-TLS" "method = tls" "$common" "domain = radius.example.org" \
	"client_cert = $T/client.pem" "private_key = $T/client.key"

# ---- e: a wrong password -----------------------------------------------------
r0=$(rejects)
run_case "method = peap" "$common" "password = wrong-secret"
check "e: PEAP with a wrong password: a failure" wait_for 20 st_ge auth.failure 1
check "e: never authorized" st_is auth.success 0
check "e: not authorized" test "$(ea authorized)" = false
check "e: freeradius sent an Access-Reject" test "$(rejects)" -gt "$r0"
end_case "e"

# ---- f: the wrong CA -------------------------------------------------------------
inner() { grep -c "eap_mschapv2" "$T/radius.log"; }
i0=$(inner)
run_case "method = peap" "ca_file = $T/other.pem" "password = apedge-secret"
check "f: wrong CA: a failure" wait_for 20 st_ge auth.failure 1
check "f: never authorized" st_is auth.success 0
check "f: freeradius got our unknown_ca alert" wait_for 5 \
	grep -q "Alert read:fatal:unknown CA" "$T/radius.log"
check "f: the inner method never reached freeradius" test "$(inner)" -eq "$i0"
end_case "f"

hapd_stop
auth_rad_stop
exit 0
