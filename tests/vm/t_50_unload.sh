# SPDX-License-Identifier: GPL-2.0
# Unloading with ports attached and a burst in flight leaves nothing: no
# warning, no leaked device reference (the veth deletes at once).  The
# ports go before the family: a listener hears each port leave, then the
# family.
. "$(dirname "$0")/lib.sh"

load_module
veth va vb
veth vc vd
ip netns add n1
ip -n n1 link add ve type veth peer name vf
ip -n n1 link set ve up
apedgectl port add dev va
apedgectl port add dev vc role trusted
ip netns exec n1 apedgectl port add dev ve
apedgectl -j monitor >"$T/events" 2>"$T/monitor.err" &
mon=$!
# A probe port until the monitor reports it (see t_20).
veth vp vq
probe() {
	apedgectl port add dev vp && apedgectl port del dev vp &&
		grep -q '"vp"' "$T/events"
}
check "monitor listening" wait_for 30 probe
check "a long burst in flight" apedgectl xid send dev va sta 02:00:5e:00:00:02 count 11 interval 1000
check "rmmod with three ports and a burst" rmmod apedge
check_fail "module gone" grep -q '^apedge ' /proc/modules
check "the monitor ends with the family" wait_for 10 bash -c "! kill -0 $mon"
check_eq "it heard both ports of its namespace leave" \
	'{"event":"port-del","ifname":"va"}
{"event":"port-del","ifname":"vc"}' \
	"$(grep -v '"vp"' "$T/events" | jq -c '{event, ifname}')"
check_match "and then the unload" "unloaded" "$(cat "$T/monitor.err")"
check "va deletes at once (no reference left)" timeout "$DEL_SECS" ip link del va
check "the namespace goes too" timeout "$DEL_SECS" ip netns del n1
check "reload" load_module
check_eq "no ports after reload" "" "$(apedgectl port show)"
check "vc can be a port again" apedgectl port add dev vc
check "rmmod again" rmmod apedge
