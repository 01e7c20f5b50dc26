# SPDX-License-Identifier: GPL-2.0
# The guard with real peers: a rogue DHCPv4 server (dnsmasq) and a rogue
# router (radvd) behind an untrusted bridge port are silenced; behind a
# trusted one they serve.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (dnsmasq, radvd)
. "$(dirname "$0")/lib.sh"

load_module
check "bridge ports forwarding" bridge_topology
ip -n srv addr add 192.0.2.1/24 dev vs
ip netns exec srv sysctl -qw net.ipv6.conf.all.forwarding=1

apedgectl port add dev va
apedgectl port add dev vc role trusted

# counter PORT DIR CLASS VERDICT: one of the guard's counters, or 0.
counter() {
	apedgectl -j stats dev "$1" | grep -o "{\"direction\":\"$2\",\"class\":\"$3\",\"verdict\":\"$4\",\"packets\":[0-9]*}" |
		sed 's/.*"packets":\([0-9]*\)}/\1/' | grep . || echo 0
}

# DHCPv4.  With --no-ping, dnsmasq offers at once: it would first ping
# the address it means to offer, and the client give up before the
# OFFER came, guard or no guard.
ip netns exec srv dnsmasq --conf-file=/dev/null --keep-in-foreground \
	--interface=vs --bind-interfaces --port=0 --no-resolv --no-hosts \
	--dhcp-range=192.0.2.100,192.0.2.150,1h --dhcp-authoritative \
	--dhcp-leasefile="$T/leases" --pid-file="$T/dnsmasq.pid" --user=root \
	--log-facility="$T/dnsmasq.log" --log-dhcp --no-ping &
check "dnsmasq is up" wait_for 30 grep -q 'DHCP, IP range' "$T/dnsmasq.log"

# Three DISCOVERs, two seconds apart.
lease() { ip netns exec cli busybox udhcpc -i vd -n -q -f -t 3 -T 2 -s /bin/true; }
out=$(lease 2>&1) || true
check_match "untrusted va: the client asks and gets no lease" \
	'broadcasting discover.*no lease, failing' "$(echo "$out" | tr '\n' ' ')"
# Every DISCOVER came in on vc, went out of va and to dnsmasq, which
# OFFERed each, and va dropped every OFFER.
v4_counts() {
	echo "$(grep -c 'DHCPDISCOVER(vs)' "$T/dnsmasq.log") $(counter vc ingress dhcpv4-client pass)" \
		"$(counter va egress dhcpv4-client pass) $(grep -c 'DHCPOFFER(vs)' "$T/dnsmasq.log")" \
		"$(counter va ingress dhcpv4-server drop)"
}
wait_for 20 all_equal v4_counts || true
check_eq "DISCOVERs: in on vc, out of va, at dnsmasq; OFFERs: sent, dropped on va" \
	"3 3 3 3 3" "$(v4_counts)"
check_eq "no server message went out of vc" 0 "$(counter vc egress dhcpv4-server pass)"

apedgectl policy set dev va dhcpv4-server pass
out=$(lease 2>&1) || true
check_match "with dhcpv4-server pass on va: a lease" 'lease of 192\.0\.2\.1[0-9][0-9] obtained' "$out"
check "the server messages now pass va" test "$(counter va ingress dhcpv4-server pass)" -ge 1
apedgectl policy set dev va dhcpv4-server drop
kill %1 2>/dev/null

check_eq "stats reset needs CAP_NET_ADMIN" \
	"apedgectl: stats reset: Operation not permitted (needs CAP_NET_ADMIN)" \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups apedgectl stats reset dev va 2>&1)"
check "stats reset dev va" apedgectl stats reset dev va
check_eq "va's DHCP counters back to zero" "0 0" \
	"$(counter va ingress dhcpv4-server pass) $(counter va egress dhcpv4-client pass)"
check "vc's kept" test "$(counter vc ingress dhcpv4-client pass)" -ge 1

# Router Advertisements
cat >"$T/radvd.conf" <<EOC
interface vs {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	prefix 2001:db8:1::/64 { };
};
EOC
ip netns exec srv radvd -n -C "$T/radvd.conf" -p "$T/radvd.pid" -m stderr 2>"$T/radvd.log" &
defroute() { ip -n cli -6 route show default | grep -q 'via fe80::'; }
check "RAs reach va and are dropped" wait_for 60 bash -c \
	"test \"\$(apedgectl -j stats dev va | grep -o '\"class\":\"nd-ra\",\"verdict\":\"drop\",\"packets\":[0-9]*' | grep -o '[0-9]*\$')\" -ge 2"
check_fail "untrusted va: no default route on the client" defroute
check_eq "no RA went out of vc" 0 "$(counter vc egress nd-ra pass)"

apedgectl port del dev va
apedgectl port add dev va role trusted
check "trusted va: the client installs a default route" wait_for 60 defroute
ra_passed() { test "$(counter va ingress nd-ra pass)" -ge 1; }
check "RAs pass va now" wait_for 30 ra_passed
echo "# radvd's log:"
sed 's/^/#   /' "$T/radvd.log" | tail -n 5
