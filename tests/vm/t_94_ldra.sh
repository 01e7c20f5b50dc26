# SPDX-License-Identifier: GPL-2.0
# apedged as a lightweight DHCPv6 relay agent (RFC 6221) on a bridge:
# the module takes the client's messages off its port (dhcpv6-client
# redirect) and the server's RELAY-REPL off the uplink (dhcpv6-relay-repl
# redirect) and punts them with the frame's MACs; apedged wraps and
# unwraps them and sends whole frames out of one port (AF_PACKET).
#
#  a. ISC dhclient -6 behind vc gets an address from kea-dhcp6 behind
#     the uplink va.  kea 2.2 takes a relayed message whose link-address
#     is :: (the LDRA's) as unrelayed for subnet selection: it picks the
#     subnet by its interface ("interface": "vs"), not by Interface-ID
#  b. tcpdump on va: the RELAY-FORW to ff02::1:2, 547 to 547, from the
#     client's link-local address and MAC, link-address ::, Interface-ID
#     "vc" (option 18) and the client's MAC (option 79)
#  c. a rogue host on the other client port vq sends a RELAY-REPL for
#     vc's client: the untrusted port drops it (counted), the client
#     receives nothing
#
#   ns cli: vd --- vc [port, untrusted, ldra]  br0  va [port, trusted,
#   ns rog: vr --- vq [port, untrusted, ldra]        uplink] --- vs :ns srv
#
# vm-timeout: 300
# vm-kernels: 6.12
. "$(dirname "$0")/lib.sh"

for p in dhclient kea-dhcp6 tcpdump jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 1; }
done
load_module
dmesg_mark
modprobe bridge
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
for ns in cli rog srv; do
	ip netns add $ns
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
	ip -n $ns link set lo up
done
climac=02:00:00:00:94:01
rogmac=02:00:00:00:94:02
ip link add br0 type bridge
ip link set br0 up
ip link add vc type veth peer name vd netns cli address $climac
ip link add vq type veth peer name vr netns rog address $rogmac
ip link add va type veth peer name vs netns srv
for d in va vc vq; do ip link set "$d" master br0 up; done
for n in cli:vd rog:vr srv:vs; do ip -n "${n%%:*}" link set "${n#*:}" up; done
wait_for 20 bash -c 'for d in va vc vq; do bridge link show dev $d | grep -q forwarding || exit 1; done'
cll=$(ip -n cli -6 -br addr show dev vd | grep -o 'fe80::[0-9a-f:]*')

cat >"$T/kea.json" <<EOK
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "vs" ] },
  "lease-database": { "type": "memfile", "persist": false },
  "server-id": { "type": "LLT", "persist": false },
  "data-directory": "$T",
  "preferred-lifetime": 600, "valid-lifetime": 1200,
  "subnet6": [
    { "id": 1, "subnet": "2001:db8:94::/64", "interface": "vs",
      "pools": [ { "pool": "2001:db8:94::100 - 2001:db8:94::1ff" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG",
                 "debuglevel": 99,
                 "output_options": [ { "output": "stdout" } ] } ] } }
EOK
ip netns exec srv env KEA_PIDFILE_DIR="$T" KEA_LOCKFILE_DIR=none \
	kea-dhcp6 -c "$T/kea.json" >"$T/kea.log" 2>&1 </dev/null &
kea=$!
check "kea-dhcp6 is up" wait_for 30 grep -q DHCP6_STARTED "$T/kea.log"

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
ctrl_socket = $T/ctl.sock
[port va]
role = trusted
[port vc]
role = untrusted
[port vq]
role = untrusted
[dhcp6 vc]
mode = ldra
uplink = va
[dhcp6 vq]
mode = ldra
uplink = va
EOC
ctl() { timeout 10 apedgectl -s "$T/ctl.sock" "$@"; }
apedged -f -c "$T/apedged.conf" >>"$T/log" 2>&1 </dev/null &
apd=$!
up() {
	wait_for 30 ctl daemon ping && wait_for 30 apedgectl port show dev va &&
		wait_for 30 apedgectl port show dev vc &&
		wait_for 30 apedgectl port show dev vq
}
check "apedged is up, va, vc and vq attached" up
check "vc: dhcpv6-client and dhcpv6-relay-forw redirected" wait_for 10 sh -c \
	"apedgectl -j port show dev vc | grep -q '\"dhcpv6-client\":\"redirect\".*\"dhcpv6-relay-forw\":\"redirect\"'"
check "va: dhcpv6-relay-repl redirected" wait_for 10 sh -c \
	"apedgectl -j port show dev va | grep -q '\"dhcpv6-relay-repl\":\"redirect\"'"

# a, b
capture va "udp dst port 547 and ip6 dst ff02::1:2" 1
ip netns exec cli tcpdump -i vd -n -e -vv -l -c 4 "udp port 546 or udp port 547" \
	>"$T/vd.cap" 2>"$T/vd.err" &
vdpid=$!
wait_for 20 grep -q 'listening on' "$T/vd.err"
D=$T/dhclient
mkdir -p "$D/run" "$D/lib"
DHC="dhclient -6 -d -v -sf /bin/true -cf /dev/null -lf $D/lib/l6 -pf $D/run/pid"
ip netns exec cli unshare -m sh -c "
	mount --bind '$D/run' /run && mount --bind '$D/lib' /var/lib/dhcp &&
	exec $DHC vd" >>"$T/dhclient.log" 2>&1 </dev/null &
dpid=$!
check "a: dhclient -6 gets an address of 2001:db8:94::/64 through the LDRA" \
	wait_for 60 grep -q "iaaddr 2001:db8:94::1" "$D/lib/l6"
capture_wait va
kill "$vdpid" 2>/dev/null || true
wait "$vdpid" 2>/dev/null || true
sed 's/^/# vd: /' "$T/vd.cap" | head -n 30
grep -E "ADVERTISE|NoAddr|STATUS|status|SUBNET|subnet" "$T/kea.log" | head -n 15 | cut -c1-300 | sed 's/^/# kea: /'
tail -n 15 "$T/dhclient.log" | sed 's/^/# dhclient: /'
hex=$(frame_hex va)
echo "# RELAY-FORW frame: $hex"
# Ethernet: to 33:33:00:01:00:02 from the client
check_eq "b: the frame from the client's MAC to 33:33:00:01:00:02" \
	"333300010002 020000009401" "${hex:0:12} ${hex:12:12}"
# UDP at 14+40 bytes: 547 to 547; the RELAY-FORW (12), hop-count 0
check_eq "b: UDP 547 to 547, a RELAY-FORW, hop-count 0" "02230223 0c00" \
	"${hex:108:8} ${hex:124:4}"
check_eq "b: link-address ::" 00000000000000000000000000000000 "${hex:128:32}"
check_match "b: Interface-ID \"vc\" (option 18)" "001200027663" "${hex:192}"
check_match "b: the client's MAC (option 79, type 1)" "004f00080001020000009401" "${hex:192}"
check "a: kea saw link-address :: and the client's peer-address" \
	grep -q "link-address=::, peer-address=$cll" "$T/kea.log"
check "apedged relayed up and down" sh -c \
	"grep -q 'dhcp6 ldra vc: SOLICIT up to va' '$T/log' && grep -q 'dhcp6 ldra va: ADVERTISE down to vc' '$T/log'"
kill "$dpid" 2>/dev/null || true
wait "$dpid" 2>/dev/null || true

# c: a rogue host's RELAY-REPL for vc's client, from the other client port
counter() {
	apedgectl -j stats dev "$1" | grep -o "{\"direction\":\"$2\",\"class\":\"$3\",\"verdict\":\"$4\",\"packets\":[0-9]*}" |
		sed 's/.*"packets":\([0-9]*\)}/\1/' | grep . || echo 0
}
cat >"$T/rogue.py" <<'EOP'
import sys
from scapy.all import Ether, IPv6, UDP, sendp
from scapy.layers.dhcp6 import (DHCP6_RelayReply, DHCP6OptIfaceId,
    DHCP6OptRelayMsg, DHCP6_Advertise)
cll, climac = sys.argv[1], sys.argv[2]
p = Ether(src="02:00:00:00:94:02", dst=climac) / \
    IPv6(src="fe80::bad", dst=cll) / UDP(sport=547, dport=547) / \
    DHCP6_RelayReply(hopcount=0, linkaddr="::", peeraddr=cll) / \
    DHCP6OptIfaceId(ifaceid=b"vc") / \
    DHCP6OptRelayMsg(message=DHCP6_Advertise(trid=0x123456))
sendp([p] * 3, iface="vr", verbose=False)
print("sent")
EOP
d0=$(counter vq ingress dhcpv6-relay-repl drop)
ip netns exec cli tcpdump -i vd -n -l "udp port 546" >"$T/cli.cap" 2>"$T/cli.err" &
tpid=$!
wait_for 20 grep -q 'listening on' "$T/cli.err"
check_eq "c: the rogue sent three RELAY-REPLs" sent \
	"$(ip netns exec rog /usr/bin/python3 "$T/rogue.py" "$cll" "$climac")"
dropped() { [ "$(counter vq ingress dhcpv6-relay-repl drop)" -ge $((d0 + 3)) ]; }
wait_for 10 dropped || true
check_eq "c: the untrusted port dropped them (counted)" $((d0 + 3)) \
	"$(counter vq ingress dhcpv6-relay-repl drop)"
sleep 3
kill "$tpid" 2>/dev/null || true
wait "$tpid" 2>/dev/null || true
check_eq "c: the client received nothing on port 546" 0 "$(grep -c IP6 "$T/cli.cap" || true)"

grep -E "ldra|policy" "$T/log" | tail -n 20 | sed 's/^/# log: /'
kill "$kea" 2>/dev/null || true
wait "$kea" 2>/dev/null || true
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0" 0 "$rc"
dmesg_clean
