# SPDX-License-Identifier: GPL-2.0
# DHCPv6-Shield (RFC 7610) with real peers: a rogue DHCPv6 server
# (dnsmasq, stateful, announcing itself in RAs with the M flag) behind an
# untrusted bridge port leases nothing to a dhcpcd client, and its
# RELAY-REPL to a relay agent on the client side is dropped too; behind a
# trusted port it serves both.  Exact counter values throughout.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (dnsmasq)
#   (dhcpcd, relay)
. "$(dirname "$0")/lib.sh"

load_module
check "bridge ports forwarding" bridge_topology
ip -n srv addr add 2001:db8:1::1/64 dev vs nodad
# The relay agent's own address, next to the client.
ip -n cli addr add 2001:db8:1::2/64 dev vd nodad

apedgectl port add dev va
apedgectl port add dev vc role trusted

# counter PORT DIR CLASS VERDICT: one of the guard's counters, or 0.
counter() {
	apedgectl -j stats dev "$1" | grep -o "{\"direction\":\"$2\",\"class\":\"$3\",\"verdict\":\"$4\",\"packets\":[0-9]*}" |
		sed 's/.*"packets":\([0-9]*\)}/\1/' | grep . || echo 0
}

ip netns exec srv dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--interface=vs --bind-interfaces --port=0 --no-resolv --no-hosts \
	--dhcp-range=2001:db8:1::100,2001:db8:1::1ff,64,1h --enable-ra \
	--dhcp-authoritative --dhcp-leasefile="$T/leases" \
	--pid-file="$T/dnsmasq.pid" --user=root \
	--log-facility="$T/dnsmasq.log" --log-dhcp &
check "dnsmasq is up" wait_for 30 grep -q 'DHCPv6, IP range' "$T/dnsmasq.log"
check "its RAs (M flag) are dropped on va" wait_for 30 \
	bash -c "apedgectl -j stats dev va | grep -q '\"ingress\",\"class\":\"nd-ra\",\"verdict\":\"drop\"'"

# The client asks for an address (IA_NA) at once, without waiting for an
# RA: what is measured is the drop of the server's messages, not of its
# RAs.
cat >"$T/dhcpcd.conf" <<EOC
ipv6only
noipv6rs
ia_na 1
EOC
client_start() {
	# No lease from an earlier run: each run starts with a SOLICIT.
	rm -f /var/lib/dhcpcd/vd.lease6
	ip netns exec cli dhcpcd -f "$T/dhcpcd.conf" -6 -B -d -c /bin/true vd \
		>"$T/dhcpcd.$1" 2>&1 &
	client=$!
}
client_stop() {
	kill "$client" 2>/dev/null
	wait "$client" 2>/dev/null
	return 0
}
address() {
	ip -n cli -6 addr show dev vd | grep -Eo '2001:db8:1::1[0-9a-f]{2}/128'
}
dnsmasq_sent() { grep -c "DHCP$1(vs)" "$T/dnsmasq.log"; }

# ---- untrusted va
client_start untrusted
check "untrusted va: dnsmasq answers, three ADVERTISEs dropped" wait_for 60 \
	bash -c "test \$(apedgectl -j stats dev va | grep -o '\"ingress\",\"class\":\"dhcpv6-server\",\"verdict\":\"drop\",\"packets\":[0-9]*' | grep -o '[0-9]*\$') -ge 3"
check_fail "untrusted va: the client has no address" address
check_fail "and heard no ADVERTISE or REPLY" \
	grep -Eq ': (ADV|REPLY6) ' "$T/dhcpcd.untrusted"
client_stop
# Every SOLICIT went out of vc's peer, in on vc, out of va and to dnsmasq,
# which ADVERTISEd each, and va dropped them all: five equal numbers.
untrusted_counts() {
	echo "$(dnsmasq_sent SOLICIT) $(counter vc ingress dhcpv6-client pass)" \
		"$(counter va egress dhcpv6-client pass) $(dnsmasq_sent ADVERTISE)" \
		"$(counter va ingress dhcpv6-server drop)"
}
wait_for 20 all_equal untrusted_counts || true
got=$(untrusted_counts)
n=${got%% *}
echo "# untrusted va: $n SOLICITs, $n ADVERTISEs"
check_eq "SOLICITs: at dnsmasq, in on vc, out of va; ADVERTISEs: sent, dropped on va" \
	"$n $n $n $n $n" "$got"
check "at least three" test "$n" -ge 3
check_eq "dnsmasq sent no REPLY" 0 "$(dnsmasq_sent REPLY)"
check_eq "no server message went out of vc" 0 "$(counter vc egress dhcpv6-server pass)"

# A relay agent next to the client relays a SOLICIT to dnsmasq, which
# answers with a RELAY-REPL.  The RELAY-FORW (RFC 8415) carries a
# SOLICIT with a DUID-LL, an IA_NA and an elapsed time.
cat >"$T/relay.py" <<'EOP'
import socket, struct, sys
server, linkaddr, wait = sys.argv[1], sys.argv[2], float(sys.argv[3])
def opt(code, data):
    return struct.pack("!HH", code, len(data)) + data
def addr(a):
    return socket.inet_pton(socket.AF_INET6, a)
duid = struct.pack("!HH", 3, 1) + bytes.fromhex("02005e005375")
solicit = (bytes([1]) + (0x75).to_bytes(3, "big") + opt(1, duid) +
           opt(3, struct.pack("!III", 7, 0, 0)) + opt(8, b"\0\0"))
forw = bytes([12, 0]) + addr(linkaddr) + addr("fe80::75") + opt(9, solicit)
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 547))
s.settimeout(wait)
s.sendto(forw, (server, 547))
try:
    data, src = s.recvfrom(2048)
    print("msg-type", data[0], "from", src[0])
except socket.timeout:
    print("no reply")
EOP
relay() {
	ip netns exec cli /usr/bin/python3 "$T/relay.py" 2001:db8:1::1 2001:db8:1::2 "$1" 2>&1 |
		tail -n 1
}
check_eq "untrusted va: the relay gets no reply" "no reply" "$(relay 15)"
check_eq "dnsmasq did answer it" 1 "$(grep -c 'DHCPADVERTISE(vs) .* 00:03:00:01:02:00:5e:00:53:75' "$T/dnsmasq.log")"
check_eq "its RELAY-REPL was dropped on va" 1 "$(counter va ingress dhcpv6-relay-repl drop)"
check_eq "and did not go out of vc" 0 "$(counter vc egress dhcpv6-relay-repl pass)"
echo "# apedgectl stats dev va:"
apedgectl stats dev va | sed 's/^/#   /'

# ---- trusted va
apedgectl port del dev va
apedgectl port add dev va role trusted
mark=$(wc -l <"$T/dnsmasq.log")
client_start trusted
check "trusted va: the client gets an address in the range" wait_for 60 address
check_match "from dnsmasq's REPLY" ': REPLY6 received' "$(cat "$T/dhcpcd.trusted")"
# dnsmasq's ADVERTISEs and REPLYs since va became trusted: all passed va
# and went out of vc.
trusted_counts() {
	echo "$(tail -n +$((mark + 1)) "$T/dnsmasq.log" | grep -cE 'DHCP(ADVERTISE|REPLY)\(vs\)')" \
		"$(counter va ingress dhcpv6-server pass) $(counter vc egress dhcpv6-server pass)"
}
wait_for 20 all_equal trusted_counts || true
got=$(trusted_counts)
n=${got%% *}
echo "# trusted va: $n ADVERTISEs and REPLYs, lease $(address)"
check_eq "ADVERTISEs and REPLYs: sent, passed on va, out of vc" "$n $n $n" "$got"
check "an ADVERTISE and a REPLY at least" test "$n" -ge 2
check_eq "none dropped" 0 "$(counter va ingress dhcpv6-server drop)"
lease=$(address) || true
recorded() { [ -n "$lease" ] && grep -q " ${lease%/128} " "$T/leases"; }
check "dnsmasq recorded that lease" recorded
client_stop

check_match "trusted va: the relay gets a RELAY-REPL (13) from dnsmasq" \
	'^msg-type 13 from 2001:db8:1::1$' "$(relay 30)"
check_eq "it passed va" 1 "$(counter va ingress dhcpv6-relay-repl pass)"
check_eq "and went out of vc" 1 "$(counter vc egress dhcpv6-relay-repl pass)"
