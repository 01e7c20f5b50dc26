# SPDX-License-Identifier: GPL-2.0
# apedged's 802.1X authenticator ([auth vc], mode mac, MAB on) driving the
# module's port authorization, with real peers: wpa_supplicant -Dwired as
# a supplicant, a host that runs none (MAB), and freeradius on the VM's
# loopback.
#
#  a. before anything, neither host can ping across the port;
#  b. the supplicant (ns cli, vd) authenticates with EAP-MD5 through
#     freeradius: apedged's session AUTHENTICATED, the module's station
#     authorized, ping passes;
#  c. the host without a supplicant (ns cl2, macvlan mv0): its first
#     frames raise auth-unauth-seen, apedged asks freeradius with its MAC
#     (Call-Check) after mab_delay: accepted, the module authorizes it,
#     ping passes;
#  d. a third host (ns cl3) whose MAC freeradius does not know: MAB
#     rejected, HELD, still shut;
#  e. the supplicant logs off: its station is unauthorized again, ping
#     fails; the MAB host is untouched.
#
#   ns cli: vd  (+ mv0 in cl2, mv1 in cl3) --- vc (root: 192.0.2.1)
#
# vm-timeout: 600
# vm-kernels: one
. "$(dirname "$0")/lib.sh"
. "$top/tests/netns/auth_lib.sh"

SECRET=apedge-radius-secret
RPORT=18120

load_module
dmesg_mark
ip link set lo up
ip netns add cli
ip netns add cl2
ip netns add cl3
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
# no IPv6: a host sends nothing until the test pings from it
ip netns exec cli sysctl -qw net.ipv6.conf.vd.disable_ipv6=1
ip netns exec cl2 sysctl -qw net.ipv6.conf.mv0.disable_ipv6=1
ip netns exec cl3 sysctl -qw net.ipv6.conf.mv1.disable_ipv6=1
ip -n cl2 addr add 192.0.2.3/24 dev mv0
ip -n cl3 addr add 192.0.2.4/24 dev mv1
ip -n cl2 link set mv0 up
ip -n cl3 link set mv1 up
climac=$(ip -n cli -br link show vd | awk '{print $3}')
cl2mac=$(ip -n cl2 -br link show mv0 | awk '{print $3}')
plain=$(echo "$cl2mac" | tr -d ':')

check "freeradius configuration written" auth_raddb
printf '%s\n' 'alice Cleartext-Password := "apedge-secret"' \
	"$plain Cleartext-Password := \"$plain\"" >"$T/raddb/users"
printf '%s\n' "$SECRET" >"$T/secret"
chmod 600 "$T/secret"
freeradius -X -d "$T/raddb" >"$T/radius.log" 2>&1 &
rad=$!
check "freeradius starts" wait_for 20 grep -q "Ready to process requests" \
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

# b. the supplicant
cat >"$T/wpa.conf" <<EOC
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
ip netns exec cli wpa_supplicant -D wired -i vd -c "$T/wpa.conf" \
	>"$T/wpa.log" 2>&1 &
wpa=$!
check "b: AUTHENTICATED" wait_for 30 sess_is "$climac" pae_state AUTHENTICATED
check "b: the module authorized the supplicant" wait_for 10 kauth "$climac"
check "b: cli pings across the port" wait_for 10 ping_ok cli

# c. MAB: cl2's first ping is its first frame (auth-unauth-seen); MAB
# answers mab_delay (2 s) later
check "c: cl2 cannot ping yet" ping_no cl2
check "c: MAB accepted" wait_for 30 sess_is "$cl2mac" mab_state accepted
check "c: authorized by MAB" sess_is "$cl2mac" authorized_by mab
check "c: the module authorized it" wait_for 10 kauth "$cl2mac"
check "c: cl2 pings across the port" wait_for 10 ping_ok cl2

# d. an unknown MAC
cl3mac=$(ip -n cl3 -br link show mv1 | awk '{print $3}')
ip netns exec cl3 ping -c 1 -W 1 192.0.2.1 >/dev/null 2>&1 || true
check "d: MAB rejected" wait_for 30 sess_is "$cl3mac" mab_state rejected
check "d: HELD" sess_is "$cl3mac" pae_state HELD
check "d: cl3 still shut" ping_no cl3
check_fail "d: the module has not authorized it" kauth "$cl3mac"

# e. logoff
check "e: wpa_cli logoff" ip netns exec cli wpa_cli -p "$T/wpa" -i vd logoff
check "e: DISCONNECTED" wait_for 10 sess_is "$climac" pae_state DISCONNECTED
kunauth() { ! kauth "$1"; }
check "e: the module unauthorized it" wait_for 10 kunauth "$climac"
check "e: cli cannot ping any more" wait_for 10 ping_no cli
check "e: cl2 still pings" ping_ok cl2

echo "# eapol auth: $(ctl -j eapol auth dev vc)"
echo "# auth show: $(apedgectl -j auth show dev vc)"
kill "$wpa" 2>/dev/null
wait "$wpa" 2>/dev/null
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
