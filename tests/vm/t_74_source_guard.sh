# SPDX-License-Identifier: GPL-2.0
# DHCP snooping and the source guard with real peers: a client (udhcpc)
# on an untrusted port with the source guard on gets a lease from dnsmasq
# behind a trusted port, the binding shows with its MAC, port and lease,
# and the client talks; a spoofing station (scapy) on another guarded
# port is dropped, with exact counts by kind.  A DHCPv6 REPLY (scapy, as
# a server behind the trusted port would send it) binds its address.
# Static bindings, their expiry, the table's limit and port removal.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (dnsmasq)
#                        ve --- vg :ns spy
. "$(dirname "$0")/lib.sh"

load_module
dmesg_mark
# The only IPv6 on these links is what scapy sends.
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
apedgectl port add dev ve source-guard on
check_match "port show: vc has the source guard" '"source_guard":"on"' \
	"$(apedgectl -j port show dev vc)"
check_match "port show: va has not" '"source_guard":"off"' \
	"$(apedgectl -j port show dev va)"
check_match "info: the bindings and source-guard features" \
	'"bindings","source-guard"' "$(apedgectl -j info)"

# sg PORT KIND: the source guard's drops of one kind on a port.
sg() {
	apedgectl -j stats dev "$1" | grep -o "\"sg_drop_$2\":[0-9]*" | cut -d: -f2
}

# send NS IF COUNT EXPR: send COUNT copies of a scapy frame out of IF.
scapy_start cli srv spy
send() { scapy_send "$@"; }

# DHCPv4: a real client and server.
ip netns exec srv dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--interface=vs --bind-interfaces --port=0 --no-resolv --no-hosts \
	--dhcp-range=192.0.2.100,192.0.2.150,1h --dhcp-authoritative \
	--dhcp-leasefile="$T/leases" --pid-file="$T/dnsmasq.pid" --user=root \
	--log-facility="$T/dnsmasq.log" --log-dhcp &
check "dnsmasq is up" wait_for 30 grep -q 'DHCP, IP range' "$T/dnsmasq.log"

out=$(ip netns exec cli busybox udhcpc -i vd -n -q -f -t 5 -T 2 -s /bin/true 2>&1) || true
ip=$(echo "$out" | sed -n 's/.*lease of \(192\.0\.2\.[0-9]*\) obtained.*/\1/p')
check_match "the client on guarded vc gets a lease" '^192\.0\.2\.1[0-9][0-9]$' "$ip"
ip -n cli addr add "$ip/24" dev vd

bound() { apedgectl -j binding show | grep -q "\"ip\":\"$1\""; }
check "the ACK leaving vc made a binding" wait_for 20 bound "$ip"
b=$(apedgectl -j binding show dev vc)
check_match "binding: the client's MAC, port vc, snooped" \
	"\"ip\":\"$ip\",\"mac\":\"$climac\",\"ifindex\":[0-9]+,\"ifname\":\"vc\",\"lifetime\":[0-9]+,\"origin\":\"snooped\"" "$b"
life=$(echo "$b" | grep -o '"lifetime":[0-9]*' | cut -d: -f2)
check "binding: the lease's lifetime (1h)" test "${life:-0}" -gt 3500 -a "${life:-0}" -le 3600
check_eq "no binding on the server's port" "[]" "$(apedgectl -j binding show dev va)"
check_match "binding limit shows the count" '"count":1' "$(apedgectl -j binding limit)"

check "the bound client pings the server" ip netns exec cli ping -c 2 -W 3 192.0.2.1
check_eq "nothing of the client's dropped" "0 0 0 0" \
	"$(sg vc ipv4) $(sg vc ipv6) $(sg vc arp) $(sg vc nd)"

# The spy: the client's address from another station and port.
ICMP4="Ether(src='$spymac',dst='$srvmac')/IP(src='$ip',dst='192.0.2.1')/ICMP()"
check_eq "scapy: spoofed IPv4 sent" "sent 3" "$(send spy vg 3 "$ICMP4")"
check_eq "spoofed IPv4 from the spy: 3 dropped" 3 "$(sg ve ipv4)"
ARP4="Ether(src='$spymac',dst='ff:ff:ff:ff:ff:ff')/ARP(op=2,hwsrc='$spymac',psrc='$ip',pdst='192.0.2.1')"
send spy vg 2 "$ARP4" >/dev/null
check_eq "forged ARP claims of the client's address: 2 dropped" 2 "$(sg ve arp)"
PROBE="Ether(src='$spymac',dst='ff:ff:ff:ff:ff:ff')/ARP(op=1,hwsrc='$spymac',psrc='0.0.0.0',pdst='$ip')"
send spy vg 2 "$PROBE" >/dev/null
check_eq "ARP probes pass" 2 "$(sg ve arp)"
# On the client's own port: another address, and the client's address
# from another MAC.
send cli vd 1 "Ether(src='$climac',dst='$srvmac')/IP(src='192.0.2.77',dst='192.0.2.1')/ICMP()" >/dev/null
send cli vd 1 "Ether(src='02:00:5e:00:53:99',dst='$srvmac')/IP(src='$ip',dst='192.0.2.1')/ICMP()" >/dev/null
check_eq "vc: an unbound address and a foreign MAC: 2 dropped" 2 "$(sg vc ipv4)"
ARPMAC="Ether(src='$climac',dst='ff:ff:ff:ff:ff:ff')/ARP(op=2,hwsrc='02:00:5e:00:53:99',psrc='$ip',pdst='192.0.2.1')"
send cli vd 1 "$ARPMAC" >/dev/null
check_eq "vc: ARP whose sender MAC is not the frame's: dropped" 1 "$(sg vc arp)"
check "the client still pings" ip netns exec cli ping -c 1 -W 3 192.0.2.1

# DHCPv6: a REPLY from behind the trusted port, to the client.
REPLY6="Ether(src='$srvmac',dst='$climac')/IPv6(src='fe80::1',dst='fe80::2')/UDP(sport=547,dport=546)/DHCP6_Reply(trid=7)/DHCP6OptIA_NA(iaid=1,ianaopts=[DHCP6OptIAAddress(addr='2001:db8:1::50',preflft=100,validlft=200)])"
send srv vs 1 "$REPLY6" >/dev/null
check "the REPLY leaving vc made an IPv6 binding" wait_for 20 bound 2001:db8:1::50
check_match "IPv6 binding: client MAC, vc, valid lifetime" \
	"\"ip\":\"2001:db8:1::50\",\"mac\":\"$climac\",\"ifindex\":[0-9]+,\"ifname\":\"vc\",\"lifetime\":(19[0-9]|200),\"origin\":\"snooped\"" \
	"$(apedgectl -j binding show ip 2001:db8:1::50)"
ECHO6="IPv6(src='2001:db8:1::50',dst='2001:db8:1::1')/ICMPv6EchoRequest()"
send cli vd 2 "Ether(src='$climac',dst='$srvmac')/$ECHO6" >/dev/null
check_eq "the bound IPv6 source passes" 0 "$(sg vc ipv6)"
send spy vg 3 "Ether(src='$spymac',dst='$srvmac')/$ECHO6" >/dev/null
check_eq "the same source from the spy: 3 dropped" 3 "$(sg ve ipv6)"
send spy vg 2 "Ether(src='$spymac',dst='$srvmac')/IPv6(src='fe80::99',dst='fe80::1')/ICMPv6EchoRequest()" >/dev/null
check_eq "link-local sources pass" 3 "$(sg ve ipv6)"
NA6="Ether(src='$spymac',dst='33:33:00:00:00:01')/IPv6(src='fe80::99',dst='ff02::1')/ICMPv6ND_NA(tgt='2001:db8:1::50',R=0,S=0,O=1)"
send spy vg 1 "$NA6" >/dev/null
check_eq "an NA claiming the client's address: dropped (nd)" 1 "$(sg ve nd)"
NA6C="Ether(src='$climac',dst='33:33:00:00:00:01')/IPv6(src='fe80::2',dst='ff02::1')/ICMPv6ND_NA(tgt='2001:db8:1::50',R=0,S=0,O=1)"
send cli vd 1 "$NA6C" >/dev/null
check_eq "the client's own NA passes" 0 "$(sg vc nd)"
# A REPLY with a zero valid lifetime ends the binding.
send srv vs 1 "${REPLY6/validlft=200/validlft=0}" >/dev/null
check "a zero lifetime removed the IPv6 binding" wait_for 20 bash -c "! apedgectl -j binding show | grep -q 2001:db8:1::50"

# Static bindings.
check_fail "binding add needs CAP_NET_ADMIN" setpriv --reuid=65534 \
	--regid=65534 --clear-groups apedgectl binding add ip 192.0.2.77 mac "$spymac" dev ve
check "binding add (static) for the spy" \
	apedgectl binding add ip 192.0.2.77 mac "$spymac" dev ve
check_match "static: permanent" "\"ip\":\"192.0.2.77\",\"mac\":\"$spymac\",\"ifindex\":[0-9]+,\"ifname\":\"ve\",\"origin\":\"static\"" \
	"$(apedgectl -j binding show dev ve)"
send spy vg 2 "Ether(src='$spymac',dst='$srvmac')/IP(src='192.0.2.77',dst='192.0.2.1')/ICMP()" >/dev/null
check_eq "its statically bound source passes" 3 "$(sg ve ipv4)"
check "binding del" apedgectl binding del ip 192.0.2.77
check_fail "binding del again: no such binding" apedgectl binding del ip 192.0.2.77
send spy vg 2 "Ether(src='$spymac',dst='$srvmac')/IP(src='192.0.2.77',dst='192.0.2.1')/ICMP()" >/dev/null
check_eq "deleted: dropped again" 5 "$(sg ve ipv4)"
check_fail "binding add on a device that is no port" \
	apedgectl binding add ip 192.0.2.80 mac "$spymac" dev br0
check_fail "binding add of a multicast MAC" \
	apedgectl binding add ip 192.0.2.80 mac 01:00:5e:00:00:01 dev ve

# Expiry: a 2 s binding goes by itself.
apedgectl binding add ip 192.0.2.78 mac "$spymac" dev ve lifetime 2
check "a 2 s binding is there" bound 192.0.2.78
check "and expires" wait_for 30 bash -c "! apedgectl -j binding show | grep -q 192.0.2.78"

# The limit: below the count, nothing goes, nothing new comes.
apedgectl binding limit 1
out=$(apedgectl binding add ip 192.0.2.79 mac "$spymac" dev ve 2>&1) && rc=0 || rc=$?
check_match "over the limit: refused" 'binding table is full' "$out"
check_match "the limit shows" '"limit":1,"count":[1-9]' "$(apedgectl -j binding limit)"
check "the bindings stay" bound "$ip"
check_fail "binding limit 0 is refused" apedgectl binding limit 0
check_fail "binding limit over the cap is refused" apedgectl binding limit 1048577
apedgectl binding limit 65536
check "under it again: added" apedgectl binding add ip 192.0.2.79 mac "$spymac" dev ve

# Batch: many bindings over one socket.
for i in $(seq 1 200); do
	echo "binding add ip 10.9.$((i / 256)).$((i % 256)) mac $spymac dev ve"
done >"$T/batch"
check "apedgectl -b: 200 bindings" apedgectl -b "$T/batch"
check_eq "all 200 (and one more) on ve" 201 "$(apedgectl binding show dev ve | wc -l)"
echo "binding frob" >>"$T/batch"
out=$(apedgectl -b "$T/batch" 2>&1) && rc=0 || rc=$?
check_match "a bad batch line: its number" 'batch:201: binding: unknown' "$out"

# Source guard off: the spy's frames pass, and nothing is counted.
apedgectl port set dev ve source-guard off
send spy vg 2 "$ICMP4" >/dev/null
check_eq "source guard off on ve: nothing more dropped" 5 "$(sg ve ipv4)"

# Detaching a port takes its bindings with it.
apedgectl port del dev ve
check_eq "ve's bindings are gone" "" "$(apedgectl binding show | grep ' dev ve ')"
check "vc's binding stays" bound "$ip"

# A DHCPRELEASE from the client ends its binding (busybox udhcpc -R
# does not send one when it quits, so scapy does, as a client would);
# one naming another MAC in chaddr does not.
chaddr="bytes.fromhex('$(echo "$climac" | tr -d :)') + bytes(10)"
RELEASE="Ether(src='$climac',dst='$srvmac')/IP(src='$ip',dst='192.0.2.1')/UDP(sport=68,dport=67)/BOOTP(op=1,ciaddr='$ip',chaddr=CHADDR)/DHCP(options=[('message-type','release'),('server_id','192.0.2.1'),'end'])"
other="bytes.fromhex('020000005301') + bytes(10)"
send cli vd 1 "${RELEASE/CHADDR/$other}" >/dev/null
# The snoop queue is in order: once a later REPLY's binding shows, the
# RELEASE before it has been applied.
send srv vs 1 "${REPLY6/2001:db8:1::50/2001:db8:1::60}" >/dev/null
check "a later REPLY is learnt" wait_for 20 bound 2001:db8:1::60
check "a RELEASE for another MAC left the binding" bound "$ip"
send cli vd 1 "${RELEASE/CHADDR/$chaddr}" >/dev/null
released() { ! apedgectl -j binding show | grep -q "\"$ip\""; }
check "the client's RELEASE removed its binding" wait_for 20 released
check_match "snooped counts the messages" '"snooped":[1-9]' "$(apedgectl -j binding limit)"

kill %1 2>/dev/null
dmesg_clean
