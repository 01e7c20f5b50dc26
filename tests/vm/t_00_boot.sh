# SPDX-License-Identifier: GPL-2.0
# The guest itself: the overlay root, the kernel's modules, veth across
# namespaces.
. "$(dirname "$0")/lib.sh"

check "kernel modules of $(uname -r) present" test -d "/lib/modules/$(uname -r)/kernel"
check "root is writable (overlay)" touch /apedge-vm-probe
check "apedge.ko built for this kernel" test -f "$top/build/kmod/$(uname -r)/apedge.ko"
check "modprobe veth" modprobe veth
ip netns add n1
ip link add va type veth peer name vb netns n1
ip addr add 192.0.2.1/24 dev va
ip link set va up
ip -n n1 addr add 192.0.2.2/24 dev vb
ip -n n1 link set vb up
check "ping across a veth into a namespace" ping -c 1 -W 5 192.0.2.2
