# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The test bed of the DHCPv6 server's netns tests (t_dhcp6*.sh source it
# after lib.sh).  One link between two namespaces, without DAD:
#
#   cl: va (the clients, MAC given) --- vs :srv (apedged's server)
#
# d6_link MAC makes it, and $T/state for the lease file.
d6_link() {
	local n
	netns_add cl && netns_add srv || return 1
	for n in cl srv; do
		nsx $n sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
	done
	ip link add vs netns "$NS-srv" type veth peer name va \
		netns "$NS-cl" address "$1" || return 1
	ip -n "$NS-srv" link set vs up
	ip -n "$NS-cl" link set va up
	mkdir -p "$T/state"
}

# d6_private DIR CMD: CMD in cl with its own /run and state directory DIR
# (bound over /var/lib/dhcp and /var/lib/dhcpv6), so that no client
# touches the host's.
d6_private() {
	local d=$1
	shift
	mkdir -p "$d/run" "$d/lib"
	nsx cl unshare -m sh -c "
		mount --bind '$d/run' /run &&
		mount --bind '$d/lib' /var/lib/dhcp &&
		mount --bind '$d/lib' /var/lib/dhcpv6 &&
		exec $*"
}
