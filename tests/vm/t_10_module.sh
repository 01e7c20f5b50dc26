# SPDX-License-Identifier: GPL-2.0
# Loading and unloading; the family and its group as the kernel lists them.
. "$(dirname "$0")/lib.sh"

check "insmod apedge.ko" load_module
check_match "kernel log says loaded" 'apedge 0\.1\.0 loaded' "$(dmesg)"
ctrl=$(genl ctrl get name apedge 2>&1)
check_match "family apedge registered" 'Name: apedge' "$ctrl"
check_match "multicast group events" 'events' "$ctrl"
check_eq "apedgectl info" "version 0.1.0
features xid-transmit xid-inject xid-vlan xid-burst guard punt bindings source-guard l2update-relay auth" "$(apedgectl info)"
check_eq "apedgectl -j info" '{"version":"0.1.0","features":["xid-transmit","xid-inject","xid-vlan","xid-burst","guard","punt","bindings","source-guard","l2update-relay","auth"]}' \
	"$(apedgectl -j info)"
check "rmmod apedge" rmmod apedge
check_fail "family gone after rmmod" genl ctrl get name apedge
check "insmod again" load_module
check "family back" genl ctrl get name apedge
