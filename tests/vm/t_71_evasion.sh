# SPDX-License-Identifier: GPL-2.0
# RA-Guard evasion (RFC 7113, RFC 6980, RFC 7112) and DHCPv6-Shield
# (RFC 7610) against an untrusted port, with scapy; exact counter values.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (scapy)
. "$(dirname "$0")/lib.sh"

load_module
# The only IPv6 on these links is what scapy sends.
check "bridge ports forwarding" bridge_topology noipv6
apedgectl port add dev va

SRC=02:00:5e:00:53:01
cat >"$T/send.py" <<'EOP'
import sys
from scapy.all import Ether, IPv6, UDP, Raw, sendp
from scapy.layers.inet6 import (ICMPv6ND_RA, IPv6ExtHdrHopByHop,
    IPv6ExtHdrDestOpt, IPv6ExtHdrFragment)
from scapy.layers.dhcp6 import DHCP6_Advertise

eth = Ether(src=sys.argv[1], dst="33:33:00:00:00:01")
ip6 = IPv6(src="fe80::1", dst="ff02::1")
ra = ICMPv6ND_RA()
pkts = []
pkts += [eth / ip6 / ra] * 3                                   # plain
pkts += [eth / ip6 / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / ra] * 2
pkts += [eth / ip6 / IPv6ExtHdrFragment(offset=0, m=0, nh=58) / ra]  # atomic
# A first fragment whose destination options run past its end (RFC 7112).
pkts += [eth / ip6 / IPv6ExtHdrFragment(offset=0, m=1, nh=60, id=7) /
         Raw(b"\x3a\x0a" + b"\x00" * 6)] * 2
# Nine destination-options headers: more than the guard walks.
chain = IPv6ExtHdrDestOpt()
for _ in range(8):
    chain = chain / IPv6ExtHdrDestOpt()
pkts += [eth / ip6 / chain / ra]
# A DHCPv6 ADVERTISE behind a destination-options header.
pkts += [eth / IPv6(src="fe80::1", dst="fe80::2") / IPv6ExtHdrDestOpt() /
         UDP(sport=547, dport=546) / DHCP6_Advertise()] * 2
# Later fragments carry no header to judge: they pass.
pkts += [eth / ip6 / IPv6ExtHdrFragment(offset=8, m=0, nh=58, id=9) /
         Raw(b"\x00" * 16)] * 2
sendp(pkts, iface="vs", verbose=False)
print("sent", len(pkts))
EOP

# What reaches the client, captured in its namespace.  Three frames are
# asked for and two are expected: a third would have to arrive within
# the bounded wait below.
ip netns exec cli tcpdump -i vd -n -e -l -c 3 "ether src $SRC" \
	>"$T/cap.vd" 2>"$T/cap.vd.err" &
cap=$!
wait_for 20 grep -q 'listening on' "$T/cap.vd.err"
out=$(ip netns exec srv /usr/bin/python3 "$T/send.py" "$SRC" 2>&1)
check_eq "scapy sent all 13 frames" "sent 13" "$(echo "$out" | tail -n 1)"
wait_for 5 bash -c "! kill -0 $cap" || kill "$cap"
wait "$cap" 2>/dev/null || true

counter() {
	apedgectl -j stats dev va | grep -o "{\"direction\":\"ingress\",\"class\":\"$1\",\"$2\":\"$3\",\"packets\":[0-9]*}" |
		sed 's/.*"packets":\([0-9]*\)}/\1/' | grep . || echo 0
}
check_eq "RAs dropped: plain, behind extension headers, in an atomic fragment" \
	6 "$(counter nd-ra verdict drop)"
check_eq "DHCPv6 ADVERTISEs dropped behind a header" 2 "$(counter dhcpv6-server verdict drop)"
check_eq "malformed dropped" 3 "$(counter malformed verdict drop)"
check_eq "first fragments without the upper-layer header" 2 "$(counter malformed reason frag-nol4)"
check_eq "header chains past the limit" 1 "$(counter malformed reason exthdr-limit)"
check_eq "nothing passed as a class of ours" "" \
	"$(apedgectl -j stats dev va | grep -o '"direction":"ingress","class":"[a-z0-9-]*","verdict":"pass"')"
check_eq "only the two later fragments reached the client" 2 \
	"$(grep -c '^[0-9]' "$T/cap.vd")"
