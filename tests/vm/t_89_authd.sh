# SPDX-License-Identifier: GPL-2.0
# apedged's 802.1X authenticator ([auth vc], mode mac, MAB on) driving the
# module's port authorization, with real peers: wpa_supplicant -Dwired as
# the supplicants, hosts that run none (MAB), and freeradius on the VM's
# loopback (PEAP with MSCHAPv2 inside, EAP-TLS with the certificates of
# tests/netns/eapol_lib.sh's mkcerts, MAB).  Multi-host: five
# hosts behind the one port, each authorized on its own by the module.
#
#  a. before anything, no host can ping across the port;
#  b. the supplicant of ns cli (vd) authenticates with PEAP/MSCHAPv2
#     through freeradius (its inner phase run): apedged's session
#     AUTHENTICATED, the module's station authorized, ping passes;
#  c. a second supplicant (ns cl4, macvlan mv2) with EAP-TLS and a
#     client certificate of the test CA: authorized, ping passes;
#  d. a third supplicant (ns cl5, mv3) with a wrong PEAP password:
#     Access-Reject, HELD, the module has not authorized it and its
#     pings fail while cli and cl4 still pass;
#  e. the host without a supplicant (ns cl2, mv0): its first frames
#     raise auth-unauth-seen, apedged asks freeradius with its MAC
#     (Call-Check) after mab_delay: accepted, the module authorizes it,
#     ping passes;
#  f. a host (ns cl3, mv1) whose MAC freeradius does not know: MAB
#     rejected, HELD, still shut;
#  g. the PEAP supplicant logs off: its station alone is unauthorized
#     again, its ping fails; the EAP-TLS and MAB hosts still pass.
#
#   ns cli: vd  (+ mv0 in cl2 ... mv3 in cl5) --- vc (root: 192.0.2.1)
#
# vm-timeout: 600
# vm-kernels: one
. "$(dirname "$0")/lib.sh"
. "$top/tests/netns/auth_lib.sh"
. "$top/tests/netns/eapol_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120

# freeradius: MSCHAP, EAP-TLS, PEAP (auth_lib.sh)
auth_tunnels

load_module
dmesg_mark
ip link set lo up
ip netns add cli
ip netns add cl2
ip netns add cl3
ip netns add cl4
ip netns add cl5
ip link add vc type veth peer name vd netns cli
ip link set vc up
ip addr add 192.0.2.1/24 dev vc
ip -n cli link set lo up
ip -n cli link set vd up
ip -n cli addr add 192.0.2.2/24 dev vd
# private: the macvlans do not hear each other or vd
ip -n cli link add mv0 link vd type macvlan mode private
ip -n cli link add mv1 link vd type macvlan mode private
ip -n cli link set mv0 netns cl2
ip -n cli link set mv1 netns cl3
ip -n cli link add mv2 link vd type macvlan mode private
ip -n cli link add mv3 link vd type macvlan mode private
ip -n cli link set mv2 netns cl4
ip -n cli link set mv3 netns cl5
# no IPv6: a host sends nothing until the test pings from it
ip netns exec cli sysctl -qw net.ipv6.conf.vd.disable_ipv6=1
ip netns exec cl2 sysctl -qw net.ipv6.conf.mv0.disable_ipv6=1
ip netns exec cl3 sysctl -qw net.ipv6.conf.mv1.disable_ipv6=1
ip netns exec cl4 sysctl -qw net.ipv6.conf.mv2.disable_ipv6=1
ip netns exec cl5 sysctl -qw net.ipv6.conf.mv3.disable_ipv6=1
ip -n cl2 addr add 192.0.2.3/24 dev mv0
ip -n cl3 addr add 192.0.2.4/24 dev mv1
ip -n cl2 link set mv0 up
ip -n cl3 link set mv1 up
ip -n cl4 addr add 192.0.2.5/24 dev mv2
ip -n cl5 addr add 192.0.2.6/24 dev mv3
ip -n cl4 link set mv2 up
ip -n cl5 link set mv3 up
climac=$(ip -n cli -br link show vd | awk '{print $3}')
cl2mac=$(ip -n cl2 -br link show mv0 | awk '{print $3}')
cl4mac=$(ip -n cl4 -br link show mv2 | awk '{print $3}')
cl5mac=$(ip -n cl5 -br link show mv3 | awk '{print $3}')
plain=$(echo "$cl2mac" | tr -d ':')

check "certificates made" mkcerts
check "freeradius configuration written" auth_raddb
printf '%s\n' 'alice Cleartext-Password := "apedge-secret"' \
	"$plain Cleartext-Password := \"$plain\"" >"$T/raddb/users"
printf '%s\n' "$SECRET" >"$T/secret"
chmod 600 "$T/secret"
freeradius -X -d "$T/raddb" >"$T/radius.log" 2>&1 &
rad=$!
check "freeradius starts" wait_for 60 grep -q "Ready to process requests" \
	"$T/radius.log"

check "port vc in auth-mode mac" apedgectl port add dev vc auth-mode mac
cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
ctrl_socket = $T/ctl.sock
[auth vc]
mode = mac
mab = yes
mab_delay = 2
radius_server = 127.0.0.1:$RPORT
radius_secret_file = $T/secret
supp_timeout = 3
quiet_period = 5
EOC
ctl() { apedgectl -s "$T/ctl.sock" "$@"; }
apedged -f -c "$T/apedged.conf" 2>"$T/log" &
apd=$!
check "apedged answers" wait_for 30 ctl daemon ping
check_match "apedged is connected to the module" '"module": *"connected"' \
	"$(ctl -j daemon status)"

# sess MAC FIELD
sess() {
	ctl -j eapol auth dev vc |
		jq -r --arg m "$1" '[.[0].sessions[] | select(.mac == $m)][0].'"$2"
}
sess_is() { [ "$(sess "$1" "$2")" = "$3" ]; }
# kauth MAC: the module's station entry says authorized
kauth() {
	apedgectl -j auth show dev vc | jq -e --arg m "$1" \
		'[.. | objects | select(.mac? == $m and .authorized == true)] | length > 0' \
		>/dev/null
}
ping_ok() { ip netns exec "$1" ping -c 2 -W 2 -i 0.3 192.0.2.1 >/dev/null; }
ping_no() { ! ip netns exec "$1" ping -c 1 -W 1 192.0.2.1 >/dev/null; }

# a. nothing authorized
check "a: cli cannot ping across the port" ping_no cli

# wpa NS IF LINES...: wpa_supplicant -Dwired on IF in NS, identity
# alice, the LINES in its network block; its control socket in $T/wpa.IF
wpa() {
	local ns=$1 ifc=$2
	shift 2
	{
		cat <<-EOC
		ctrl_interface=$T/wpa.$ifc
		ap_scan=0
		eapol_version=2
		network={
			key_mgmt=IEEE8021X
			eapol_flags=0
			identity="alice"
		EOC
		printf '\t%s\n' "$@"
		echo "}"
	} >"$T/wpa.$ifc.conf"
	ip netns exec "$ns" wpa_supplicant -D wired -i "$ifc" \
		-c "$T/wpa.$ifc.conf" >"$T/wpa.$ifc.log" 2>&1 &
	WPA="$WPA $!"
}
WPA=""
peap() {
	printf '%s\n' "eap=PEAP" "password=\"$1\"" 'phase2="auth=MSCHAPV2"' \
		"ca_cert=\"$T/ca.pem\"" 'domain_match="radius.example.org"'
}
inner() { grep -c "eap_mschapv2" "$T/radius.log"; }

# b. PEAP/MSCHAPv2
mapfile -t l < <(peap apedge-secret)
wpa cli vd "${l[@]}"
check "b: PEAP AUTHENTICATED" wait_for 60 sess_is "$climac" pae_state \
	AUTHENTICATED
check "b: authorized by 802.1X" sess_is "$climac" authorized_by 802.1x
check "b: freeradius ran PEAP's inner MSCHAPv2" test "$(inner)" -gt 0
check "b: the module authorized the supplicant" wait_for 10 kauth "$climac"
check "b: cli pings across the port" wait_for 10 ping_ok cli

# c. EAP-TLS, a second supplicant on the same port
wpa cl4 mv2 "eap=TLS" "ca_cert=\"$T/ca.pem\"" \
	'domain_match="radius.example.org"' \
	"client_cert=\"$T/client.pem\"" "private_key=\"$T/client.key\""
check "c: EAP-TLS AUTHENTICATED" wait_for 60 sess_is "$cl4mac" pae_state \
	AUTHENTICATED
check "c: the module authorized it" wait_for 10 kauth "$cl4mac"
check "c: cl4 pings across the port" wait_for 10 ping_ok cl4

# d. a wrong password behind the same port
r0=$(rejects)
mapfile -t l < <(peap wrong-secret)
wpa cl5 mv3 "${l[@]}"
check "d: wrong password: HELD" wait_for 60 sess_is "$cl5mac" pae_state HELD
check "d: freeradius sent an Access-Reject" test "$(rejects)" -gt "$r0"
check_fail "d: the module has not authorized it" kauth "$cl5mac"
check "d: cl5 cannot ping" ping_no cl5
check "d: cli still pings" ping_ok cli
check "d: cl4 still pings" ping_ok cl4

# e. MAB: cl2's first ping is its first frame (auth-unauth-seen); MAB
# answers mab_delay (2 s) later
check "e: cl2 cannot ping yet" ping_no cl2
check "e: MAB accepted" wait_for 30 sess_is "$cl2mac" mab_state accepted
check "e: authorized by MAB" sess_is "$cl2mac" authorized_by mab
check "e: the module authorized it" wait_for 10 kauth "$cl2mac"
check "e: cl2 pings across the port" wait_for 10 ping_ok cl2

# f. an unknown MAC
cl3mac=$(ip -n cl3 -br link show mv1 | awk '{print $3}')
ip netns exec cl3 ping -c 1 -W 1 192.0.2.1 >/dev/null 2>&1 || true
check "f: MAB rejected" wait_for 30 sess_is "$cl3mac" mab_state rejected
check "f: HELD" sess_is "$cl3mac" pae_state HELD
check "f: cl3 still shut" ping_no cl3
check_fail "f: the module has not authorized it" kauth "$cl3mac"

# g. logoff of one supplicant shuts that one only
check "g: wpa_cli logoff" ip netns exec cli wpa_cli -p "$T/wpa.vd" -i vd logoff
check "g: DISCONNECTED" wait_for 10 sess_is "$climac" pae_state DISCONNECTED
kunauth() { ! kauth "$1"; }
check "g: the module unauthorized it" wait_for 10 kunauth "$climac"
check "g: cli cannot ping any more" wait_for 10 ping_no cli
check "g: the EAP-TLS station still authorized" kauth "$cl4mac"
check "g: cl4 still pings" ping_ok cl4
check "g: cl2 still pings" ping_ok cl2
check "g: cl5 still shut" ping_no cl5

echo "# eapol auth: $(ctl -j eapol auth dev vc)"
echo "# auth show: $(apedgectl -j auth show dev vc)"
# shellcheck disable=SC2086
kill $WPA 2>/dev/null
# shellcheck disable=SC2086
wait $WPA 2>/dev/null
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0" 0 "$rc"
kill "$rad" 2>/dev/null
wait "$rad" 2>/dev/null
if grep -E 'Sanitizer|runtime error' "$T/log"; then
	check "no sanitizer report" false
fi
apedgectl port del dev vc
dmesg_clean
