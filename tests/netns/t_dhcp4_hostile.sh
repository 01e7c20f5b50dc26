#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a host on the uplink can send to apedged's DHCPv4 client: any
# host there can answer DHCP.  A forging server (tests/tools/dhcp4_fake.py)
# at 10.20.0.9 is the only one on the link (jumbo frames, for the
# oversized reply); it hears the client's messages and answers each one
# with a reply that breaks one rule:
#
#   a  SELECTING: wrong xid, wrong chaddr, a BOOTREQUEST, no magic cookie,
#      200 bytes, options ending inside an option, a wrong option
#      length, overload 7, overload naming a file field whose option
#      runs past it, 1,500 bytes of options, a wrong UDP checksum: each
#      dropped and counted under its reason, the client still SELECTING;
#      then a good OFFER: REQUESTING
#   b  REQUESTING: an ACK and a NAK from another server identifier, an
#      ACK with none: dropped, still REQUESTING; the good ACK: BOUND
#   c  BOUND: the ACK replayed, a NAK for another transaction: dropped,
#      the lease kept
#   d  another host claims the address by ARP: the client defends it
#      once and keeps it (RFC 5227 §2.4 (b))
#   e  a local user who is not root: may read the state through the
#      read-only socket, may not release the lease
# At the end apedged must stop with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp4_lib.sh"

FAKE=$TOP/tests/tools/dhcp4_fake.py
SRV=$NET.9
ADDR=$NET.77
EVIL=02:00:00:00:ee:01

d4_topology || exit 1
d4_host ev $SRV
for l in "cl va" "sw vsa" "sw pev" "ev vev"; do
	# shellcheck disable=SC2086
	set -- $l
	ip -n "$NS-$1" link set "$2" mtu 9000
done
ip -n "$NS-sw" link set br0 mtu 9000
: >"$T/seen"
spawn ev "$T/fake.log" "$PY" "$FAKE" listen vev "$T/seen"
check "the forger listens" wait_for 10 grep -q READY "$T/seen"

# Retransmissions far apart: the transaction stays the same while the
# forged replies come.
d4_conf "retrans_min_ms = 120000" "retrans_max_ms = 120000"
chmod 711 "$T"
d4_start
check "apedged starts" d4_up

# last_xid TYPE: the transaction of the client's last TYPE message.
last_xid() {
	awk -v t="$1" '$1 == t { x = $2 } END { if (x == "") exit 1; print x }' "$T/seen"
}
# forge KIND TYPE: a reply of KIND to the client's last TYPE message.
forge() {
	nsx ev "$PY" "$FAKE" send vev "$1" "$(last_xid "$2")" $MAC $ADDR $SRV
}
# refused KIND TYPE COUNTER: forge it; COUNTER goes up by one
# and the total of the drops and malformed by one.
refused() {
	local kind=$1 type=$2 counter=$3 before total
	before=$(st "$counter")
	total=$(st_refused)
	forge "$kind" "$type" || return 1
	wait_for 5 st_is "$counter" $((before + 1)) || {
		echo "$counter: $(st "$counter"), was $before"
		return 1
	}
	[ "$(st_refused)" -eq $((total + 1)) ] ||
		{ echo "refused in all: $(st_refused), was $total"; return 1; }
}
# refused_any KIND TYPE: the total of the drops and malformed goes up.
refused_any() {
	local total
	total=$(st_refused)
	forge "$1" "$2" || return 1
	wait_for 5 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq '[.[0].malformed // {}, .[0].drop // {} | .[]] | add // 0') -gt $total ]"
}

# ---- a: SELECTING --------------------------------------------------------
check "a: SELECTING" wait_state 10 SELECTING
check "a: the forger hears the DISCOVER" wait_for 10 last_xid DISCOVER
check "a: wrong xid: dropped, drop.xid" refused xid DISCOVER drop.xid
check "a: wrong chaddr: dropped, drop.chaddr" refused chaddr DISCOVER drop.chaddr
check "a: a BOOTREQUEST: dropped, drop.op" refused op DISCOVER drop.op
check "a: no magic cookie: malformed.cookie" refused cookie DISCOVER malformed.cookie
check "a: 200 bytes: malformed.short" refused short DISCOVER malformed.short
check "a: options ending inside option 54: malformed.opt-trunc" \
	refused trunc DISCOVER 'malformed."opt-trunc"'
check "a: option 51 of 3 bytes: malformed.opt-len" \
	refused optlen DISCOVER 'malformed."opt-len"'
check "a: overload 7: malformed.overload" \
	refused overload-bad DISCOVER malformed.overload
check "a: overload into a file field that runs past its end: refused" \
	refused_any overload-nothing DISCOVER
check "a: 1,500 bytes of options: malformed.long" refused big DISCOVER malformed.long
check "a: a wrong UDP checksum: malformed.udp" refused udpsum DISCOVER malformed.udp
check "a: still SELECTING" state_is SELECTING
check "a: nothing taken" st_is rx.OFFER 0
check "a: one DISCOVER sent (no retransmission yet)" st_is tx.DISCOVER 1
check "a: the good OFFER is sent" forge offer DISCOVER
check "a: REQUESTING" wait_state 5 REQUESTING
check "a: the REQUEST is heard" wait_for 5 last_xid REQUEST

# ---- b: REQUESTING ---------------------------------------------------------
check "b: an ACK from another server: drop.server" \
	refused ack-other REQUEST drop.server
check "b: a NAK from another server: drop.server" \
	refused nak-other REQUEST drop.server
check "b: an ACK without server identifier: refused" \
	refused_any ack-noserver REQUEST
check "b: still REQUESTING" state_is REQUESTING
check "b: no NAK taken" st_is naks 0
forge ack REQUEST
check "b: the good ACK: BOUND" wait_state 10 BOUND
check "b: to $ADDR" bound_to $ADDR
check "b: on va" has_addr $ADDR/24

# ---- c: BOUND --------------------------------------------------------------
check "c: the ACK replayed: refused" refused_any ack REQUEST
check "c: a NAK for another transaction: refused" refused_any nak-other REQUEST
check "c: still BOUND to $ADDR" bound_to $ADDR
check "c: no NAK taken" st_is naks 0
check "c: the address stays" has_addr $ADDR/24

# ---- d: ARP ---------------------------------------------------------------
check "d: a conflicting ARP is sent" nsx ev "$PY" "$FAKE" arp vev $EVIL $ADDR
check "d: the client defends its address" wait_for 5 st_ge defended 1
check "d: the conflict is counted" st_ge conflicts 1
check "d: still BOUND to $ADDR" bound_to $ADDR
check "d: the address stays" has_addr $ADDR/24

# ---- e: a local user -------------------------------------------------------
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}
check "e: nobody reads the state through the read-only socket" sh -c \
	"setpriv --reuid=65534 --regid=65534 --clear-groups -- '$BIN/apedgectl' -s '$T/apedged.ro.sock' -j dhcp4 show dev va | jq -e '.[0].state == \"BOUND\"'"
check "e: nobody may not release through it" \
	fails nobody "$BIN/apedgectl" -s "$T/apedged.ro.sock" dhcp4 release dev va
check "e: nor through the admin socket" \
	fails nobody "$BIN/apedgectl" -s "$T/apedged.sock" dhcp4 release dev va
check "e: still BOUND" bound_to $ADDR
check "e: no RELEASE sent" st_is tx.RELEASE 0

rc=0
d4_stop || rc=$?
check "apedged shuts down cleanly (status 0, no sanitizer report)" test $rc -eq 0
exit 0
