# SPDX-License-Identifier: GPL-2.0
# Unloading with ports attached and a burst in flight leaves nothing: no
# warning, no leaked device reference (the veth deletes at once).
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
check "a long burst in flight" apedgectl xid send dev va sta 02:00:5e:00:00:02 count 32 interval 1000
check "rmmod with three ports and a burst" rmmod apedge
check_fail "module gone" grep -q '^apedge ' /proc/modules
check "va deletes at once (no reference left)" timeout 10 ip link del va
check "the namespace goes too" timeout 10 ip netns del n1
check "reload" load_module
check_eq "no ports after reload" "" "$(apedgectl port show)"
check "vc can be a port again" apedgectl port add dev vc
check "rmmod again" rmmod apedge
