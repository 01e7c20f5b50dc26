#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's TLS methods (EAP-TLS, PEAPv0/MSCHAPv2, TTLS with PAP and
# MSCHAPv2) against hostapd -Dwired with its internal EAP server
# (eapol_lib.sh).  Certificates are made here with openssl into $T: a
# CA, the server's for radius.example.org, a client's, and a second CA
# that signed nothing of ours.
#
#   a  EAP-TLS with the client certificate: AUTHENTICATED, authorized,
#      and hostapd agrees
#   b  PEAP with the good password; c  TTLS/MSCHAPv2; d  TTLS/PAP
#   e  PEAP with a wrong password: never authorized
#   f  the server's certificate checked against the other CA: refused by
#      us (hostapd sees our alert), never authorized
#   g  a domain the certificate does not name: the same
#   h  ".example.org" (any name under it) is accepted
# TLS 1.3: we offer it; hostapd 2.10 of Debian 12 picks TLS 1.2 even with
# tls_flags=[ENABLE-TLSv1.3], so RFC 9190 is tested against OpenSSL's
# own server in tests/unit/apedged_eapol_tls.c.
# A hostile authenticator is the one with the wrong CA or the wrong
# name: it never learns more than a TLS alert, and the port stays shut.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/eapol_lib.sh"

ea_topology || exit 1
check "certificates made" mkcerts
ea_users '"alice" TLS,PEAP,TTLS' \
	'"alice" MSCHAPV2,TTLS-MSCHAPV2,TTLS-PAP "apedge-secret" [2]'
hapd_start "ca_cert=$T/ca.pem" "server_cert=$T/server.pem" \
	"private_key=$T/server.key"
check "hostapd starts" test $? -eq 0

# one_case NAME CONF-LINES...: apedged with that [eapol va], until it
# is AUTHENTICATED (returns 0) or has failed (HELD after a failure).
run_case() {
	ea_conf "$@"
	ea_start
	ea_up
}
# end_case NAME: stop apedged from this shell (stop waits for its child)
# and check it stopped with status 0 and a clean log.
end_case() {
	local rc=0
	ea_stop || rc=$?
	check "$1: apedged stops cleanly" test $rc -eq 0
}
common="ca_file = $T/ca.pem"

# ---- a: EAP-TLS ------------------------------------------------------------
run_case "method = tls" "$common" "domain = radius.example.org" \
	"client_cert = $T/client.pem" "private_key = $T/client.key"
check "a: EAP-TLS: AUTHENTICATED" wait_state 20 AUTHENTICATED
check "a: authorized" test "$(ea authorized)" = true
check "a: hostapd has the port authorized" wait_for 5 hapd_authorized
check "a: method tls" test "$(ea method_active)" = tls
check "a: our ClientHello offered TLS 1.3, hostapd chose 1.2" sh -c \
	"grep -aq 'RX ver=0x304 content_type=22 (handshake/client hello)' '$T/hostapd.log' &&
	 grep -aq 'SSL: Using TLS version TLSv1.2' '$T/hostapd.log'"
end_case "a"

# ---- b: PEAP ---------------------------------------------------------------
run_case "method = peap" "$common" "domain = radius.example.org" \
	"password = apedge-secret"
check "b: PEAP/MSCHAPv2: AUTHENTICATED" wait_state 20 AUTHENTICATED
check "b: authorized" test "$(ea authorized)" = true
check "b: hostapd has the port authorized" wait_for 5 hapd_authorized
check "b: hostapd logged the inner MSCHAPv2 success" \
	grep -q "EAP-MSCHAPV2: .*[Ss]uccess" "$T/hostapd.log"
end_case "b"

# ---- c, d: TTLS --------------------------------------------------------------
run_case "method = ttls" "phase2 = mschapv2" "$common" \
	"domain = radius.example.org" "password = apedge-secret"
check "c: TTLS/MSCHAPv2: AUTHENTICATED" wait_state 20 AUTHENTICATED
check "c: hostapd has the port authorized" wait_for 5 hapd_authorized
end_case "c"
run_case "method = ttls" "phase2 = pap" "$common" \
	"domain = radius.example.org" "password = apedge-secret"
check "d: TTLS/PAP: AUTHENTICATED" wait_state 20 AUTHENTICATED
check "d: hostapd has the port authorized" wait_for 5 hapd_authorized
end_case "d"

# ---- e: a wrong password -----------------------------------------------------
run_case "method = peap" "$common" "password = wrong-secret"
check "e: PEAP with a wrong password: a failure" wait_for 20 st_ge auth.failure 1
check "e: never authorized" st_is auth.success 0
check "e: not authorized" test "$(ea authorized)" = false
end_case "e"

# ---- f: the wrong CA -----------------------------------------------------------
alerts() { grep -c "alert" "$T/hostapd.log"; }
inner() { grep -c "EAP-MSCHAPV2: .*[Ss]uccess" "$T/hostapd.log"; }
a0=$(alerts)
i0=$(inner)
run_case "method = peap" "ca_file = $T/other.pem" "password = apedge-secret"
check "f: wrong CA: a failure" wait_for 20 st_ge auth.failure 1
check "f: never authorized" st_is auth.success 0
check "f: hostapd got our TLS alert" test "$(alerts)" -gt "$a0"
check "f: hostapd never saw the inner method" \
	test "$(inner)" -eq "$i0"
end_case "f"
run_case "method = tls" "ca_file = $T/other.pem" \
	"client_cert = $T/client.pem" "private_key = $T/client.key"
check "f: EAP-TLS, wrong CA: a failure" wait_for 20 st_ge auth.failure 1
check "f: EAP-TLS never authorized" st_is auth.success 0
end_case "f (tls)"

# ---- g, h: the domain ------------------------------------------------------------
run_case "method = ttls" "phase2 = pap" "$common" \
	"domain = evil.example.org" "password = apedge-secret"
check "g: wrong domain: a failure" wait_for 20 st_ge auth.failure 1
check "g: never authorized" st_is auth.success 0
check "g: the PAP password never reached hostapd" \
	fails grep -q "TTLS-PAP.*apedge-secret\|User-Password.*61 70 65 64" "$T/hostapd.log"
end_case "g"
run_case "method = ttls" "phase2 = pap" "$common" \
	"domain = .example.org" "password = apedge-secret"
check "h: domain .example.org: AUTHENTICATED" wait_state 20 AUTHENTICATED
end_case "h"

hapd_stop
exit 0
