#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's DHCPv4 client against dnsmasq, on one link (dhcp4_lib.sh),
# its state read back with "apedgectl -j dhcp4 show" at each step:
#
#   a  no server yet: SELECTING, DISCOVERs retransmitted; dnsmasq comes:
#      INIT -> SELECTING -> REQUESTING -> PROBING (held 1.5 s) -> BOUND;
#      the address with its lifetime, option 121's routes (which replace
#      option 3's router; an off-link gateway gets a host route first),
#      the MTU, the DNS file, the lease file, the hook's environment;
#      dnsmasq saw our hostname and vendor class
#   b  INIT-REBOOT after a restart: the address stays over the stop; on
#      start INIT_REBOOT -> REBOOTING -> BOUND, the same address, no
#      DISCOVER (the daemon's counters and dnsmasq's log)
#   c  "dhcp4 renew": BOUND -> RENEWING -> BOUND, by unicast
#   d  a NAK: dnsmasq restarted with another range and no leases;
#      "dhcp4 renew" is NAKed: RENEWING -> INIT, the old address goes,
#      a new one from the new range is bound
#   e  link down: STOPPED; up: INIT_REBOOT, the same address, its routes
#      back (the kernel took them with the link); the carrier lost (the
#      peer down) and back: the same
#   f  "dhcp4 release": dnsmasq sees the RELEASE, the address, routes and
#      lease file go; "dhcp4 renew" starts again from INIT
# At the end apedged must stop with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp4_lib.sh"

d4_topology || exit 1
d4_host s1 $NET.1

DNSMASQ_OPTS=(--no-ping
	"--dhcp-option=3,$NET.254"
	"--dhcp-option=6,$NET.53,$NET.54"
	"--dhcp-option=15,example.test"
	"--dhcp-option=119,a.example.test,b.example.test"
	"--dhcp-option=26,1400"
	"--dhcp-option=121,0.0.0.0/0,$NET.1,10.99.0.0/16,$NET.1,172.16.5.0/24,10.30.0.1")

d4_conf "probe_wait_ms = 1500" "hostname = apedge-t1" "vendor_class = apedge-test"
d4_start
check "apedged starts" d4_up

# ---- a: the first lease ----------------------------------------------------
check "a: no server: SELECTING" wait_state 10 SELECTING
check "a: the DISCOVER is retransmitted" wait_for 10 st_ge tx.DISCOVER 2
check "a: no address yet" no_addr
dnsmasq_start s1 "$T/dnsmasq.log" --dhcp-range=$NET.50,$NET.59,255.255.255.0,2m \
	"${DNSMASQ_OPTS[@]}"
check "a: PROBING (acd on, probe_wait 1.5 s)" wait_state 10 PROBING
check "a: no address while probing" no_addr
check "a: BOUND" wait_state 10 BOUND
A1=$(d4 address)
check "a: the address is from dnsmasq's range ($A1)" \
	grep -q "DHCPACK(vs1) $A1 $MAC apedge-t1" "$T/dnsmasq.log"
for t in "INIT SELECTING" "SELECTING REQUESTING" "REQUESTING PROBING" \
	"PROBING BOUND"; do
	# shellcheck disable=SC2086
	check "a: logged ${t/ / -> }" logged $t
done
check "a: $A1/24 on va" has_addr "$A1/24"
check "a: its valid lifetime is the lease's (<= 120 s, not forever)" sh -c \
	"ip -n '$NS-cl' -4 addr show dev va | grep -A1 ' $A1/' | grep -Eq 'valid_lft (1[01][0-9]|120|[0-9]{1,2})sec'"
check "a: show: server, lease, plen" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .server == \"$NET.1\" and .lease_s == 120 and .plen == 24 and .t1_s == 60 and .expires_in_s <= 120 and .expires_in_s > 100'"
check "a: show: routers, dns, domain, search, mtu" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .routers == [\"$NET.254\"] and .dns == [\"$NET.53\", \"$NET.54\"] and .domain == \"example.test\" and .search == [\"a.example.test\", \"b.example.test\"] and .mtu == 1400'"
check "a: show: the three option 121 routes" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0].routes | length == 3 and (map(.dst) | index(\"10.99.0.0/16\")) != null'"
check "a: option 121's default route" sh -c "ip -n '$NS-cl' -4 route show default dev va | grep -q 'via $NET.1'"
check "a: option 121's 10.99.0.0/16 via $NET.1" sh -c \
	"ip -n '$NS-cl' -4 route show dev va | grep -q '^10.99.0.0/16 via $NET.1'"
check "a: the off-link gateway 10.30.0.1 has a host route" sh -c \
	"ip -n '$NS-cl' -4 route show dev va | grep -Eq '^10.30.0.1 .*scope link'"
check "a: and 172.16.5.0/24 goes through it" sh -c \
	"ip -n '$NS-cl' -4 route show dev va | grep -q '^172.16.5.0/24 via 10.30.0.1'"
check "a: option 3's router is not used (121 replaces it)" sh -c \
	"! ip -n '$NS-cl' -4 route show dev va | grep -q 'via $NET.254'"
check "a: MTU 1400 (option 26)" sh -c \
	"ip -n '$NS-cl' link show dev va | grep -q 'mtu 1400'"
check "a: the DNS file" sh -c "grep -q '^nameserver $NET.53' '$T/resolv.conf' &&
	grep -q '^nameserver $NET.54' '$T/resolv.conf' &&
	grep -Eq '^search .*a.example.test' '$T/resolv.conf'"
check "a: the lease file" test -s "$T/state/va.lease"
check "a: the hook ran with BOUND" wait_for 5 hook_seen BOUND
for v in interface=va new_ip_address=$A1 new_subnet_mask=255.255.255.0 \
	new_prefix_length=24 new_routers=$NET.254 \
	"new_domain_name_servers=$NET.53 $NET.54" new_domain_name=example.test \
	new_interface_mtu=1400 new_dhcp_server_identifier=$NET.1 \
	new_dhcp_lease_time=120; do
	check "a: hook BOUND: $v" wait_for 5 hook_has BOUND "$v"
done
check "a: hook BOUND: new_classless_static_routes" sh -c \
	"grep -q '^new_classless_static_routes=.*10.99.0.0/16' '$(hook_last BOUND)'"
check "a: dnsmasq saw the vendor class" \
	grep -q "vendor class: apedge-test" "$T/dnsmasq.log"
check "a: stats: 1 OFFER, 1 ACK taken, 1 REQUEST sent" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq -e '.[0] | .rx.OFFER >= 1 and .rx.ACK == 1 and .tx.REQUEST == 1'"
check "a: text show names the state and address" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' dhcp4 show dev va | grep BOUND | grep -q '$A1'"

# ---- b: INIT-REBOOT after a restart ----------------------------------------
disc=$(grep -c "DHCPDISCOVER(vs1)" "$T/dnsmasq.log")
reqs=$(grep -c "DHCPREQUEST(vs1)" "$T/dnsmasq.log")
rc=0
d4_stop || rc=$?
check "b: apedged stops with status 0" test $rc -eq 0
check "b: the address survives the stop" has_addr "$A1/24"
check "b: so does the default route" sh -c "ip -n '$NS-cl' -4 route show default | grep -q via"
d4_start
check "b: apedged starts again" d4_up
check "b: BOUND again" wait_state 15 BOUND
check "b: with the same address" bound_to "$A1"
check "b: logged INIT_REBOOT -> REBOOTING" logged INIT_REBOOT REBOOTING
check "b: logged REBOOTING -> BOUND or PROBING" sh -c \
	"grep -Eq 'dhcp4 va: REBOOTING -> (BOUND|PROBING)' '$T/apedged.log'"
check "b: no DISCOVER sent" st_is tx.DISCOVER 0
check "b: one REQUEST sent" st_is tx.REQUEST 1
check "b: dnsmasq saw no DISCOVER" \
	test "$(grep -c "DHCPDISCOVER(vs1)" "$T/dnsmasq.log")" -eq "$disc"
check "b: dnsmasq saw the REQUEST" \
	test "$(grep -c "DHCPREQUEST(vs1)" "$T/dnsmasq.log")" -gt "$reqs"
check "b: hook REBOOT" wait_for 5 hook_has REBOOT "new_ip_address=$A1"
check "b: the address is still on va, once" test \
	"$(ip -n "$NS-cl" -4 -o addr show dev va | grep -c " inet $A1/")" -eq 1

# ---- c: renew on command -----------------------------------------------------
reqs=$(grep -c "DHCPREQUEST(vs1) $A1" "$T/dnsmasq.log")
check "c: dhcp4 renew is accepted" ctl dhcp4 renew dev va
check "c: dnsmasq ACKs the renewal" wait_for 10 sh -c \
	"[ \$(grep -c 'DHCPACK(vs1) $A1' '$T/dnsmasq.log') -gt $reqs ]"
check "c: BOUND" wait_state 10 BOUND
check "c: logged BOUND -> RENEWING" logged BOUND RENEWING
check "c: logged RENEWING -> BOUND" logged RENEWING BOUND
check "c: two REQUESTs sent since the start" st_is tx.REQUEST 2
check "c: the lease counts from the renewal" test "$(d4 acquired_s_ago)" -le 5
check "c: hook RENEW" wait_for 5 hook_has RENEW "new_ip_address=$A1"
check "c: RENEW hook has old_ip_address" wait_for 5 hook_has RENEW "old_ip_address=$A1"

# ---- d: a NAK: the server's range changed -------------------------------------
kill_wait "$DNSMASQ"
rm -f "$T/s1.leases"
dnsmasq_start s1 "$T/dnsmasq2.log" --dhcp-range=$NET.100,$NET.109,255.255.255.0,2m \
	"${DNSMASQ_OPTS[@]}"
wait_for 5 grep -q "DHCP, IP range" "$T/dnsmasq2.log"
check "d: dhcp4 renew is accepted" ctl dhcp4 renew dev va
check "d: dnsmasq NAKs $A1" wait_for 10 grep -q "DHCPNAK(vs1) $A1" "$T/dnsmasq2.log"
check "d: BOUND again" wait_state 20 BOUND
A2=$(d4 address)
check "d: to an address of the new range ($A2)" \
	sh -c "case '$A2' in $NET.10[0-9]) ;; *) exit 1 ;; esac"
check "d: logged RENEWING -> INIT" logged RENEWING INIT
check "d: the NAK is counted" st_is naks 1
check "d: rx NAK 1" st_is rx.NAK 1
check "d: $A1 is gone from va" sh -c \
	"! ip -n '$NS-cl' -4 -o addr show dev va | grep -q ' $A1/'"
check "d: $A2 is on va" has_addr "$A2/24"
check "d: hook NAK" wait_for 5 hook_seen NAK
check "d: hook BOUND with $A2" wait_for 5 hook_has BOUND "new_ip_address=$A2"

# ---- e: link down and up ---------------------------------------------------
n_reboot() { grep -c "dhcp4 va: STOPPED -> INIT_REBOOT" "$T/apedged.log"; }
reboots=$(n_reboot)
ip -n "$NS-cl" link set va down
check "e: link down: STOPPED" wait_state 5 STOPPED
check "e: hook STOP" wait_for 5 hook_seen STOP
ip -n "$NS-cl" link set va up
check "e: link up: BOUND" wait_state 15 BOUND
check "e: through INIT_REBOOT" test "$(n_reboot)" -eq $((reboots + 1))
check "e: the same address" bound_to "$A2"
check "e: the default route is back" wait_for 5 sh -c \
	"ip -n '$NS-cl' -4 route show default dev va | grep -q 'via $NET.1'"
check "e: and 10.99.0.0/16" sh -c \
	"ip -n '$NS-cl' -4 route show dev va | grep -q '^10.99.0.0/16 via $NET.1'"
ip -n "$NS-sw" link set vsa down
check "e: carrier lost: STOPPED" wait_state 5 STOPPED
ip -n "$NS-sw" link set vsa up
check "e: carrier back: BOUND" wait_state 15 BOUND
check "e: through INIT_REBOOT" test "$(n_reboot)" -eq $((reboots + 2))
check "e: the same address" bound_to "$A2"

# ---- f: release ------------------------------------------------------------
check "f: dhcp4 release is accepted" ctl dhcp4 release dev va
check "f: dnsmasq sees the RELEASE" wait_for 10 grep -q "DHCPRELEASE(vs1) $A2" "$T/dnsmasq2.log"
check "f: the address goes" wait_for 5 no_addr
check "f: the routes go" sh -c "! ip -n '$NS-cl' -4 route show dev va | grep -q via"
check "f: not BOUND any more" fails state_is BOUND
check "f: tx RELEASE 1" st_is tx.RELEASE 1
check "f: hook RELEASE" wait_for 5 hook_has RELEASE "old_ip_address=$A2"
check "f: the lease file is gone" test ! -e "$T/state/va.lease"
check "f: dhcp4 renew starts it again" ctl dhcp4 renew dev va
check "f: BOUND" wait_state 15 BOUND
check "f: after a DISCOVER" st_ge tx.DISCOVER 1

rc=0
d4_stop || rc=$?
check "apedged shuts down cleanly (status 0, no sanitizer report)" test $rc -eq 0
exit 0
