# SPDX-License-Identifier: GPL-2.0
# apedged's authenticator in port mode on a VLAN-filtering bridge: the
# daemon sets the port's 802.1X mode itself (no "apedgectl port add"),
# puts the port in the VLAN RADIUS or the guest policy names, puts its
# own VLAN back when the port is shut, and opens the port again after
# the module is reloaded under it.  Real peers: wpa_supplicant -Dwired,
# freeradius on the VM's loopback.
#
#   ns cli: vd (192.0.2.2, 198.51.100.2) --- vc in br0 (vlan_filtering)
#     br0.20: 192.0.2.1     (VLAN 20, what RADIUS gives vlanuser)
#     br0.30: 198.51.100.1  (VLAN 30, the guest VLAN)
#
#  a. apedged attached vc in auth-mode port by itself; shut; PVID 1;
#  b. the host sends without a supplicant: MAB rejected (unknown MAC),
#     the guest VLAN: PVID 30, the guest network answers, VLAN 20 not;
#  c. wpa_supplicant (vlanuser): Access-Accept with Tunnel-Private-
#     Group-ID 20: PVID 20, VLAN 30 gone from the port, 192.0.2.1 answers;
#  d. rmmod/insmod while apedged runs: apedged reconnects, sets the mode
#     and re-authorizes the port: it opens again, still in VLAN 20;
#  e. logoff: the port shut, PVID 1 again, VLAN 20 gone from the port;
#  f. apedged stops: the port stays in 802.1X mode, shut (fail closed).
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
ip link add br0 type bridge vlan_filtering 1
ip link add vc type veth peer name vd netns cli
ip link set vc master br0
ip link set vc up
ip link set br0 up
bridge vlan add dev br0 vid 20 self
bridge vlan add dev br0 vid 30 self
ip link add link br0 name br0.20 type vlan id 20
ip link add link br0 name br0.30 type vlan id 30
ip addr add 192.0.2.1/24 dev br0.20
ip addr add 198.51.100.1/24 dev br0.30
ip link set br0.20 up
ip link set br0.30 up
ip -n cli link set lo up
ip netns exec cli sysctl -qw net.ipv6.conf.vd.disable_ipv6=1
ip -n cli addr add 192.0.2.2/24 dev vd
ip -n cli addr add 198.51.100.2/24 dev vd
ip -n cli link set vd up
climac=$(ip -n cli -br link show vd | awk '{print $3}')

check "freeradius configuration written" auth_raddb
printf '%s\n' 'vlanuser Cleartext-Password := "apedge-secret"' \
	'	Tunnel-Type = VLAN,' \
	'	Tunnel-Medium-Type = IEEE-802,' \
	'	Tunnel-Private-Group-Id = "20"' >"$T/raddb/users"
printf '%s\n' "$SECRET" >"$T/secret"
chmod 600 "$T/secret"
freeradius -X -d "$T/raddb" >"$T/radius.log" 2>&1 &
rad=$!
check "freeradius starts" wait_for 60 grep -q "Ready to process requests" \
	"$T/radius.log"

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
ctrl_socket = $T/ctl.sock
[auth vc]
mode = port
mab = yes
mab_delay = 2
guest_vlan = 30
radius_server = 127.0.0.1:$RPORT
radius_secret_file = $T/secret
supp_timeout = 3
quiet_period = 5
EOC
ctl() { apedgectl -s "$T/ctl.sock" "$@"; }
apedged -f -c "$T/apedged.conf" 2>"$T/log" &
apd=$!
check "apedged answers" wait_for 30 ctl daemon ping

# pvid: vc's untagged VLAN on the bridge; has_vlan VID: vc is in it
pvid() {
	bridge -j vlan show dev vc | jq -r '.[] | select(.ifname == "vc") |
		.vlans[] | select(.flags != null and
		(.flags | index("PVID") != null)) | .vlan'
}
pvid_is() { [ "$(pvid)" = "$1" ]; }
has_vlan() {
	bridge -j vlan show dev vc | jq -e --argjson v "$1" \
		'[.[] | select(.ifname == "vc") | .vlans[] |
		  select(.vlan == $v)] | length > 0' >/dev/null
}
sess() {
	ctl -j eapol auth dev vc | jq -r '.[0].sessions[0].'"$1"
}
sess_is() { [ "$(sess "$1")" = "$2" ]; }
kshow() { apedgectl -j auth show dev vc; }
kmode() { kshow | grep -q '"mode":"port"'; }
kauth() { kshow | grep -q '"authorized":true'; }
kunauth() { kshow | grep -q '"authorized":false'; }
ping_ok() { ip netns exec cli ping -c 2 -W 2 -i 0.3 "$1" >/dev/null; }
ping_no() { ! ip netns exec cli ping -c 1 -W 1 "$1" >/dev/null; }

# a. the daemon set the mode
check "a: apedged attached vc in auth-mode port" wait_for 15 kmode
check "a: the port is shut" kunauth
check_eq "a: PVID 1" 1 "$(pvid)"

# b. MAB rejected: the guest VLAN
ip netns exec cli ping -c 1 -W 1 198.51.100.1 >/dev/null 2>&1 || true
check "b: MAB rejected" wait_for 30 sess_is mab_state rejected
check "b: in the guest VLAN" wait_for 10 sess_is authorized_by guest
check "b: PVID 30" wait_for 10 pvid_is 30
check_fail "b: VLAN 1 gone from the port" has_vlan 1
check "b: the module opened the port" wait_for 10 kauth
check "b: the guest network answers" wait_for 10 ping_ok 198.51.100.1
check "b: VLAN 20 does not" ping_no 192.0.2.1

# c. 802.1X with a VLAN from RADIUS
cat >"$T/wpa.conf" <<EOC
ctrl_interface=$T/wpa
ap_scan=0
eapol_version=2
network={
	key_mgmt=IEEE8021X
	eapol_flags=0
	eap=MD5
	identity="vlanuser"
	password="apedge-secret"
}
EOC
ip netns exec cli wpa_supplicant -D wired -i vd -c "$T/wpa.conf" \
	>"$T/wpa.log" 2>&1 &
wpa=$!
check "c: AUTHENTICATED" wait_for 30 sess_is pae_state AUTHENTICATED
check_eq "c: authorized by 802.1X" 802.1x "$(sess authorized_by)"
check_eq "c: the session's VLAN is RADIUS's" 20 "$(sess vlan)"
check "c: PVID 20" wait_for 10 pvid_is 20
check_fail "c: VLAN 30 gone from the port" has_vlan 30
check "c: the module authorized the port" wait_for 10 kauth
check "c: VLAN 20 answers" wait_for 10 ping_ok 192.0.2.1
check "c: the guest VLAN does not" ping_no 198.51.100.1

# d. the module reloaded under apedged
check "d: rmmod apedge" rmmod apedge
check "d: insmod apedge" load_module
check "d: the mode set again" wait_for 20 kmode
check "d: the port authorized again" wait_for 20 kauth
check "d: still PVID 20" pvid_is 20
check "d: VLAN 20 answers again" wait_for 10 ping_ok 192.0.2.1

# e. logoff
check "e: wpa_cli logoff" ip netns exec cli wpa_cli -p "$T/wpa" -i vd logoff
check "e: DISCONNECTED" wait_for 10 sess_is pae_state DISCONNECTED
check "e: the module shut the port" wait_for 10 kunauth
check "e: PVID 1 again" wait_for 10 pvid_is 1
check_fail "e: VLAN 20 gone from the port" has_vlan 20
check "e: VLAN 20 no longer answers" ping_no 192.0.2.1

echo "# eapol auth: $(ctl -j eapol auth dev vc)"
echo "# auth show: $(kshow)"
echo "# bridge vlan: $(bridge -j vlan show dev vc)"
kill "$wpa" 2>/dev/null
wait "$wpa" 2>/dev/null

# f. apedged stops: fail closed
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "f: apedged exits 0" 0 "$rc"
check "f: the port stays in auth-mode port" kmode
check "f: shut" kunauth
kill "$rad" 2>/dev/null
wait "$rad" 2>/dev/null
if grep -E 'Sanitizer|runtime error' "$T/log"; then
	check "no sanitizer report" false
fi
grep -E "auth vc|port vc" "$T/log" | tail -40 | sed 's/^/# /'
apedgectl port del dev vc
dmesg_clean
