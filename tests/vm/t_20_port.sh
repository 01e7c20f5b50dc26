# SPDX-License-Identifier: GPL-2.0
# Ports: add, show, delete, by name and by index; events; a port leaves
# by itself when its device goes.
. "$(dirname "$0")/lib.sh"

load_module
veth va vb
veth vc vd
ia=$(cat /sys/class/net/va/ifindex)
ic=$(cat /sys/class/net/vc/ifindex)

apedgectl -j monitor >"$T/events" 2>&1 &
mon=$!
# Netlink has no readiness signal for a group member: attach and detach a
# probe port until the monitor reports it.
veth vp vq
probe() {
	apedgectl port add dev vp && apedgectl port del dev vp &&
		grep -q '"vp"' "$T/events"
}
check "monitor hears the events group" wait_for 30 probe

check "port add dev va" apedgectl port add dev va
check "port add ifindex (vc) role trusted" apedgectl port add ifindex "$ic" role trusted
# The role sets the policy: an untrusted port drops what only servers
# and routers send, and malformed packets; a trusted port passes all.
drops="    drop dhcpv4-server dhcpv6-server dhcpv6-relay-repl nd-ra nd-redirect malformed"
U='{"dhcpv4-client":"pass","dhcpv4-server":"drop","dhcpv6-client":"pass","dhcpv6-server":"drop","dhcpv6-relay-forw":"pass","dhcpv6-relay-repl":"drop","nd-rs":"pass","nd-ra":"drop","nd-ns":"pass","nd-na":"pass","nd-redirect":"drop","malformed":"drop"}'
P='{"dhcpv4-client":"pass","dhcpv4-server":"pass","dhcpv6-client":"pass","dhcpv6-server":"pass","dhcpv6-relay-forw":"pass","dhcpv6-relay-repl":"pass","nd-rs":"pass","nd-ra":"pass","nd-ns":"pass","nd-na":"pass","nd-redirect":"pass","malformed":"pass"}'
check_eq "port show" "$ia: va role untrusted
$drops
$ic: vc role trusted" "$(apedgectl port show)"
check_eq "port show -j" "[{\"ifindex\":$ia,\"ifname\":\"va\",\"role\":\"untrusted\",\"policy\":$U,\"punt_rate\":100,\"source_guard\":\"off\",\"verify_chaddr\":\"off\",\"allow_opaque\":\"off\",\"l2update\":\"off\",\"l2update_relay\":\"off\",\"l2update_vlan\":0,\"auth_mode\":\"none\",\"auth_allow\":0},{\"ifindex\":$ic,\"ifname\":\"vc\",\"role\":\"trusted\",\"policy\":$P,\"punt_rate\":100,\"source_guard\":\"off\",\"verify_chaddr\":\"off\",\"allow_opaque\":\"off\",\"l2update\":\"off\",\"l2update_relay\":\"off\",\"l2update_vlan\":0,\"auth_mode\":\"none\",\"auth_allow\":0}]" \
	"$(apedgectl -j port show)"
check_eq "port show dev vc" "$ic: vc role trusted" "$(apedgectl port show dev vc)"
check "policy set dev vc nd-ra drop" apedgectl policy set dev vc nd-ra drop
check_eq "the verdict changed" "$ic: vc role trusted
    drop nd-ra" "$(apedgectl port show dev vc)"
check "port del dev vc" apedgectl port del dev vc
check_eq "vc gone" "$ia: va role untrusted
$drops" "$(apedgectl port show)"

# Deleting the device detaches the port.
ip link del va
check_eq "port leaves with its device" "" "$(apedgectl port show)"
check_eq "empty dump as JSON" "[]" "$(apedgectl -j port show)"

wait_for 10 test "$(grep -vc '"vp"' "$T/events")" -ge 4
kill "$mon"
check_eq "events, in order" "{\"event\":\"port-add\",\"ifindex\":$ia,\"ifname\":\"va\",\"role\":\"untrusted\"}
{\"event\":\"port-add\",\"ifindex\":$ic,\"ifname\":\"vc\",\"role\":\"trusted\"}
{\"event\":\"port-del\",\"ifindex\":$ic,\"ifname\":\"vc\",\"role\":\"trusted\"}
{\"event\":\"port-del\",\"ifindex\":$ia,\"ifname\":\"va\",\"role\":\"untrusted\"}" "$(grep -v '"vp"' "$T/events")"

# Ports are per network namespace.
ip netns add n1
ip -n n1 link add ve type veth peer name vf
ip -n n1 link set ve up
check "port add inside a namespace" ip netns exec n1 apedgectl port add dev ve
check_eq "not seen from the initial namespace" "" "$(apedgectl port show)"
check_match "seen inside it" ': ve role untrusted' "$(ip netns exec n1 apedgectl port show)"
check "namespace deleted with its port" ip netns del n1
