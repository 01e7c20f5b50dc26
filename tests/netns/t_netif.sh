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
#   e  the daemon stops cleanly
. "$(dirname "$0")/lib.sh"

netns_add ap || exit 1
cat >"$T/ap.conf" <<EOC
[general]
log_level = debug
[iapp]
interface = va
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

rc=0
stop "$AP" "$T/ap.log" || rc=$?
check "e: apedged shuts down cleanly (status 0, no sanitizer report)" \
	test "$rc" -eq 0
exit 0
