# SPDX-License-Identifier: GPL-2.0
# The attacker: the root of a container names the interfaces of its own
# namespace, and the host's administrator lists them with apedgectl -n.
# A name with an escape sequence, a quote, a backslash and a byte that is
# not UTF-8 must reach the terminal as '?', and JSON must stay valid
# (that byte as U+FFFD).
. "$(dirname "$0")/lib.sh"
# The names hold a byte that is not UTF-8: match bytes.
export LC_ALL=C

load_module
ip netns add box
# What the container's root may name an interface: any byte but '/',
# ':', white space and NUL.
evil=$'e\x1b[2J"\\\xff'
ip -n box link add "$evil" type veth peer name eq
ip -n box link set "$evil" up
ip -n box link set eq up
ie=$(ip netns exec box cat "/sys/class/net/$evil/ifindex")

ip netns exec box apedgectl -j monitor >"$T/events" 2>&1 &
mon=$!
probe() {
	ip netns exec box apedgectl port add dev eq &&
		ip netns exec box apedgectl port del dev eq &&
		grep -q '"eq"' "$T/events"
}
check "monitor hears the events group" wait_for 30 probe

check "port add by index" apedgectl -n box port add ifindex "$ie"
check "binding add on it" apedgectl -n box binding add ip 192.0.2.9 \
	mac 02:00:5e:00:53:09 ifindex "$ie"

no_escape() {
	! printf '%s' "$1" | grep -q "$(printf '\033')"
}
text=$(apedgectl -n box port show)
check "port show: no escape in text" no_escape "$text"
check_match "port show: the name with '?'" '^[0-9]+: e\?\[2J"\\.* role untrusted' \
	"$(echo "$text" | head -n 1)"
check "stats: no escape in text" no_escape "$(apedgectl -n box stats)"
check "binding show: no escape in text" no_escape \
	"$(apedgectl -n box binding show)"

# JSON: valid, and the name as it was, but its non-UTF-8 byte.
name_of() {
	/usr/bin/python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["ifname"].encode("unicode_escape").decode())'
}
want='e\x1b[2J"\\\ufffd'
check_eq "port show -j: valid, the name escaped" "$want" \
	"$(apedgectl -n box -j port show | name_of)"
check_eq "stats -j: the same" "$want" \
	"$(apedgectl -n box -j stats | name_of)"
check_eq "binding show -j: the same" "$want" \
	"$(apedgectl -n box -j binding show | name_of)"
check_eq "port show -j -p: the same" "$want" \
	"$(apedgectl -n box -j -p port show | name_of)"

check "port del" apedgectl -n box port del ifindex "$ie"
wait_for 10 grep -q '"port-del".*"ifindex":'"$ie" "$T/events"
kill "$mon"
check_eq "monitor -j: each event line valid JSON" "" \
	"$(/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], "rb"):
    try:
        json.loads(line)
    except ValueError:
        print("bad:", line.strip())' "$T/events" 2>&1)"
check "monitor: the port's events" grep -q "\"ifindex\":$ie" "$T/events"
