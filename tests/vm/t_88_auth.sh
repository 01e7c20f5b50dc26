# SPDX-License-Identifier: GPL-2.0
# IEEE 802.1X port authorization in the module (kmod/auth.c), with real
# frames across a bridge:
#  - port mode: before authorization a ping across the port fails and
#    EAPOL (scapy) to the PAE group address reaches a PAE's socket on the
#    port; "auth set ... authorized" opens it, "unauthorized" shuts it;
#  - auth-allow dhcp lets a DHCP DISCOVER through to the server, not ping;
#  - auth-unauth-seen: once for a source that floods (rate-limited), seen
#    with apedgectl monitor, as is auth-changed;
#  - mac mode, two hosts behind the port (cli's vd and a macvlan on it in
#    ns cl2): only the authorized one talks; frames to the other are
#    dropped on their way out of the port;
#  - a local unprivileged user can neither set nor read (EPERM);
#  - counters; detaching the port frees its stations.
#
#   ns cli: vd (+ mv0 in ns cl2) --- vc [br0] va --- vs :ns srv
. "$(dirname "$0")/lib.sh"

genl() { python3 "$top/tests/vm/genl.py" "$@"; }
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

load_module
dmesg_mark
check "bridge ports forwarding" bridge_topology noipv6
ip -n cli addr add 192.0.2.2/24 dev vd
ip -n srv addr add 192.0.2.1/24 dev vs
ip netns add cl2
ip -n cli link add mv0 link vd type macvlan mode bridge
ip -n cli link set mv0 netns cl2
ip netns exec cl2 sysctl -qw net.ipv6.conf.mv0.disable_ipv6=1
ip -n cl2 addr add 192.0.2.3/24 dev mv0
ip -n cl2 link set mv0 up
climac=$(ip -n cli -br link show vd | awk '{print $3}')
cl2mac=$(ip -n cl2 -br link show mv0 | awk '{print $3}')
vcidx=$(cat /sys/class/net/vc/ifindex)

apedgectl monitor >"$T/mon" 2>&1 &
# Attached again until the monitor, which joins in its own time, saw it.
attach_va() {
	apedgectl port del dev va 2>/dev/null
	apedgectl port add dev va role trusted && sleep 0.3 &&
		grep -q 'port-add.* va ' "$T/mon"
}
check "monitor is listening" wait_for 30 attach_va
apedgectl port add dev vc auth-mode port
check_match "port show: auth-mode port" '"auth_mode":"port"' \
	"$(apedgectl -j port show dev vc)"
check_match "info: the auth feature" '"auth"' "$(apedgectl -j info)"

# ctr NAME: a counter of vc's port object (the first of auth show).
ctr() {
	apedgectl -j auth show dev vc | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2
}
ping_ok() { ip netns exec "$1" ping -c 2 -W 2 -i 0.3 "$2" >/dev/null; }
ping_no() { ip netns exec "$1" ping -c 1 -W 1 "$2" >/dev/null; }

scapy_start cli
# A PAE on vc: a socket for EAPOL only gets what the ingress hook passed.
cat >"$T/pae.py" <<'EOP'
import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x888E))
s.bind(("vc", 0))
s.settimeout(30)
print("ready", flush=True)
d = s.recv(2048)
print("eapol from " + ":".join("%02x" % b for b in d[6:12]), flush=True)
EOP
python3 "$T/pae.py" >"$T/pae" 2>&1 &
check "the PAE listens on vc" wait_for 20 grep -q ready "$T/pae"

# Port mode, unauthorized.
check_fail "unauthorized: cli cannot ping srv" ping_no cli 192.0.2.1
check_match "auth show: unauthorized" '"mode":"port","allow":"none","authorized":false' \
	"$(apedgectl -j auth show dev vc)"
EAPOL="Ether(src='$climac',dst='01:80:c2:00:00:03',type=0x888e)/EAPOL(version=2,type=1)"
check_eq "scapy: EAPOL-Start sent" "sent 1" "$(scapy_send cli vd 1 "$EAPOL")"
check "the PAE got the EAPOL-Start" wait_for 10 grep -q "eapol from $climac" "$T/pae"
check_eq "rx-eapol counts it" 1 "$(ctr rx_eapol)"
drop0=$(ctr rx_dropped)
check "the failed ping was dropped and counted" test "${drop0:-0}" -ge 1

# Authorized, then not.
apedgectl auth set dev vc authorized
check "authorized: cli pings srv" wait_for 15 ping_ok cli 192.0.2.1
check_match "auth show: authorized" '"authorized":true' "$(apedgectl -j auth show dev vc)"
check "monitor: auth-changed authorized" \
	wait_for 10 grep -q "auth-changed $vcidx: vc authorized" "$T/mon"
apedgectl auth set dev vc unauthorized
check_fail "unauthorized again: no ping" ping_no cli 192.0.2.1
check "monitor: auth-changed unauthorized" \
	wait_for 10 grep -q "auth-changed $vcidx: vc unauthorized" "$T/mon"
check_match "port mode takes no mac" "no mac" \
	"$(apedgectl auth set dev vc mac "$cl2mac" authorized 2>&1)"

# auth-unauth-seen: a source flooding 30 frames raises one event.
FLOOD="Ether(src='02:00:5e:00:53:77',dst='ff:ff:ff:ff:ff:ff')/IP(src='192.0.2.77',dst='192.0.2.1')/ICMP()"
check_eq "scapy: 30 frames from a new source" "sent 30" "$(scapy_send cli vd 30 "$FLOOD")"
check "monitor: auth-unauth-seen for it" \
	wait_for 10 grep -q "auth-unauth-seen $vcidx: vc mac 02:00:5e:00:53:77" "$T/mon"
sleep 1
check_eq "... once" 1 "$(grep -c 'auth-unauth-seen.*02:00:5e:00:53:77' "$T/mon")"
check "monitor: auth-unauth-seen for cli's first frame" \
	grep -q "auth-unauth-seen $vcidx: vc mac $climac" "$T/mon"

# Guest policy: DHCP client messages pass, ping does not.
apedgectl port set dev vc auth-allow dhcp
check_match "port show: auth-allow dhcp" 'auth-allow dhcp' "$(apedgectl port show dev vc)"
ip netns exec srv timeout 30 tcpdump -i vs -n -c 1 'udp dst port 67' >"$T/dhcp" 2>"$T/dhcp.err" &
check "tcpdump on vs listens" wait_for 20 grep -q 'listening on' "$T/dhcp.err"
DISCOVER="Ether(src='$climac',dst='ff:ff:ff:ff:ff:ff')/IP(src='0.0.0.0',dst='255.255.255.255')/UDP(sport=68,dport=67)/BOOTP(chaddr=mac2str('$climac'),xid=7)/DHCP(options=[('message-type','discover'),'end'])"
check_eq "scapy: DHCP DISCOVER sent" "sent 1" "$(scapy_send cli vd 1 "$DISCOVER")"
check "auth-allow dhcp: the DISCOVER reaches srv" wait_for 10 grep -q 'BOOTP/DHCP' "$T/dhcp"
check_eq "rx-allowed counts it" 1 "$(ctr rx_allowed)"
check_fail "auth-allow dhcp: still no ping" ping_no cli 192.0.2.1
apedgectl port set dev vc auth-allow none

# Mac mode: two hosts behind vc, one authorized.
apedgectl port set dev vc auth-mode mac
apedgectl auth set dev vc mac "$climac" authorized
check "mac mode: the authorized host pings srv" wait_for 15 ping_ok cli 192.0.2.1
check_fail "mac mode: the other host cannot" ping_no cl2 192.0.2.1
check_match "auth show: cli's station" "\"mac\":\"$climac\",\"authorized\":true" \
	"$(apedgectl -j auth show dev vc)"
check_match "mac mode needs a mac to authorize" "mac required" \
	"$(apedgectl auth set dev vc authorized 2>&1)"
# srv knows the other host's MAC: its pings go out to vc as unicast.
ip -n srv neigh replace 192.0.2.3 lladdr "$cl2mac" dev vs nud permanent
tx0=$(ctr tx_dropped)
ip netns exec cl2 timeout 30 tcpdump -i mv0 -n -l 'icmp' >"$T/cl2" 2>"$T/cl2.err" &
check "tcpdump on cl2 listens" wait_for 20 grep -q 'listening on' "$T/cl2.err"
check_fail "srv cannot ping the other host" \
	ip netns exec srv ping -c 5 -i 0.2 -W 1 192.0.2.3
check_eq "none of srv's pings reached the other host" 0 "$(grep -c 'echo request' "$T/cl2")"
check "egress to the unauthorized host: 5 dropped" \
	wait_for 5 bash -c "[ \$(apedgectl -j auth show dev vc | grep -o '\"tx_dropped\":[0-9]*' | head -1 | cut -d: -f2) -eq $((tx0 + 5)) ]"
rxp=$(apedgectl -j auth show dev vc | grep -o '"rx_passed":[0-9]*' | cut -d: -f2)
check "the station's rx-passed counts its frames" test "${rxp:-0}" -ge 2
apedgectl auth set dev vc mac "$climac" unauthorized
check_fail "mac mode: unauthorized, the host cannot ping" ping_no cli 192.0.2.1

# A local unprivileged user: refused both ways.
apedgectl auth set dev vc mac "$cl2mac" authorized
check_eq "nobody cannot auth-set" "error EPERM" \
	"$(nobody python3 "$top/tests/vm/genl.py" do auth-set auth.ifindex=u32:"$vcidx" auth.authorized=u8:1)"
check_eq "nobody cannot dump auth-get" "error EPERM" \
	"$(nobody python3 "$top/tests/vm/genl.py" dump auth-get)"
check_match "nobody: apedgectl auth show" "Operation not permitted" \
	"$(nobody apedgectl auth show 2>&1)"
check_eq "root dumps auth-get (port and station)" "2 messages" "$(genl dump auth-get)"
check_match "a strict policy: no unknown attribute" "^error EINVAL" \
	"$(genl do auth-set auth.ifindex=u32:"$vcidx" auth.authorized=u8:1 auth.rx-dropped=u64:1)"

# Detaching the port frees its station.
apedgectl port del dev vc
check_eq "auth show: nothing left" "[]" "$(apedgectl -j auth show)"
scapy_stop
dmesg_clean
