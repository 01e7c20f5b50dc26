# SPDX-License-Identifier: GPL-2.0
# The guest itself: the kernel asked for, the overlay root, the kernel's
# modules, a veth pair across network namespaces.
. "$(dirname "$0")/lib.sh"

kver=$(uname -r)
if [ -n "${APEDGE_VM_KVER:-}" ]; then
	check_eq "the kernel is the one booted" "$APEDGE_VM_KVER" "$kver"
fi
check_eq "/ is an overlay" overlay "$(findmnt -no FSTYPE /)"
check "/ is writable" bash -c 'echo probe >/apedge-vm-probe && rm /apedge-vm-probe'
case $top/ in
/tmp/*) ;;
*) check_eq "/tmp is a tmpfs of its own" tmpfs "$(findmnt -no FSTYPE /tmp)" ;;
esac
check "/lib/modules/$kver present" test -s "/lib/modules/$kver/modules.dep"
check "apedge.ko built for $kver" module_path
check "modprobe veth" modprobe veth
check_match "veth loaded" '^veth ' "$(cat /proc/modules)"

veth_ns n1 va vb
ip addr add 192.0.2.1/24 dev va
ip -n n1 addr add 192.0.2.2/24 dev vb
check "ping va -> vb (netns n1)" wait_for 20 ping -c 1 -W 1 192.0.2.2
check "ping vb (netns n1) -> va" ip netns exec n1 ping -c 1 -W 5 192.0.2.1
check_eq "vb's MAC, as va knows it" "$(ip -n n1 -br link show dev vb | awk '{ print $3 }')" \
	"$(ip neigh show dev va 192.0.2.2 | awk '{ print $3 }')"
