#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's DHCPv4 client against kea-dhcp4 with short lifetimes (lease
# 20 s, T1 5 s, T2 10 s) and, for rebinding, dnsmasq as a second server;
# the client's state read back with "apedgectl -j dhcp4 show" at each step:
#
#   a  a conflict: the host sq already has 10.20.0.50, the first address
#      of kea's pool, and answers ARP; the client probes, DECLINEs it
#      (kea logs the DECLINE), goes back to INIT and binds 10.20.0.51
#   b  T1 with the server up: BOUND -> RENEWING -> BOUND, the REQUEST
#      unicast to kea (its log says from which address to which)
#   c  expiry with no server at all: kea gone; RENEWING (held until T2),
#      REBINDING (held until expiry), then the address is removed from
#      va and the client looks for a server again (SELECTING)
#   d  rebinding: kea back, BOUND; kea gone again, dnsmasq
#      (authoritative) on the link: RENEWING -> REBINDING -> BOUND with
#      the same address and dnsmasq as the server
#   e  a NAK at INIT-REBOOT: apedged stopped, kea (authoritative)
#      restarted with another pool; apedged started: REBOOTING, kea NAKs
#      the stored address, INIT, a new address from the new pool
# At the end apedged must stop with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp4_lib.sh"

d4_topology || exit 1
d4_host s1 $NET.1
d4_host s2 $NET.2
d4_host sq $NET.50
KEA_TIMES=('"valid-lifetime": 20' '"renew-timer": 5' '"rebind-timer": 10')

kea_start s1 "$T/kea.log" "$NET.50 - $NET.52" "${KEA_TIMES[@]}"
wait_for 10 grep -q DHCP4_STARTED "$T/kea.log"
d4_conf
d4_start
check "apedged starts" d4_up

# ---- a: a conflict ---------------------------------------------------------
check "a: BOUND" wait_state 30 BOUND
check "a: kea logged a DECLINE of $NET.50" \
	grep -q "DHCP4_DECLINE_LEASE Received DHCPDECLINE for addr $NET.50 " "$T/kea.log"
check "a: bound to $NET.51" bound_to $NET.51
check "a: logged PROBING -> INIT" logged PROBING INIT
check "a: logged PROBING -> BOUND" logged PROBING BOUND
check "a: a conflict counted" st_ge conflicts 1
check "a: one DECLINE sent" st_is tx.DECLINE 1
check "a: and counted" st_is declines 1
check "a: $NET.50 was never bound" sh -c "! grep -qs 'new_ip_address=$NET.50\$' '$T'/hook/*-BOUND"
check "a: hook DECLINE" wait_for 5 hook_seen DECLINE
check "a: show: lease 20 s, T1 5 s, T2 10 s" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .lease_s == 20 and .t1_s == 5 and .t2_s == 10 and .server == \"$NET.1\"'"
check "a: kea's routers and DNS" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .routers == [\"$NET.1\"] and .dns == [\"$NET.53\"]'"
check "a: kea's router is the default route" sh -c \
	"ip -n '$NS-cl' -4 route show default dev va | grep -q 'via $NET.1'"
# The squatter leaves; kea keeps .50 declined.
ip -n "$NS-sq" addr flush dev vsq

# ---- b: T1 with the server up --------------------------------------------
check "b: RENEWING -> BOUND after T1" wait_for 15 logged RENEWING BOUND
check "b: logged BOUND -> RENEWING" logged BOUND RENEWING
check "b: the renewal was unicast from $NET.51 to kea" grep -q \
	"DHCP4_BUFFER_RECEIVED received buffer from $NET.51:68 to $NET.1:67" "$T/kea.log"
check "b: BOUND" wait_state 5 BOUND
check "b: still $NET.51" bound_to $NET.51
check "b: the lease counts from the renewal" test "$(d4 acquired_s_ago)" -le 5
check "b: hook RENEW" wait_for 5 hook_has RENEW "new_ip_address=$NET.51"

# ---- c: expiry ------------------------------------------------------------
kill_wait "$KEA"
check "c: kea gone: RENEWING at T1" wait_state 10 RENEWING
check "c: the address is kept while renewing" has_addr $NET.51/24
check "c: REBINDING at T2" wait_state 10 REBINDING
check "c: the address is kept while rebinding" has_addr $NET.51/24
check "c: the lease expires: the address is removed" wait_for 15 no_addr
# The kernel may remove it first: the address's valid lifetime is the
# lease's.
check "c: counted" wait_for 5 st_is expiries 1
check "c: hook EXPIRE" wait_for 5 hook_has EXPIRE "old_ip_address=$NET.51"
check "c: logged REBINDING -> INIT" logged REBINDING INIT
check "c: looking for a server again" wait_state 5 SELECTING
check "c: the default route went too" sh -c \
	"! ip -n '$NS-cl' -4 route show default | grep -q via"

# ---- d: rebinding with a second server ----------------------------------------
kea_start s1 "$T/kea2.log" "$NET.50 - $NET.52" "${KEA_TIMES[@]}"
check "d: kea back: BOUND" wait_state 15 BOUND
A=$(d4 address)
check "d: to kea" test "$(d4 server)" = $NET.1
kill_wait "$KEA"
check "d: kea gone: RENEWING" wait_state 10 RENEWING
dnsmasq_start s2 "$T/dnsmasq.log" --no-ping --dhcp-authoritative \
	--dhcp-range=$NET.50,$NET.59,255.255.255.0,2m
check "d: dnsmasq ACKs the rebinding" \
	wait_for 15 grep -q "DHCPACK(vs2) $A $MAC" "$T/dnsmasq.log"
check "d: BOUND" wait_state 5 BOUND
check "d: with the same address, from dnsmasq" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .address == \"$A\" and .server == \"$NET.2\" and .lease_s == 120'"
check "d: logged RENEWING -> REBINDING" logged RENEWING REBINDING
check "d: logged REBINDING -> BOUND" logged REBINDING BOUND
check "d: hook REBIND" wait_for 5 hook_has REBIND "new_dhcp_server_identifier=$NET.2"
check "d: the address stayed on va" has_addr "$A/24"

# ---- e: a NAK at INIT-REBOOT ------------------------------------------------
rc=0
d4_stop || rc=$?
check "e: apedged stops with status 0" test $rc -eq 0
kill_wait "$DNSMASQ"
kea_start s1 "$T/kea3.log" "$NET.100 - $NET.102" "${KEA_TIMES[@]}" \
	'"authoritative": true'
wait_for 10 grep -q DHCP4_STARTED "$T/kea3.log"
d4_start
check "e: apedged starts again" d4_up
check "e: BOUND" wait_state 20 BOUND
A2=$(d4 address)
check "e: kea NAKed $A" grep -q "DHCPNAK" "$T/kea3.log"
check "e: logged INIT_REBOOT -> REBOOTING" logged INIT_REBOOT REBOOTING
check "e: logged REBOOTING -> INIT" logged REBOOTING INIT
check "e: the NAK is counted" st_is naks 1
check "e: bound to the new pool ($A2)" \
	sh -c "case '$A2' in $NET.10[0-2]) ;; *) exit 1 ;; esac"
check "e: $A is gone from va" sh -c \
	"! ip -n '$NS-cl' -4 -o addr show dev va | grep -q ' $A/'"
check "e: hook NAK" wait_for 5 hook_seen NAK

rc=0
d4_stop || rc=$?
check "apedged shuts down cleanly (status 0, no sanitizer report)" test $rc -eq 0
exit 0
