# SPDX-License-Identifier: GPL-2.0
# No command takes an attribute it would ignore: each has its own policy,
# and the halves of a command refuse each other's attributes, each with
# the reason in the extended ack; an XID burst lasts at most 10 s; and a
# dump that a change interrupts says so (NLM_F_DUMP_INTR).  Raw requests
# from tests/vm/genl.py, past apedgectl.
. "$(dirname "$0")/lib.sh"

genl() { python3 "$top/tests/vm/genl.py" "$@"; }
UNSUP='^error EINVAL: (Unsupported attribute|Unknown attribute type)'

load_module
modprobe dummy
veth va vb
# No IPv6: vb's DAD NS would reach va and, once the source guard is on,
# leave a link-local claim among va's bindings (the dump below counts
# them), depending on how fast the guest is.
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 net.ipv6.conf.vb.disable_ipv6=1
apedgectl port add dev va
idx=$(cat /sys/class/net/va/ifindex)
ports() { apedgectl -j port show; }
before=$(ports)

# Attributes of the set that the command does not take.
check_match "port-set refuses role" "$UNSUP" \
	"$(genl do port-set port.ifindex=u32:$idx port.source-guard=u8:1 port.role=u32:2)"
check_match "port-set refuses punt-rate" "$UNSUP" \
	"$(genl do port-set port.ifindex=u32:$idx port.source-guard=u8:1 port.punt-rate=u32:5)"
check_eq "nothing changed" "$before" "$(ports)"
check_match "port-add refuses punt-rate" "$UNSUP" \
	"$(genl do port-add port.ifname=str:vb port.punt-rate=u32:5)"
check_eq "no port added" "$before" "$(ports)"
check_match "policy-set refuses source-guard" "$UNSUP" \
	"$(genl do policy-set port.ifindex=u32:$idx port.punt-rate=u32:5 port.source-guard=u8:1)"
check_match "port-del refuses role" "$UNSUP" \
	"$(genl do port-del port.ifindex=u32:$idx port.role=u32:1)"
check_match "binding-del refuses mac" "$UNSUP" \
	"$(genl do binding-del binding.ipv4=ip4:192.0.2.1 binding.mac=mac:02:00:5e:00:00:01)"
# Without a policy genetlink rejects every attribute.
NONE='^error EINVAL: (Attribute failed policy validation|Unknown attribute type)'
check_match "info-get takes nothing" "$NONE" \
	"$(genl do info-get port.ifindex=u32:1)"
check_match "binding-config-get takes nothing" "$NONE" \
	"$(genl do binding-config-get binding-config.limit=u32:5)"
check_eq "nothing changed" "$before" "$(ports)"

# What a command takes passes.
check_eq "port-set source-guard" ok "$(genl do port-set port.ifindex=u32:$idx port.source-guard=u8:1)"
check_match "source guard on" '"source_guard":"on"' "$(ports)"

# The halves of a command.
check_eq "binding-get do refuses ifindex" \
	"error EINVAL: ifindex and ifname select the bindings of a dump" \
	"$(genl do binding-get binding.ipv4=ip4:192.0.2.1 binding.ifindex=u32:$idx)"
check_eq "binding-get dump refuses an address" \
	"error EINVAL: a dump takes no address: ipv4, ipv6, prefix-len, domain and vlan get one binding" \
	"$(genl dump binding-get binding.ipv4=ip4:192.0.2.1)"
check_eq "binding-get dump of a port" "0 messages" \
	"$(genl dump binding-get binding.ifindex=u32:$idx)"
check_eq "port-get dump refuses ifindex" \
	"error EINVAL: a dump of every port takes no attribute" \
	"$(genl dump port-get port.ifindex=u32:$idx)"
check_eq "stats-get dump refuses ifname" \
	"error EINVAL: a dump of every port takes no attribute" \
	"$(genl dump stats-get stats.ifname=str:va)"
check_eq "port-get do of one port" ok "$(genl do port-get port.ifindex=u32:$idx)"

# An XID burst lasts at most 10 s: (count - 1) * interval.
check_eq "a burst of 32 frames 1 s apart is refused" \
	"error ERANGE: a burst lasts at most 10000 ms: (count - 1) * interval" \
	"$(genl do xid-send xid.ifindex=u32:$idx xid.sta=mac:02:00:5e:00:00:01 xid.count=u32:32 xid.interval=u32:1000)"
check_eq "11 frames 10 ms apart go" ok \
	"$(genl do xid-send xid.ifindex=u32:$idx xid.sta=mac:02:00:5e:00:00:01 xid.count=u32:11 xid.interval=u32:10)"

# Dumps in several parts, with a change between the first and the rest.
for i in $(seq 1 40); do
	echo "link add d$i type dummy"
done >"$T/links"
ip -b "$T/links"
for i in $(seq 1 40); do
	echo "port add dev d$i"
done >"$T/ports"
apedgectl -b "$T/ports"
check_eq "ports: an unchanged dump is consistent" consistent \
	"$(genl dump-intr port-get -- true)"
check_eq "ports: a port removed meanwhile interrupts it" interrupted \
	"$(genl dump-intr port-get -- apedgectl port del dev d40)"
check_eq "stats: a port removed meanwhile interrupts it" interrupted \
	"$(genl dump-intr stats-get -- apedgectl port del dev d39)"
for i in $(seq 1 250); do
	echo "binding add ip 198.51.$((i / 200)).$((i % 200 + 1)) mac 02:00:5e:00:01:01 dev va"
done >"$T/bindings"
apedgectl -b "$T/bindings"
check_eq "bindings: an unchanged dump is consistent" consistent \
	"$(genl dump-intr binding-get -- true)"
check_eq "bindings: a binding added meanwhile interrupts it" interrupted \
	"$(genl dump-intr binding-get -- apedgectl binding add ip 203.0.113.1 mac 02:00:5e:00:01:02 dev va)"
