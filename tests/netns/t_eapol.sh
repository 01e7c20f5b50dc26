#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's 802.1X supplicant against hostapd -Dwired with its internal
# EAP server (eapol_lib.sh), its state read back with "apedgectl -j eapol
# show" at each step:
#
#   a  no authenticator yet: EAPOL-Starts every start_period, HELD after
#      max_start of them; an EAP-Success from the wire before any
#      exchange is dropped and counted, the port stays unauthorized;
#      hostapd comes: EAP-MD5 with the good password: CONNECTING ->
#      AUTHENTICATING -> AUTHENTICATED, authorized, hostapd agrees
#   b  reauthentication asked by the authenticator (hostapd EAPOL_REAUTH):
#      a new Request/Identity in AUTHENTICATED, authenticated again
#   c  reauthentication on command ("eapol reauth"): a fresh EAPOL-Start
#   d  "eapol logoff": LOGOFF, unauthorized, hostapd sees the Logoff;
#      "eapol reauth" brings it back
#   e  a hostile host on the link: truncated EAPOL, wrong lengths, a
#      version 0, a truncated EAP, a late Success and a late Failure, a
#      Start and a Key: each counted, the port stays authorized
#   f  a bad password (reload): HELD after hostapd's Failure, then again
#      after held_period, never authorized
#   g  the carrier lost: DISCONNECTED, unauthorized
# At the end apedged must stop with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/eapol_lib.sh"

ea_topology || exit 1
ea_users '"alice" MD5 "apedge-secret"'
ea_conf "password = apedge-secret"
ea_start
check "apedged starts" ea_up
spawn cl "$T/mon.json" "$BIN/apedgectl" -s "$T/apedged.sock" -j monitor daemon
# seen COND: an event of the monitor's output meets jq's COND.
seen() {
	jq -se "any(.[]; $1)" "$T/mon.json" >/dev/null
}

# ---- a: no authenticator, then EAP-MD5 ---------------------------------
check "a: CONNECTING" wait_state 5 CONNECTING
check "a: EAPOL-Starts are repeated" wait_for 5 st_ge tx.start 2
check "a: HELD after max_start Starts" wait_state 10 HELD
check "a: logged CONNECTING -> HELD" logged CONNECTING HELD
check "a: not authorized" test "$(ea authorized)" = false
inject "02 00 0004 03 00 0004"
check "a: an EAP-Success out of the blue is dropped and counted" \
	wait_for 5 st_is eap.discard.result_id 1
check "a: and does not authorize" test "$(ea authorized)" = false
hapd_start
check "a: hostapd starts" test $? -eq 0
check "a: AUTHENTICATED" wait_state 20 AUTHENTICATED
check "a: authorized" test "$(ea authorized)" = true
check "a: logged CONNECTING -> AUTHENTICATING" logged CONNECTING AUTHENTICATING
check "a: logged AUTHENTICATING -> AUTHENTICATED" logged AUTHENTICATING AUTHENTICATED
check "a: show: method md5, eap SUCCESS, the authenticator's MAC" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j eapol show dev va | jq -e '.[0] | .method == \"md5\" and .method_active == \"md5\" and .eap_state == \"SUCCESS\" and .peer == \"$AMAC\" and .identity == \"alice\" and .authorized_s >= 0'"
check "a: hostapd has the port authorized" wait_for 5 hapd_authorized
check "a: the monitor heard eapol-state AUTHENTICATED, authorized" \
	wait_for 5 seen '.event == "eapol-state" and .ifname == "va" and .from == "AUTHENTICATING" and .state == "AUTHENTICATED" and .authorized == true'
check "a: and HELD, not authorized" \
	seen '.event == "eapol-state" and .state == "HELD" and .authorized == false'
check "a: stats: 1 success, Identity and MD5 Responses sent" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j eapol stats dev va | jq -e '.[0] | .auth.success == 1 and .tx.eap >= 2 and .eap.identity >= 1 and .rx.eap >= 3'"
check "a: hostapd logged the MD5 success" \
	grep -q "EAP-MD5: Done - Success" "$T/hostapd.log"
check "a: the password is not in show or stats" sh -c \
	"! { '$BIN/apedgectl' -s '$T/apedged.sock' -j eapol show; '$BIN/apedgectl' -s '$T/apedged.sock' -j eapol stats; } | grep -q apedge-secret"
check "a: text show says authorized" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' eapol show | grep AUTHENTICATED | grep -q authorized"

# ---- b: reauthentication asked by hostapd ------------------------------
check "b: hostapd EAPOL_REAUTH" hapd_cli raw "EAPOL_REAUTH $MAC"
check "b: seen as a reauthentication" wait_for 10 st_is auth.reauth 1
check "b: authenticated again" wait_for 10 st_is auth.success 2
check "b: AUTHENTICATED" wait_state 5 AUTHENTICATED
check "b: logged AUTHENTICATED -> RESTART" logged AUTHENTICATED RESTART

# ---- c: reauthentication on command ------------------------------------
starts=$(st tx.start)
check "c: eapol reauth is accepted" ctl eapol reauth dev va
check "c: authenticated again" wait_for 10 st_is auth.success 3
check "c: after a fresh EAPOL-Start" test "$(st tx.start)" -gt "$starts"
check "c: AUTHENTICATED" wait_state 5 AUTHENTICATED

# ---- d: logoff -----------------------------------------------------------
check "d: eapol logoff is accepted" ctl eapol logoff dev va
check "d: LOGOFF" wait_state 5 LOGOFF
check "d: the monitor heard it" wait_for 5 seen '.event == "eapol-state" and .state == "LOGOFF" and .authorized == false and .reason == "logoff"'
check "d: not authorized" test "$(ea authorized)" = false
check "d: an EAPOL-Logoff was sent" st_is tx.logoff 1
check "d: hostapd saw it" wait_for 5 grep -q "received EAPOL-Logoff" "$T/hostapd.log"
check "d: hostapd no longer has it authorized" wait_for 5 fails hapd_authorized
check "d: eapol reauth leaves LOGOFF" ctl eapol reauth dev va
check "d: AUTHENTICATED" wait_state 10 AUTHENTICATED

# ---- e: a hostile host on the link ---------------------------------------
success=$(st auth.success)
inject "02 00 0010 01 01" "00 00 0005 01 01 0005 01" "02 00 0002 01 01" \
	"02 00 0005 01 09 0040 04 10" "02 00 0004 03 09 0004" \
	"02 00 0004 04 09 0004" "02 01 0000" "02 03 0000" "02 00"
check "e: a body past the frame: eapol_body_len" wait_for 5 st_is malformed.eapol_body_len 1
check "e: version 0: eapol_version" st_is malformed.eapol_version 1
check "e: a truncated EAP header: eap_short" st_is eap.malformed.eap_short 1
check "e: an EAP Length past the body: eap_len" st_is eap.malformed.eap_len 1
check "e: a late Success and a late Failure: result_late" st_is eap.discard.result_late 2
check "e: a Start and a Key: ignored" st_is rx_ignored 2
check "e: still AUTHENTICATED" state_is AUTHENTICATED
check "e: still authorized" test "$(ea authorized)" = true
check "e: no new authentication" st_is auth.success "$success"
check "e: hostapd still has it authorized" hapd_authorized

# ---- f: a bad password -----------------------------------------------------
success=$(st auth.success)
n_held() { grep -c "eapol va: HELD -> CONNECTING" "$T/apedged.log"; }
held=$(n_held)
ea_conf "password = wrong-secret"
check "f: reload" ctl daemon reload
check "f: HELD after the Failure" wait_state 10 HELD
check "f: a failure counted" st_ge auth.failure 1
check "f: not authorized" test "$(ea authorized)" = false
check "f: hostapd logged the MD5 failure" \
	grep -q "EAP-MD5: Done - Failure" "$T/hostapd.log"
check "f: tried again after held_period, failed again" wait_for 15 st_ge auth.failure 2
check "f: through HELD -> CONNECTING" test "$(n_held)" -gt "$held"
check "f: never authorized" st_is auth.success 0

# ---- g: the carrier lost ---------------------------------------------------
ea_conf "password = apedge-secret"
check "g: reload with the good password" ctl daemon reload
check "g: AUTHENTICATED" wait_state 15 AUTHENTICATED
ip -n "$NS-au" link set vb down
check "g: carrier lost: DISCONNECTED" wait_state 5 DISCONNECTED
check "g: not authorized" test "$(ea authorized)" = false
ip -n "$NS-au" link set vb up
check "g: carrier back: AUTHENTICATED" wait_state 20 AUTHENTICATED

hapd_stop
rc=0
ea_stop || rc=$?
check "apedged shuts down cleanly (status 0, no sanitizer report)" test $rc -eq 0
exit 0
