# SPDX-License-Identifier: GPL-2.0
# Whom DHCP snooping believes, and the DHCP client checks, with real peers
# and an attacker where a real one would be: dnsmasq behind the trusted
# port va, a client (udhcpc) on the untrusted port vc, and a station
# (scapy) on the untrusted port ve.
#
#  - An ACK forged by the station (its port lets server messages through,
#    as when an admin opened it or a driver forwards between stations)
#    makes no binding; nor does a local user's UDP to port 68.
#  - A forged NAK or RELEASE does not remove the client's binding.
#  - An ACK flooded from the trusted port to vc and ve binds on the port
#    its REQUEST came from.
#  - The source guard's DHCP exemption is refused to a DHCP-looking
#    packet whose chaddr is not its source, or whose ciaddr or source
#    address is not 0; verify-chaddr drops the first kind on a port
#    without the source guard.
#  - Unknown IPv6 next headers, ESP, SNAP-framed IPv4 and in-band tags are
#    malformed on an untrusted port unless it allows opaque frames.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (dnsmasq, scapy)
#                        ve --- vg :ns spy (scapy)
. "$(dirname "$0")/lib.sh"

load_module
dmesg_mark
check "bridge ports forwarding" bridge_topology noipv6
ip netns add spy
ip link add ve type veth peer name vg netns spy
sysctl -qw net.ipv6.conf.ve.disable_ipv6=1
ip netns exec spy sysctl -qw net.ipv6.conf.vg.disable_ipv6=1
ip link set ve master br0 up
ip -n spy link set vg up
check "spy port forwarding" wait_for 20 bash -c 'bridge link show dev ve | grep -q forwarding'
ip -n srv addr add 192.0.2.1/24 dev vs

climac=$(ip -n cli -br link show vd | awk '{print $3}')
spymac=$(ip -n spy -br link show vg | awk '{print $3}')
srvmac=$(ip -n srv -br link show vs | awk '{print $3}')

apedgectl port add dev va role trusted
apedgectl port add dev vc role untrusted source-guard on
apedgectl port add dev ve role untrusted
check_match "port show: the new switches, off" \
	'"verify_chaddr":"off","allow_opaque":"off"' "$(apedgectl -j port show dev ve)"

# st PORT NAME: one of a port's scalar counters.
st() {
	apedgectl -j stats dev "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2
}
# counter PORT CLASS KEY VALUE: one received-packet counter of the guard.
counter() {
	apedgectl -j stats dev "$1" | grep -o "{\"direction\":\"ingress\",\"class\":\"$2\",\"$3\":\"$4\",\"packets\":[0-9]*}" |
		sed 's/.*"packets":\([0-9]*\)}/\1/' | grep . || echo 0
}
bound() { apedgectl -j binding show | grep -q "\"ip\":\"$1\""; }
binding_of() { apedgectl -j binding show ip "$1"; }

# send NS IF COUNT EXPR: send COUNT copies of a scapy frame out of IF.
scapy_start cli srv spy
send() { scapy_send "$@"; }
mac_bytes() { echo "bytes.fromhex('${1//:/}')"; }

# The real client gets its lease and binding on vc.
ip netns exec srv dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--interface=vs --bind-interfaces --port=0 --no-resolv --no-hosts \
	--dhcp-range=192.0.2.100,192.0.2.150,1h --dhcp-authoritative \
	--dhcp-leasefile="$T/leases" --pid-file="$T/dnsmasq.pid" --user=root \
	--log-facility="$T/dnsmasq.log" --log-dhcp &
check "dnsmasq is up" wait_for 30 grep -q 'DHCP, IP range' "$T/dnsmasq.log"
out=$(ip netns exec cli busybox udhcpc -i vd -n -q -f -t 5 -T 2 -s /bin/true 2>&1) || true
ip=$(echo "$out" | sed -n 's/.*lease of \(192\.0\.2\.[0-9]*\) obtained.*/\1/p')
check_match "the client on guarded vc gets a lease (its DISCOVER exempt)" \
	'^192\.0\.2\.1[0-9][0-9]$' "$ip"
check "the ACK from the trusted port made a binding" wait_for 20 bound "$ip"
check_match "binding: the client's MAC on vc" \
	"\"ip\":\"$ip\",\"mac\":\"$climac\",\"ifindex\":[0-9]+,\"ifname\":\"vc\"" "$(binding_of "$ip")"
ip -n cli addr add "$ip/24" dev vd
kill "$(cat "$T/dnsmasq.pid")"

# 1. A forged ACK from the station on ve.  Its port lets server messages
# through; the station even sends the REQUEST the ACK answers.
apedgectl policy set dev ve dhcpv4-server pass dhcpv4-client pass
SPY_REQ="Ether(src='$spymac',dst='ff:ff:ff:ff:ff:ff')/IP(src='0.0.0.0',dst='255.255.255.255')/UDP(sport=68,dport=67)/BOOTP(op=1,xid=0x5151,chaddr=$(mac_bytes "$spymac"))/DHCP(options=[('message-type','request'),('requested_addr','192.0.2.200'),'end'])"
SPY_ACK="Ether(src='$spymac',dst='ff:ff:ff:ff:ff:ff')/IP(src='192.0.2.1',dst='255.255.255.255')/UDP(sport=67,dport=68)/BOOTP(op=2,xid=0x5151,yiaddr='192.0.2.200',chaddr=$(mac_bytes "$spymac"))/DHCP(options=[('message-type','ack'),('lease_time',3600),'end'])"
send spy vg 1 "$SPY_REQ" >/dev/null
check_eq "scapy: the forged ACK sent" "sent 2" "$(send spy vg 2 "$SPY_ACK")"
check "the forged ACK left vc and was refused there" wait_for 10 \
	bash -c "[ \"\$(apedgectl -j stats dev vc | grep -o '\"snoop_untrusted\":[0-9]*' | cut -d: -f2)\" = 2 ]"
sleep 1
check_fail "no binding from the forged ACK" bound 192.0.2.200

# A local unprivileged user's UDP to the client's port 68, shaped as an
# ACK: not from port 67, so not a server's.
ip addr add 192.0.2.254/24 dev br0
cat >"$T/local_ack.py" <<EOP
import socket, struct
m = bytearray(240)
m[0:3] = b"\x02\x01\x06"
m[4:8] = struct.pack("!I", 0x6161)
m[16:20] = socket.inet_aton("192.0.2.201")
m[28:34] = bytes.fromhex("${climac//:/}")
m[236:240] = bytes.fromhex("63825363")
m += bytes([53, 1, 5, 51, 4, 0, 0, 14, 16, 255])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(bytes(m), ("$ip", 68))
EOP
before=$(st vc snoop_ports)
check "a local user sends UDP to the client's port 68" \
	setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 - <"$T/local_ack.py"
check "refused for its ports" wait_for 10 \
	bash -c "[ \"\$(apedgectl -j stats dev vc | grep -o '\"snoop_ports\":[0-9]*' | cut -d: -f2)\" -gt $before ]"
check_fail "no binding from the local user's datagram" bound 192.0.2.201

# 2. A forged NAK and forged RELEASEs for the client's address.
SPY_NAK="Ether(src='$spymac',dst='$climac')/IP(src='192.0.2.1',dst='255.255.255.255')/UDP(sport=67,dport=68)/BOOTP(op=2,xid=0x5252,chaddr=$(mac_bytes "$climac"))/DHCP(options=[('message-type','nak'),'end'])"
send spy vg 1 "$SPY_NAK" >/dev/null
REL_AS="Ether(src='$spymac',dst='$srvmac')/IP(src='$ip',dst='192.0.2.1')/UDP(sport=68,dport=67)/BOOTP(op=1,xid=0x5353,ciaddr='$ip',chaddr=$(mac_bytes "$climac"))/DHCP(options=[('message-type','release'),'end'])"
send spy vg 1 "$REL_AS" >/dev/null
REL_OWN="Ether(src='$spymac',dst='$srvmac')/IP(src='$ip',dst='192.0.2.1')/UDP(sport=68,dport=67)/BOOTP(op=1,xid=0x5454,ciaddr='$ip',chaddr=$(mac_bytes "$spymac"))/DHCP(options=[('message-type','release'),'end'])"
send spy vg 3 "$REL_OWN" >/dev/null
check_eq "the forged NAK: refused (untrusted origin)" 3 "$(st vc snoop_untrusted)"
check_eq "a RELEASE in the client's name from the station: refused" 1 "$(st ve snoop_chaddr)"
check_eq "the station's own RELEASEs of the address: nothing to forget" 3 "$(st ve snoop_unbound)"
sleep 1
check "the client keeps its binding" bound "$ip"
check "and still talks" ip netns exec cli ping -c 1 -W 3 192.0.2.1

# dhcp4 SRC_MAC DST_MAC SRC_IP DST_IP SPORT DPORT OP XID CHADDR CIADDR YIADDR
#       TYPE [LEASE]: a scapy expression of a DHCPv4 frame.
dhcp4() {
	local opts="('message-type','${12}')"
	[ -z "${13:-}" ] || opts+=",('lease_time',${13})"
	echo "Ether(src='$1',dst='$2')/IP(src='$3',dst='$4')/UDP(sport=$5,dport=$6)/BOOTP(op=$7,xid=$8,chaddr=$(mac_bytes "$9"),ciaddr='${10}',yiaddr='${11}')/DHCP(options=[$opts,'end'])"
}
BC=ff:ff:ff:ff:ff:ff
ALL=255.255.255.255

# 3. An ACK flooded from behind the trusted port to ve and vc binds on
# the port its REQUEST came from (here the station's, ve), not on the
# port whose copy is snooped last.
send spy vg 1 "$(dhcp4 "$spymac" $BC 0.0.0.0 $ALL 68 67 1 0x7777 "$spymac" 0.0.0.0 0.0.0.0 request)" >/dev/null
send srv vs 1 "$(dhcp4 "$srvmac" $BC 192.0.2.1 $ALL 67 68 2 0x7777 "$spymac" 0.0.0.0 192.0.2.202 ack 600)" >/dev/null
check "the flooded ACK made a binding" wait_for 20 bound 192.0.2.202
check_match "on the REQUEST's port ve" \
	"\"ip\":\"192.0.2.202\",\"mac\":\"$spymac\",\"ifindex\":[0-9]+,\"ifname\":\"ve\"" \
	"$(binding_of 192.0.2.202)"
# A NAK unbinds what its REQUEST (same xid) asked for, and only that.
send spy vg 1 "$(dhcp4 "$spymac" $BC 192.0.2.202 $ALL 68 67 1 0x7878 "$spymac" 192.0.2.202 0.0.0.0 request)" >/dev/null
send srv vs 1 "$(dhcp4 "$srvmac" $BC 192.0.2.1 $ALL 67 68 2 0x7878 "$spymac" 0.0.0.0 0.0.0.0 nak)" >/dev/null
check "the NAK removed 192.0.2.202" wait_for 10 bash -c "! apedgectl -j binding show | grep -q '\"ip\":\"192.0.2.202\"'"
check "and left the client's binding" bound "$ip"
apedgectl policy set dev ve dhcpv4-server drop

# 4. The source guard's DHCP exemption on vc.
drops() { st vc sg_drop_ipv4; }
d0=$(drops)
send cli vd 1 "$(dhcp4 "$climac" $BC 0.0.0.0 $ALL 68 67 1 0x9999 "$climac" 0.0.0.0 0.0.0.0 discover)" >/dev/null
send cli vd 1 "$(dhcp4 "$climac" 02:00:5e:00:53:01 0.0.0.0 192.0.2.1 68 67 1 0x9999 "$climac" 0.0.0.0 0.0.0.0 discover)" >/dev/null
check_eq "DISCOVERs from 0.0.0.0 to the broadcast and a relay pass" "$d0" "$(drops)"
send cli vd 1 "$(dhcp4 "$climac" $BC 0.0.0.0 $ALL 68 67 1 0x9999 "$spymac" 0.0.0.0 0.0.0.0 discover)" >/dev/null
check_eq "chaddr not the source: dropped" $((d0 + 1)) "$(drops)"
send cli vd 1 "$(dhcp4 "$climac" $BC 0.0.0.0 $ALL 68 67 1 0x9999 "$climac" 192.0.2.50 0.0.0.0 request)" >/dev/null
check_eq "ciaddr set: dropped" $((d0 + 2)) "$(drops)"
send cli vd 1 "$(dhcp4 "$climac" $BC 192.0.2.51 $ALL 68 67 1 0x9999 "$climac" 0.0.0.0 0.0.0.0 request)" >/dev/null
check_eq "an unbound source: dropped" $((d0 + 3)) "$(drops)"
send cli vd 1 "$(dhcp4 "$climac" $BC 0.0.0.0 $ALL 68 1067 1 0x9999 "$climac" 0.0.0.0 0.0.0.0 discover)" >/dev/null
check_eq "from 0.0.0.0 and port 68, not to a server: dropped" $((d0 + 4)) "$(drops)"

# verify-chaddr on ve, which has no source guard.
SPY_AS_CLI=$(dhcp4 "$spymac" $BC 0.0.0.0 $ALL 68 67 1 0x9a9a "$climac" 0.0.0.0 0.0.0.0 discover)
send spy vg 1 "$SPY_AS_CLI" >/dev/null
check_eq "verify-chaddr off: nothing dropped" 0 "$(st ve dhcp_chaddr_drop)"
check "port set dev ve verify-chaddr on" apedgectl port set dev ve verify-chaddr on
check_match "port show: verify-chaddr on" '"verify_chaddr":"on"' "$(apedgectl -j port show dev ve)"
send spy vg 2 "$SPY_AS_CLI" >/dev/null
send spy vg 1 "$(dhcp4 "$spymac" $BC 0.0.0.0 $ALL 68 67 1 0x9b9b "$spymac" 0.0.0.0 0.0.0.0 discover)" >/dev/null
check_eq "verify-chaddr on: the two in another's name dropped" 2 "$(st ve dhcp_chaddr_drop)"

# 5. Frames the guard cannot see into, on ve.
E6="Ether(src='$spymac',dst='$srvmac')/IPv6(src='fe80::99',dst='fe80::1'"
send spy vg 2 "$E6,nh=253)/Raw(b'x'*8)" >/dev/null
send spy vg 1 "$E6,nh=50)/Raw(b'x'*16)" >/dev/null
send spy vg 1 "Dot3(src='$spymac',dst='$srvmac')/LLC(dsap=0xaa,ssap=0xaa,ctrl=3)/SNAP(OUI=0,code=0x0800)/IP(src='192.0.2.9',dst='192.0.2.1')/UDP(sport=67,dport=68)" >/dev/null
send spy vg 1 "Ether(src='$spymac',dst='$srvmac')/Dot1Q(vlan=5)/Dot1Q(vlan=6)/IP(src='192.0.2.9',dst='192.0.2.1')/UDP()" >/dev/null
check_eq "unknown next headers: malformed" 2 "$(counter ve malformed reason nexthdr)"
check_eq "ESP: malformed" 1 "$(counter ve malformed reason esp)"
check_eq "SNAP-framed IPv4: malformed" 1 "$(counter ve malformed reason snap)"
check_eq "an in-band tag behind the outer one: malformed" 1 "$(counter ve malformed reason vlan-tag)"
check_eq "all four kinds dropped" 5 "$(counter ve malformed verdict drop)"
check "port set dev ve allow-opaque on" apedgectl port set dev ve allow-opaque on
send spy vg 2 "$E6,nh=253)/Raw(b'x'*8)" >/dev/null
send spy vg 1 "$E6,nh=50)/Raw(b'x'*16)" >/dev/null
check_eq "allowed: not malformed any more" 5 "$(counter ve malformed verdict drop)"

check "snoop and guard counters in the text stats" \
	bash -c 'apedgectl stats | grep -q "SN-UNTRUST"'
check "kernel log clean" dmesg_clean
