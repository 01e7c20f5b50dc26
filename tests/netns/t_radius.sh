#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's RADIUS client (eapol/radclient.c, radudp.c) against a real
# freeradius, through the driver daemon/build/bin/radtest, all in one
# namespace on its loopback.  freeradius runs with auth_lib.sh's private
# configuration in $T/raddb (the client 127.0.0.1 with $SECRET, PAP and
# EAP-MD5), a second listener without signing, a users file with VLANs.
#
#   a  MAB (PAP, user = password = the MAC): Access-Accept, the VLAN of
#      the untagged Tunnel-Private-Group-ID, Session-Timeout and
#      Reply-Message decoded
#   b  MAB of an unknown MAC and of a wrong password: Access-Reject
#   c  EAP-MD5 through an Access-Challenge, State echoed: Access-Accept
#      with the VLAN of a tagged Tunnel-Private-Group-ID; a wrong
#      password: Access-Reject
#   d  the wrong shared secret: freeradius drops the request (its
#      Message-Authenticator is wrong): a timeout, nothing accepted
#   e  failover: the first server a closed port, the second freeradius:
#      accepted by the second, the first counted dead after its tries
#   f  forgery: a fake server that signs its replies with a wrong secret
#      (counted as bad authenticators, ignored), while an attacker who
#      knows the secret answers from another port and from another
#      address (never delivered to the connected socket): a timeout
#   g  freeradius 3.2.1 as it is signs no PAP reply: its Access-Accept
#      without Message-Authenticator is refused (a bad authenticator)
# The attacker is anyone who can send UDP to the NAS: without the
# secret nothing is believed; with it, only from the server's address
# and port.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/auth_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120
DEAD=18125
FAKE=18130
NOSIGN=18121
RT=$BIN/radtest
MAC1=02-00-00-00-00-01

# shellcheck disable=SC2034 # read by auth_raddb
AUTH_LISTEN="listen {
		type = auth
		ipaddr = 127.0.0.1
		port = $NOSIGN
		virtual_server = nosign
	}"
# shellcheck disable=SC2034 # read by auth_raddb
AUTH_SERVERS="server nosign {
		authorize {
			files
			pap
		}
		authenticate {
			Auth-Type PAP {
				pap
			}
		}
	}"

raddb() {
	auth_raddb || return 1
	local r=$T/raddb
	# reply items on lines that begin with white space (not a tab, which
	# <<- would strip)
	printf '%s\n' \
		"$MAC1 Cleartext-Password := \"$MAC1\"" \
		'    Tunnel-Type = VLAN,' \
		'    Tunnel-Medium-Type = IEEE-802,' \
		'    Tunnel-Private-Group-Id = "20",' \
		'    Session-Timeout = 3600,' \
		'    Reply-Message = "hello mab"' \
		'02-00-00-00-00-02 Cleartext-Password := "02-00-00-00-00-02"' \
		'alice Cleartext-Password := "apedge-secret"' \
		'    Tunnel-Type:3 = VLAN,' \
		'    Tunnel-Medium-Type:3 = IEEE-802,' \
		'    Tunnel-Private-Group-Id:3 = "30"' >"$r/users"
	printf '%s\n' "$SECRET" >"$T/secret"
	printf '%s\n' "not-the-secret" >"$T/wrong"
	chmod 600 "$T/secret" "$T/wrong"
}


# rt NAME ARGS...: radtest in the namespace; its JSON in $T/NAME.json.
rt() {
	local n=$1
	shift
	nsx ra "$RT" "$@" >"$T/$n.json" 2>"$T/$n.err"
}
# j NAME FILTER: a field of that run's JSON.
j() {
	jq -r "$2" "$T/$1.json"
}
is() {
	[ "$(j "$1" "$2")" = "$3" ]
}

netns_add ra || exit 1
check "freeradius configuration written" raddb
auth_rad_start ra
check "freeradius starts" test $? -eq 0
srv="127.0.0.1:$RPORT,$T/secret"

# ---- a: MAB accepted with a VLAN ---------------------------------------------
rt a -s "$srv" -m 02:00:00:00:00:01 pap $MAC1 $MAC1
check "a: MAB accepted" is a .result accept
check "a: VLAN 20 from Tunnel-Private-Group-ID" is a .vlan 20
check "a: Session-Timeout 3600" is a .session_timeout 3600
check "a: Reply-Message" is a .reply_message "hello mab"
check "a: counted: one request, one accept, none pending" \
	is a '.servers[0] | "\(.access_requests) \(.access_accepts) \(.pending_requests) \(.bad_authenticators)"' "1 1 0 0"
check "a: freeradius saw the Calling-Station-Id" \
	grep -q "Calling-Station-Id = \"02-00-00-00-00-01\"" "$T/radius.log"

# ---- b: MAB rejected -------------------------------------------------------------
rt b1 -s "$srv" pap 02-00-00-00-00-03 02-00-00-00-00-03
check "b: an unknown MAC rejected" is b1 .result reject
rt b2 -s "$srv" pap 02-00-00-00-00-02 wrong
check "b: a wrong password rejected" is b2 .result reject
check "b: counted as a reject" is b2 '.servers[0].access_rejects' 1

# ---- c: EAP-MD5 --------------------------------------------------------------------
rt c1 -s "$srv" eap-md5 alice apedge-secret
check "c: EAP-MD5 accepted" is c1 .result accept
check "c: through an Access-Challenge" is c1 '.servers[0].access_challenges' 1
check "c: the EAP-Success came in the Accept" is c1 .eap_code 3
check "c: VLAN 30 from a tagged Tunnel-Private-Group-ID" is c1 .vlan 30
rt c2 -s "$srv" eap-md5 alice wrong
check "c: EAP-MD5 with a wrong password rejected" is c2 .result reject
check "c: the EAP-Failure came in the Reject" is c2 .eap_code 4

# ---- d: the wrong shared secret ----------------------------------------------
a0=$(accepts)
rt d -s "127.0.0.1:$RPORT,$T/wrong" -t 300 -r 2 pap $MAC1 $MAC1
check "d: wrong secret: a timeout" is d .result timeout
check "d: sent twice, two timeouts" \
	is d '.servers[0] | "\(.access_requests) \(.retransmissions) \(.timeouts)"' "1 1 2"
check "d: freeradius refused our Message-Authenticator" \
	grep -qi "invalid Message-Authenticator" "$T/radius.log"
check "d: freeradius accepted nothing" test "$(accepts)" -eq "$a0"

# ---- e: failover -------------------------------------------------------------------
rt e -s "127.0.0.1:$DEAD,$T/secret" -s "$srv" -t 300 -r 2 \
	pap $MAC1 $MAC1
check "e: failover: accepted" is e .result accept
check "e: the first server: two sends, two timeouts, dead" \
	is e '.servers[0] | "\(.access_requests) \(.retransmissions) \(.timeouts) \(.dead)"' "1 1 2 true"
check "e: the second server answered" \
	is e '.servers[1] | "\(.access_requests) \(.access_accepts) \(.dead)"' "1 1 false"

# ---- g: a server that does not sign its replies ---------------------------
a0=$(accepts)
rt g -s "127.0.0.1:$NOSIGN,$T/secret" -t 300 -r 2 pap $MAC1 $MAC1
check "g: freeradius sent its unsigned Access-Accept" \
	test "$(accepts)" -gt "$a0"
check "g: refused: a timeout" is g .result timeout
check "g: counted as bad authenticators, no accept" \
	is g '.servers[0] | "\(.bad_authenticators) \(.access_accepts)"' "2 0"

# ---- f: forged replies ------------------------------------------------------------
# The fake server on $FAKE answers each request three times: signed with
# the wrong secret from its own socket; signed with the right one from
# another port and from another address (127.0.0.2:$FAKE).
cat >"$T/fake.py" <<'EOP'
import hashlib, hmac, socket, struct, sys, time
port, secret = int(sys.argv[1]), sys.argv[2].encode()
def reply(req, key):
    attrs = bytes([80, 18]) + b"\0" * 16
    hdr = struct.pack(">BBH", 2, req[1], 20 + len(attrs))
    pkt = bytearray(hdr + req[4:20] + attrs)
    pkt[-16:] = hmac.new(key, bytes(pkt), hashlib.md5).digest()
    pkt[4:20] = hashlib.md5(bytes(pkt[:4]) + req[4:20] + bytes(pkt[20:]) + key).digest()
    return bytes(pkt)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", port))
o1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
o1.bind(("127.0.0.1", 0))
o2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
o2.bind(("127.0.0.2", port))
s.settimeout(10)
n = 0
print("ready", flush=True)
try:
    while True:
        req, peer = s.recvfrom(4096)
        n += 1
        o1.sendto(reply(req, secret), peer)
        o2.sendto(reply(req, secret), peer)
        time.sleep(0.05)
        s.sendto(reply(req, b"guessed-secret"), peer)
        print("answered", n, flush=True)
except socket.timeout:
    pass
EOP
spawn ra "$T/fake.log" "$PY" "$T/fake.py" $FAKE $SECRET
FAKEPID=$LAST_PID
wait_for 5 grep -q ready "$T/fake.log"
rt f -s "127.0.0.1:$FAKE,$T/secret" -t 500 -r 2 pap $MAC1 $MAC1
check "f: the fake server answered both sends" grep -q "answered 2" "$T/fake.log"
check "f: forged replies: nothing accepted, a timeout" is f .result timeout
check "f: the wrong-secret replies counted as bad authenticators" \
	is f '.servers[0].bad_authenticators' 2
check "f: no accept counted" is f '.servers[0].access_accepts' 0
kill "$FAKEPID" 2>/dev/null

auth_rad_stop
exit 0
