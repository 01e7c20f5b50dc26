#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged follows its interfaces through the rtnetlink watcher (lib/netif)
# instead of polling them.  One namespace, one apedged whose [iapp]
# interface does not exist when it starts:
#
#   a  it starts anyway, says it waits for the interface, and does not
#      look again by itself (one "No such device" line, not one every 2 s)
#   b  the interface is created: IAPP listens on it at once
#   c  it is deleted: IAPP stops listening and says so
#   d  another interface is renamed to its name: IAPP listens again
#   e  the same for the station listener's [ap] interface: nl80211 starts
#      watching it when it is created, lets go when it is deleted, and
#      watches it again when another interface takes its name
#   f  the daemon stops cleanly
. "$(dirname "$0")/lib.sh"

netns_add ap || exit 1
cat >"$T/ap.conf" <<EOC
[general]
log_level = debug
[iapp]
interface = va
[ap wl0]
EOC

spawn ap "$T/ap.log" "$BIN/apedged" -f -c "$T/ap.conf" -s "$T/ap.sock"
AP=$LAST_PID

listening() {
	[ "$("$BIN/apedgectl" -s "$T/ap.sock" -j iapp show |
		jq -r .listening)" = "$1" ]
}

check "a: apedged starts without its IAPP interface" \
	wait_for 10 listening false
check "a: it says it waits for va" \
	grep -q "iapp: listening once va is there" "$T/ap.log"
# Not a wait for readiness: long enough for a 2 s poll to show.
sleep 3
check "a: and does not poll for it" \
	test "$(grep -c 'iapp: interface va: No such device' "$T/ap.log")" -eq 1

nsx ap ip link add va type veth peer name vb
check "b: va is created: IAPP listens on it" wait_for 5 listening true
check "b: the log says so" \
	grep -q "iapp: listening on port 3517, group 224.0.1.178 on va" \
	"$T/ap.log"

nsx ap ip link del va
check "c: va is deleted: IAPP no longer listens" wait_for 5 listening false
check "c: the log says so" \
	grep -q "iapp: interface va is gone; listening again when it is back" \
	"$T/ap.log"

nsx ap ip link add tmp0 type veth peer name tmp1
nsx ap ip link set tmp0 name va
check "d: another interface renamed to va: IAPP listens again" \
	wait_for 5 listening true
check "d: two listening lines in all" \
	test "$(grep -c 'iapp: listening on port' "$T/ap.log")" -eq 2

check "e: nl80211 says wl0 is not there" \
	grep -q "nl80211: wl0: no such interface" "$T/ap.log"
nsx ap ip link add wl0 type veth peer name wl1
check "e: wl0 is created: nl80211 watches it" \
	wait_for 5 grep -q "nl80211: watching wl0 (ifindex" "$T/ap.log"
nsx ap ip link del wl0
check "e: wl0 is deleted: nl80211 lets go" wait_for 5 sh -c \
	"[ \$(grep -c 'nl80211: wl0: no such interface' '$T/ap.log') -eq 2 ]"
nsx ap ip link add tmp2 type veth peer name tmp3
idx=$(nsx ap cat /sys/class/net/tmp2/ifindex)
nsx ap ip link set tmp2 name wl0
check "e: another interface renamed to wl0: watched again" wait_for 5 \
	grep -q "nl80211: watching wl0 (ifindex $idx)" "$T/ap.log"

rc=0
stop "$AP" "$T/ap.log" || rc=$?
check "f: apedged shuts down cleanly (status 0, no sanitizer report)" \
	test "$rc" -eq 0
exit 0
