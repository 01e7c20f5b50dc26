#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RADIUS accounting (RFC 2866) of apedged's 802.1X authenticator, against
# freeradius's accounting server, which writes what it gets into its
# detail file ($T/radlog/detail):
#
#   cl: va --- vb :au  apedged --auth 18120, acct 18121--> freeradius
#
#   a  EAP-MD5 accepted (with a Class): an Accounting-Request Start with
#      Acct-Session-Id, User-Name, Calling-Station-Id, NAS-Port-Id and the
#      Class; freeradius answered (the response's authenticator checked:
#      counted as a response, none bad)
#   b  acct_interim_interval = 2: Interim-Updates of the same session
#   c  the supplicant's EAPOL-Logoff: a Stop, User-Request, with the
#      session's Id and its Acct-Session-Time
#   d  the port goes down: a Stop, Lost-Carrier
#   e  the accounting server silent: the request retransmitted (same
#      packet), counted as timeouts, the authentication unaffected
# The attacker on this path is a host that can reach apedged's
# accounting socket: the unit tests (apedged_eapol_radacct) forge its
# responses; here only freeradius answers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/eapol_lib.sh"
. "$(dirname "$0")/auth_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120
APORT=18121
AUD=""

# shellcheck disable=SC2034 # read by auth_raddb
AUTH_LISTEN="listen {
		type = acct
		ipaddr = 127.0.0.1
		port = $APORT
		virtual_server = acct
	}"
# shellcheck disable=SC2034
AUTH_MODULES="detail {
			filename = $T/radlog/detail
			permissions = 0600
			header = \"%t\"
			locking = no
		}"
# shellcheck disable=SC2034
AUTH_SERVERS="server acct {
		accounting {
			detail
		}
	}"

raddb() {
	auth_raddb || return 1
	printf '%s\n' \
		'alice Cleartext-Password := "apedge-secret"' \
		'    Class := "apedge-class-1"' >"$T/raddb/users"
	printf '%s\n' "$SECRET" >"$T/secret"
	chmod 600 "$T/secret"
}

# au_start ACCT [LINES...]: apedged's authenticator on vb with its
# accounting server at ACCT.
au_start() {
	local acct=$1
	shift
	{
		cat <<-EOC
		[general]
		log_level = debug
		[auth vb]
		mode = port
		radius_server = 127.0.0.1:$RPORT
		radius_secret_file = $T/secret
		radius_acct_server = $acct
		nas_identifier = apedge-test
		EOC
		printf '%s\n' "$@"
	} >"$T/au.conf"
	[ -f "$T/au.log" ] && cat "$T/au.log" >>"$T/au.old.log"
	spawn au "$T/au.log" "$BIN/apedged" -f -c "$T/au.conf" -s "$T/au.sock"
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
sess() {
	actl -j eapol auth dev vb | jq -r ".[0].sessions[0].$1"
}
sess_is() { [ "$(sess "$1")" = "$2" ]; }
acct() {
	actl -j eapol auth dev vb | jq -r ".[0].radius_accounting[0].$1"
}
acct_ge() { [ "$(acct "$1")" -ge "$2" ]; }

sup_start() {
	cat >"$T/wpa.conf" <<-EOC
	ctrl_interface=$T/wpa
	ap_scan=0
	eapol_version=2
	network={
		key_mgmt=IEEE8021X
		eapol_flags=0
		eap=MD5
		identity="alice"
		password="apedge-secret"
	}
	EOC
	spawn cl "$T/wpa.log" wpa_supplicant -D wired -i va -c "$T/wpa.conf"
	SUP=$LAST_PID
	wait_for 10 nsx cl wpa_cli -p "$T/wpa" -i va ping
}
sup_stop() {
	[ -n "${SUP:-}" ] || return 0
	kill "$SUP" 2>/dev/null
	wait "$SUP" 2>/dev/null
	SUP=""
}

# records TYPE: the detail file's records of that Acct-Status-Type, one a
# line (attributes joined by "|").
records() {
	[ -f "$T/radlog/detail" ] || return 0
	awk -v t="$1" '
		/^[A-Z][a-z][a-z] / { if (r != "" && r ~ "Acct-Status-Type = " t "\\|") print r; r = ""; next }
		/^$/ { if (r != "" && r ~ "Acct-Status-Type = " t "\\|") print r; r = ""; next }
		{ sub(/^[ \t]+/, ""); r = r $0 "|" }
		END { if (r != "" && r ~ "Acct-Status-Type = " t "\\|") print r }
	' "$T/radlog/detail"
}
n_records() { records "$1" | wc -l; }
n_records_ge() { [ "$(n_records "$1")" -ge "$2" ]; }
# field TYPE N ATTR: ATTR's value in the Nth record of TYPE
field() {
	records "$1" | sed -n "${2}p" | tr '|' '\n' |
		sed -n "s/^$3 = //p" | head -n1 | tr -d '"'
}

ea_topology || exit 1
check "freeradius configuration written" raddb
auth_rad_start au
check "freeradius starts (auth and acct)" test $? -eq 0

# ---- a, b, c: Start, Interim-Update, Stop on logoff --------------------------
au_start "127.0.0.1:$APORT" "acct_interim_interval = 2"
check "a: apedged starts with radius_acct_server" test $? -eq 0
sup_start
check "a: authorized" wait_for 20 sess_is authorized true
check "a: a Start in freeradius's detail file" wait_for 5 n_records_ge Start 1
sid=$(field Start 1 Acct-Session-Id)
check "a: an Acct-Session-Id" test -n "$sid"
check "a: User-Name alice" test "$(field Start 1 User-Name)" = alice
check "a: Calling-Station-Id" test "$(field Start 1 Calling-Station-Id)" = \
	"$(echo "$MAC" | tr a-f: A-F-)"
check "a: NAS-Port-Id vb" test "$(field Start 1 NAS-Port-Id)" = vb
check "a: NAS-Identifier" test "$(field Start 1 NAS-Identifier)" = apedge-test
check "a: the Access-Accept's Class returned" \
	test "$(field Start 1 Class)" = "0x$(printf apedge-class-1 | od -An -tx1 | tr -d ' \n')"
check "a: the response counted" wait_for 5 acct_ge responses 1
check "a: no bad authenticator" test "$(acct bad_authenticators)" -eq 0
check "a: requests counted" acct_ge requests 1

check "b: Interim-Updates" wait_for 8 n_records_ge Interim-Update 2
check "b: of the same session" \
	test "$(field Interim-Update 1 Acct-Session-Id)" = "$sid"
check "b: with an Acct-Session-Time" \
	test -n "$(field Interim-Update 2 Acct-Session-Time)"

check "c: wpa_cli logoff" nsx cl wpa_cli -p "$T/wpa" -i va logoff
check "c: unauthorized" wait_for 10 sess_is authorized false
check "c: a Stop" wait_for 5 n_records_ge Stop 1
check "c: of the same session" test "$(field Stop 1 Acct-Session-Id)" = "$sid"
check "c: User-Request" \
	test "$(field Stop 1 Acct-Terminate-Cause)" = User-Request
check "c: an Acct-Session-Time of at least 4 s" \
	test "$(field Stop 1 Acct-Session-Time)" -ge 4
n_int=$(n_records Interim-Update)
sleep 3
check "c: no Interim-Update after the Stop" \
	test "$(n_records Interim-Update)" -eq "$n_int"
sup_stop
au_stop c

# ---- d: link down: Lost-Carrier ------------------------------------------------
au_start "127.0.0.1:$APORT"
sup_start
check "d: authorized" wait_for 20 sess_is authorized true
check "d: a second Start" wait_for 5 n_records_ge Start 2
sid2=$(field Start 2 Acct-Session-Id)
check "d: a new Acct-Session-Id" test -n "$sid2" -a "$sid2" != "$sid"
ip -n "$NS-au" link set vb down
check "d: a Stop" wait_for 5 n_records_ge Stop 2
check "d: Lost-Carrier" \
	test "$(field Stop 2 Acct-Terminate-Cause)" = Lost-Carrier
check "d: of that session" test "$(field Stop 2 Acct-Session-Id)" = "$sid2"
ip -n "$NS-au" link set vb up
sup_stop
au_stop d

# ---- e: the accounting server silent --------------------------------------------
# an accounting port nobody listens on: authentication goes on
au_start 127.0.0.1:18129
sup_start
check "e: authorized without accounting" wait_for 20 sess_is authorized true
check "e: the Start retransmitted" wait_for 10 acct_ge retransmissions 1
check "e: timeouts counted" acct_ge timeouts 1
check "e: no response" test "$(acct responses)" -eq 0
sup_stop
au_stop e

auth_rad_stop
exit 0
