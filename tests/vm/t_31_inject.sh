# SPDX-License-Identifier: GPL-2.0
# Inject mode on a bridge port: the bridge learns the station on that port
# and floods the frame to its other ports, not back out of the first.
. "$(dirname "$0")/lib.sh"

STA=02:00:5e:10:20:30
sta=${STA//:/}

load_module
modprobe bridge
ip link add br0 type bridge
ip link set br0 up
veth p1 q1
veth p2 q2
ip link set p1 master br0
ip link set p2 master br0
# Wait for the ports to forward (no STP: at once, but asynchronously).
check "bridge ports forwarding" wait_for 20 bash -c \
	'bridge link show dev p1 | grep -q forwarding && bridge link show dev p2 | grep -q forwarding'
apedgectl port add dev p1

capture q2 "ether src $STA"
capture q1 "ether src $STA"
check "xid send dev p1 mode inject" apedgectl xid send dev p1 sta "$STA" mode inject
capture_wait q2
check_eq "flooded to the other port, byte for byte" \
	"ffffffffffff${sta}00060001af810102" "$(frame_hex q2 | cut -c1-40)"
check_match "the bridge learned the station on p1" "^$STA dev p1 master br0" \
	"$(bridge fdb show br br0 | grep -i "^$STA")"
capture_wait q1 1
check_eq "not sent back out of p1" 0 "$(frames q1)"
check_match "counted as injected" '"xid_transmit":0,"xid_inject":1,"xid_errors":0' "$(apedgectl -j stats dev p1)"

# The station roams to p2: inject there and the bridge moves it.
apedgectl port add dev p2
apedgectl xid send dev p2 sta "$STA" mode inject
check "the bridge moved the station to p2" wait_for 10 bash -c \
	"bridge fdb show br br0 | grep -qi '^$STA dev p2 master br0'"
