# SPDX-License-Identifier: GPL-2.0
# The guard between two stations of one access point.  mac80211 forwards
# a station's frame to another station of the same BSS itself (hostapd's
# default ap_isolate=0): it never passes the ingress hook, only the
# egress hook, which judges it as received (direction "forward").
#
#   ns sa: wlan1 (station A) ))  wlan0 [br0] AP, hostapd, dnsmasq  ((  wlan2 (station B) :ns sb
#
# wlan0 is an untrusted port with the source guard on; A's and B's
# addresses are bound statically.  Captured on B: a rogue Router
# Advertisement, rogue DHCPv4 OFFERs (broadcast and unicast) and
# datagrams from spoofed IPv4 and IPv6 sources that A sends never
# arrive; A's datagrams from its own addresses and its ping do, and so
# do the AP's own DHCP OFFER and Router Advertisement (dnsmasq on br0,
# whose MAC is not wlan0's).  The drops are counted as forwarded.
# vm-timeout: 420
. "$(dirname "$0")/lib.sh"

SSID=apedge-t76
BRMAC=02:00:5e:00:53:99

modprobe bridge
modprobe mac80211_hwsim radios=3
check "three hwsim radios" wait_for 30 test -e /sys/class/net/wlan2
load_module
dmesg_mark
AMAC=$(cat /sys/class/net/wlan1/address)
BMAC=$(cat /sys/class/net/wlan2/address)
echo "# station A $AMAC, station B $BMAC"
for i in 1 2; do
	case $i in 1) ns=sa ;; 2) ns=sb ;; esac
	phy=$(cat "/sys/class/net/wlan$i/phy80211/name")
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	iw phy "$phy" set netns name "$ns"
	# No addresses from router advertisements: only the static ones.
	ip netns exec "$ns" sysctl -qw "net.ipv6.conf.wlan$i.accept_ra=0"
done

ip link add br0 type bridge mcast_snooping 0
ip link set br0 address "$BRMAC"
ip addr add 192.0.2.1/24 dev br0
ip addr add 2001:db8:1::1/64 dev br0 nodad
ip link set br0 up

cat >"$T/hostapd.conf" <<EOC
interface=wlan0
bridge=br0
driver=nl80211
ctrl_interface=$T/hostapd
ssid=$SSID
hw_mode=g
channel=1
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up on wlan0 in br0" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
check "wlan0 is in br0" wait_for 20 test -e /sys/class/net/wlan0/brport
check_eq "ap_isolate is off (hostapd's default)" "" \
	"$(grep -i '^ap_isolate=1' "$T/hostapd.conf")"

apedgectl port add dev wlan0 role untrusted source-guard on
apedgectl binding add ip 192.0.2.10 mac "$AMAC" dev wlan0
apedgectl binding add ip 2001:db8:1::a mac "$AMAC" dev wlan0
apedgectl binding add ip 192.0.2.11 mac "$BMAC" dev wlan0
apedgectl binding add ip 2001:db8:1::b mac "$BMAC" dev wlan0

for i in 1 2; do
	case $i in 1) ns=sa x=a n=10 ;; 2) ns=sb x=b n=11 ;; esac
	cat >"$T/wpas.$ns.conf" <<EOC
ctrl_interface=$T/wpas.$ns
network={
	ssid="$SSID"
	key_mgmt=NONE
	scan_freq=2412
}
EOC
	ip netns exec "$ns" wpa_supplicant -t -Dnl80211 -i"wlan$i" \
		-c "$T/wpas.$ns.conf" >"$T/wpas.$ns.log" 2>&1 &
	ip -n "$ns" addr add "192.0.2.$n/24" dev "wlan$i"
	ip -n "$ns" addr add "2001:db8:1::$x/64" dev "wlan$i" nodad
done
check "station A associated" wait_for 120 grep -q "AP-STA-CONNECTED $AMAC" "$T/hostapd.log"
check "station B associated" wait_for 120 grep -q "AP-STA-CONNECTED $BMAC" "$T/hostapd.log"

# Everything B receives, from here on.
ip netns exec sb tcpdump -i wlan2 -n -U -w "$T/b.pcap" 2>"$T/b.err" &
capb=$!
check "capture on B" wait_for 30 grep -q 'listening on' "$T/b.err"

# The AP's own servers: dnsmasq on br0, DHCPv4 and router advertisements.
dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--interface=br0 --bind-interfaces --port=0 --no-resolv --no-hosts \
	--dhcp-range=192.0.2.100,192.0.2.150,1h --dhcp-authoritative \
	--enable-ra --dhcp-range=2001:db8:1::,ra-only,64 --ra-param=br0,10 \
	--dhcp-leasefile="$T/leases" --pid-file="$T/dnsmasq.pid" --user=root \
	--log-facility="$T/dnsmasq.log" --log-dhcp &
check "dnsmasq is up" wait_for 30 grep -q 'DHCP, IP range' "$T/dnsmasq.log"

# A's legitimate traffic through the real stack: ARP, then ICMP.
check "A pings B (ARP and ICMP between stations)" \
	ip netns exec sa ping -c 3 -i 0.5 -W 5 192.0.2.11

# B asks the AP's DHCP server: its OFFER must reach B.
out=$(ip netns exec sb busybox udhcpc -i wlan2 -n -q -f -t 5 -T 3 -s /bin/true 2>&1) || true
check_match "B gets a lease from the AP's dnsmasq" \
	'lease of 192\.0\.2\.1[0-9][0-9] obtained' "$out"

# A, a hostile station: every frame three times.
cat >"$T/rogue.py" <<'EOP'
import sys
from scapy.all import Ether, IP, IPv6, UDP, Raw, sendp
from scapy.layers.inet6 import ICMPv6ND_RA, ICMPv6NDOptPrefixInfo
from scapy.layers.dhcp import BOOTP, DHCP
iface, amac, bmac = sys.argv[1:4]
bhw = bytes.fromhex(bmac.replace(":", ""))

def offer(dmac, dip, xid):
    return (Ether(src=amac, dst=dmac) /
            IP(src="192.0.2.10", dst=dip) / UDP(sport=67, dport=68) /
            BOOTP(op=2, xid=xid, yiaddr="192.0.2.66", siaddr="192.0.2.10",
                  chaddr=bhw) /
            DHCP(options=[("message-type", "offer"),
                          ("server_id", "192.0.2.10"),
                          ("lease_time", 3600),
                          ("subnet_mask", "255.255.255.0"),
                          ("router", "192.0.2.10"), "end"]))

def udp4(src, dmac, dst, dport, text):
    return (Ether(src=amac, dst=dmac) / IP(src=src, dst=dst) /
            UDP(sport=4444, dport=dport) / Raw(text))

def udp6(src, dport, text):
    return (Ether(src=amac, dst=bmac) /
            IPv6(src=src, dst="2001:db8:1::b") /
            UDP(sport=4444, dport=dport) / Raw(text))

frames = [
    # A rogue router: all nodes, a default route and a prefix.
    Ether(src=amac, dst="33:33:00:00:00:01") /
    IPv6(src="fe80::bad", dst="ff02::1", hlim=255) /
    ICMPv6ND_RA(routerlifetime=1800) /
    ICMPv6NDOptPrefixInfo(prefix="2001:db8:bad::", prefixlen=64),
    # A rogue DHCP server: broadcast, and unicast to B.
    offer("ff:ff:ff:ff:ff:ff", "255.255.255.255", 0x7601),
    offer(bmac, "192.0.2.11", 0x7602),
    # Spoofed sources: unicast and broadcast IPv4, IPv6.
    udp4("192.0.2.77", bmac, "192.0.2.11", 7777, b"spoof4"),
    udp4("192.0.2.77", "ff:ff:ff:ff:ff:ff", "192.0.2.255", 7778,
         b"spoof4b"),
    udp6("2001:db8:1::77", 7776, b"spoof6"),
    # A's own addresses.
    udp4("192.0.2.10", bmac, "192.0.2.11", 7775, b"legit4"),
    udp6("2001:db8:1::a", 7774, b"legit6"),
]
for f in frames:
    sendp([f] * 3, iface=iface, verbose=False)
print("sent", len(frames) * 3, flush=True)
EOP
check_match "A sends its frames" '^sent 24$' \
	"$(ip netns exec sa /usr/bin/python3 "$T/rogue.py" wlan1 "$AMAC" "$BMAC" 2>&1)"

# The AP's own router advertisement, every 10 s at most.
check "B hears the AP's router advertisement" wait_for 60 bash -c \
	"tcpdump -r '$T/b.pcap' -n 'ether src $BRMAC and icmp6 and ip6[40] == 134' 2>/dev/null | grep -q ."
sleep 2
kill -INT "$capb"
wait "$capb" 2>/dev/null || true

# count FILTER: frames B captured that match.
count() {
	tcpdump -r "$T/b.pcap" -n "$1" 2>/dev/null | wc -l
}
check_eq "B: no router advertisement from A" 0 \
	"$(count "ether src $AMAC and icmp6 and ip6[40] == 134")"
check_eq "B: no DHCP OFFER from A (broadcast or unicast)" 0 \
	"$(count "ether src $AMAC and udp src port 67")"
check_eq "B: no datagram from A's spoofed IPv4 source (unicast)" 0 \
	"$(count "udp dst port 7777")"
check_eq "B: no datagram from A's spoofed IPv4 source (broadcast)" 0 \
	"$(count "udp dst port 7778")"
check_eq "B: no datagram from A's spoofed IPv6 source" 0 \
	"$(count "udp dst port 7776")"
check_eq "B: A's IPv4 datagrams from its own address" 3 \
	"$(count "ether src $AMAC and src 192.0.2.10 and udp dst port 7775")"
check_eq "B: A's IPv6 datagrams from its own address" 3 \
	"$(count "ether src $AMAC and src 2001:db8:1::a and udp dst port 7774")"
check "B: A's echo requests" \
	test "$(count "ether src $AMAC and icmp[icmptype] == icmp-echo")" -ge 3
check "B: the AP's DHCP OFFER (from br0's MAC)" \
	test "$(count "ether src $BRMAC and udp src port 67")" -ge 1
check "B: the AP's router advertisement" \
	test "$(count "ether src $BRMAC and icmp6 and ip6[40] == 134")" -ge 1

# Counted as forwarded on wlan0, the drops by class and by source.
st=$(apedgectl -j stats dev wlan0)
echo "# $st"
fwd() {
	echo "$st" | grep -o "{\"direction\":\"forward\",\"class\":\"$1\",\"verdict\":\"$2\",\"packets\":[0-9]*}" |
		grep -o '[0-9]*}$' | tr -d '}'
}
check "stats: forwarded router advertisements dropped" test "$(fwd nd-ra drop)" -ge 3
check "stats: forwarded DHCPv4 OFFERs dropped" test "$(fwd dhcpv4-server drop)" -ge 6
sg() { echo "$st" | grep -o "\"sg_drop_$1\":[0-9]*" | cut -d: -f2; }
check "stats: spoofed IPv4 sources dropped" test "$(sg ipv4)" -ge 6
check "stats: spoofed IPv6 sources dropped" test "$(sg ipv6)" -ge 3
check_match "apedgectl stats shows the forward direction" \
	'wlan0 +forward +nd-ra +drop' "$(apedgectl stats dev wlan0)"
check "no binding for A's rogue OFFER" \
	bash -c "! apedgectl -j binding show | grep -q '192.0.2.66'"
dmesg_clean
