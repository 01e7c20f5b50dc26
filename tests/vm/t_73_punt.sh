# SPDX-License-Identifier: GPL-2.0
# Copy and redirect to the punt group: apedgectl monitor shows the
# packets with the frame's Ethernet addresses, the punt rate holds,
# redirected packets go no further and copied ones do; a DHCPv6 client's
# SOLICIT redirected (what a lightweight relay asks) carries its MAC.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (scapy)
. "$(dirname "$0")/lib.sh"

load_module
check "bridge ports forwarding" bridge_topology noipv6
ip link add vp type veth peer name vq
for d in vp vq; do sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1"; done
ip link set vp up
apedgectl port add dev va
check "policy set dev va nd-ra redirect punt-rate 5" \
	apedgectl policy set dev va nd-ra redirect punt-rate 5
check_match "the port shows its punt rate" '"nd-ra":"redirect".*"punt_rate":5' \
	"$(apedgectl -j port show dev va)"

apedgectl -j monitor >"$T/mon" 2>"$T/mon.err" &
mon=$!
probe() {
	apedgectl port add dev vp && apedgectl port del dev vp &&
		grep -q '"vp"' "$T/mon"
}
check "monitor listening" wait_for 30 probe

SRC=02:00:5e:00:53:02
cat >"$T/ra.py" <<'EOP'
import sys
from scapy.all import Ether, IPv6, sendp
from scapy.layers.inet6 import ICMPv6ND_RA
p = Ether(src=sys.argv[1], dst="33:33:00:00:00:01") / \
    IPv6(src="fe80::1", dst="ff02::1") / ICMPv6ND_RA()
sendp([p] * int(sys.argv[2]), iface="vs", verbose=False)
print("sent", sys.argv[2])
EOP

# client_frames N: start counting what reaches the client from SRC.
client_capture() {
	ip netns exec cli tcpdump -i vd -n -l -c "$1" "ether src $SRC" \
		>"$T/cap" 2>"$T/cap.err" &
	cap=$!
	wait_for 20 grep -q 'listening on' "$T/cap.err"
}
client_frames() {
	wait_for "$1" bash -c "! kill -0 $cap" || kill "$cap"
	wait "$cap" 2>/dev/null
	grep -c '^[0-9]' "$T/cap"
}

stat() { apedgectl -j stats dev va | grep -o "\"$1\":[0-9]*" | grep -o '[0-9]*$'; }

client_capture 1
check_eq "scapy sent 20 RAs" "sent 20" \
	"$(ip netns exec srv /usr/bin/python3 "$T/ra.py" "$SRC" 20 | tail -n 1)"
check "every RA was counted" wait_for 20 bash -c \
	"test \$(( \$(apedgectl -j stats dev va | grep -o '\"punt_sent\":[0-9]*' | grep -o '[0-9]*\$') + \$(apedgectl -j stats dev va | grep -o '\"punt_ratelimited\":[0-9]*' | grep -o '[0-9]*\$') )) -eq 20"
sent=$(stat punt_sent)
check "the rate held some back" test "$(stat punt_ratelimited)" -ge 1
check "every punt in time reached the monitor" wait_for 20 bash -c \
	"test \$(grep -c '\"event\":\"punt\"' $T/mon) -eq $sent"
line=$(grep -m1 '"event":"punt"' "$T/mon")
check_match "a punt: port, direction, class, verdict, length" \
	'^\{"event":"punt","ifindex":[0-9]+,"ifname":"va","direction":"ingress","class":"nd-ra","verdict":"redirect",' "$line"
check_match "a punt: the frame's Ethernet source and destination" \
	'"src_mac":"02:00:5e:00:53:02","dst_mac":"33:33:00:00:00:01","len":56,' "$line"
hex=$(echo "$line" | sed 's/.*"packet":"\([0-9a-f]*\)".*/\1/')
check_eq "the packet: IPv6, then an RA (ICMPv6 134)" "6 86" "${hex:0:1} ${hex:80:2}"
check_eq "redirected RAs did not reach the client" 0 "$(client_frames 5)"
check_eq "nothing was dropped for want of room" 0 "$(stat punt_overflow)"

check "policy set dev va nd-ra copy punt-rate 100" \
	apedgectl policy set dev va nd-ra copy punt-rate 100
before=$(stat punt_sent)
client_capture 3
ip netns exec srv /usr/bin/python3 "$T/ra.py" "$SRC" 3 >/dev/null
check_eq "copied RAs reach the client" 3 "$(client_frames 20)"
check "and the monitor" wait_for 20 bash -c \
	"test \$(grep -c '\"verdict\":\"copy\"' $T/mon) -eq 3"
check_eq "three more punts" $((before + 3)) "$(stat punt_sent)"

# What a lightweight DHCPv6 relay asks of the port (RFC 6221): a client's
# SOLICIT taken off it, with the client's MAC for option 79 (RFC 6939).
cat >"$T/sol.py" <<'EOP'
import sys
from scapy.all import Ether, IPv6, UDP, sendp
from scapy.layers.dhcp6 import DHCP6_Solicit, DHCP6OptClientId, DUID_LL
p = Ether(src=sys.argv[1], dst="33:33:00:01:00:02") / \
    IPv6(src="fe80::5e:2", dst="ff02::1:2") / UDP(sport=546, dport=547) / \
    DHCP6_Solicit(trid=0xabcdef) / \
    DHCP6OptClientId(duid=DUID_LL(lladdr=sys.argv[1]))
sendp(p, iface="vs", verbose=False)
print("sent")
EOP
check "policy set dev va dhcpv6-client redirect" \
	apedgectl policy set dev va dhcpv6-client redirect
client_capture 1
ip netns exec srv /usr/bin/python3 "$T/sol.py" "$SRC" >/dev/null
check "the SOLICIT reached the monitor" wait_for 20 grep -q '"class":"dhcpv6-client"' "$T/mon"
line=$(grep -m1 '"class":"dhcpv6-client"' "$T/mon")
check_match "with the client's MAC and ff02::1:2's" \
	'"verdict":"redirect","src_mac":"02:00:5e:00:53:02","dst_mac":"33:33:00:01:00:02",' "$line"
check_eq "the redirected SOLICIT did not cross the bridge" 0 "$(client_frames 5)"
kill "$mon"
check "rmmod with punts behind it" rmmod apedge
