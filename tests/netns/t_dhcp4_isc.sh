#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged's DHCPv4 client against ISC dhcpd (isc-dhcp-server), on one
# link (dhcp4_lib.sh), acd off:
#
#   a  BOUND without PROBING (acd = no); option 121 as dhcpd sends it
#      (declared as an array of bytes, RFC 3442's encoding) gives the
#      default route and 192.168.8.0/24; the MTU; client_id = hex: is
#      what dhcpd sees (its lease file's uid)
#   b  "dhcp4 rebind": a broadcast REQUEST, dhcpd ACKs, BOUND
#   c  "dhcp4 renew": dhcpd ACKs the unicast REQUEST, BOUND
#   d  "dhcp4 release": dhcpd finds and frees the lease, the address goes
#   v  (after a) a reload adds [dhcp4 va.10], a VLAN interface, whose
#      server is dnsmasq on VLAN 10 of s1 (on a kernel without 802.1Q, a
#      second veth pair, vb, instead): both clients bound at once, va's
#      untouched by the reload; "dhcp4 show" lists both
# At the end apedged must stop with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp4_lib.sh"

d4_topology || exit 1
d4_host s1 $NET.1

dhcpd_start s1 "$T/dhcpd.log" "
authoritative;
ping-check false;
default-lease-time 60;
max-lease-time 60;
option rfc3442-routes code 121 = array of integer 8;
subnet $NET.0 netmask 255.255.255.0 {
	range $NET.70 $NET.79;
	option routers $NET.1;
	option domain-name-servers $NET.53;
	option interface-mtu 1450;
	option rfc3442-routes 24, 192, 168, 8, $(echo $NET | tr . ,), 1, 0, $(echo $NET | tr . ,), 1;
}"
check "dhcpd starts" wait_for 10 grep -q "Sending on .*/vs1" "$T/dhcpd.log"
d4_conf "acd = no" "client_id = hex:ff00112233"
d4_start
check "apedged starts" d4_up

# ---- a ----------------------------------------------------------------------
check "a: BOUND" wait_state 15 BOUND
A=$(d4 address)
check "a: from dhcpd's range ($A)" \
	sh -c "case '$A' in $NET.7[0-9]) ;; *) exit 1 ;; esac"
check "a: dhcpd logged the ACK" grep -q "DHCPACK on $A to $MAC" "$T/dhcpd.log"
check "a: no PROBING with acd = no" fails grep -q "dhcp4 va: .*PROBING" "$T/apedged.log"
check "a: logged REQUESTING -> BOUND" logged REQUESTING BOUND
check "a: $A/24 on va" has_addr "$A/24"
check "a: show: lease 60 s from $NET.1" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0] | .lease_s == 60 and .server == \"$NET.1\" and .mtu == 1450'"
check "a: option 121's default route" sh -c \
	"ip -n '$NS-cl' -4 route show default dev va | grep -q 'via $NET.1'"
check "a: option 121's 192.168.8.0/24" sh -c \
	"ip -n '$NS-cl' -4 route show dev va | grep -q '^192.168.8.0/24 via $NET.1'"
check "a: MTU 1450" sh -c "ip -n '$NS-cl' link show dev va | grep -q 'mtu 1450'"
check "a: dhcpd stored our client id" wait_for 5 grep -q \
	'uid "\\377\\000\\021\\"3"' "$T/s1.dhcpd.leases"
check "a: hook BOUND" wait_for 5 hook_has BOUND "new_ip_address=$A"

# ---- v: a second client, on a VLAN, added by a reload ------------------------
# A VLAN where the kernel has 802.1Q; else (a kernel without it) a second
# veth pair, vb, straight to s1: a second client all the same.
if ip -n "$NS-cl" link add link va name va.10 type vlan id 10 2>/dev/null &&
	ip -n "$NS-s1" link add link vs1 name vs1.10 type vlan id 10; then
	IF2=va.10 SIF2=vs1.10
else
	echo "# no 802.1Q in this kernel: a second veth pair instead of VLAN 10"
	IF2=vb SIF2=vs1b
	ip link add vb netns "$NS-cl" type veth peer name vs1b netns "$NS-s1"
fi
ip -n "$NS-cl" link set $IF2 up
ip -n "$NS-s1" addr add 10.40.0.1/24 dev $SIF2
ip -n "$NS-s1" link set $SIF2 up
spawn s1 "$T/dnsmasq10.log" dnsmasq -k -C /dev/null --port=0 --user=root \
	--interface=$SIF2 --bind-interfaces --log-dhcp --log-facility=- \
	--pid-file="$T/s1.10.dnsmasq.pid" --dhcp-leasefile="$T/s1.10.leases" \
	--no-ping --dhcp-range=10.40.0.50,10.40.0.59,255.255.255.0,2m
starts=$(grep -c "dhcp4 va: STOPPED ->" "$T/apedged.log")
printf '[dhcp4 %s]\nacd = no\nretrans_min_ms = 1000\n' $IF2 >>"$T/apedged.conf"
check "v: the reload is accepted" ctl daemon reload
check "v: $IF2 BOUND to an address of VLAN 10" wait_for 15 sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev $IF2 | jq -e '.[0] | .state == \"BOUND\" and (.address | startswith(\"10.40.0.5\"))'"
check "v: the address is on $IF2" sh -c \
	"ip -n '$NS-cl' -4 -o addr show dev $IF2 | grep -q ' inet 10.40.0.5'"
check "v: va still BOUND to $A" bound_to "$A"
check "v: and not restarted by the reload" \
	test "$(grep -c "dhcp4 va: STOPPED ->" "$T/apedged.log")" -eq "$starts"
check "v: dhcp4 show lists both" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show | jq -e 'map(.ifname) | sort == [\"va\", \"$IF2\"]'"
check "v: each has its lease file" test -s "$T/state/va.lease" -a -s "$T/state/$IF2.lease"

# ---- b: rebind on command ---------------------------------------------------
acks=$(grep -c "DHCPACK on $A" "$T/dhcpd.log")
check "b: dhcp4 rebind is accepted" ctl dhcp4 rebind dev va
check "b: dhcpd ACKs again" wait_for 10 sh -c \
	"[ \$(grep -c 'DHCPACK on $A' '$T/dhcpd.log') -gt $acks ]"
check "b: BOUND" wait_state 5 BOUND
check "b: logged BOUND -> REBINDING" logged BOUND REBINDING
check "b: logged REBINDING -> BOUND" logged REBINDING BOUND
check "b: the same address" bound_to "$A"

# ---- c: renew on command ------------------------------------------------------
acks=$(grep -c "DHCPACK on $A" "$T/dhcpd.log")
check "c: dhcp4 renew is accepted" ctl dhcp4 renew dev va
check "c: dhcpd ACKs again" wait_for 10 sh -c \
	"[ \$(grep -c 'DHCPACK on $A' '$T/dhcpd.log') -gt $acks ]"
check "c: BOUND" wait_state 5 BOUND
check "c: logged RENEWING -> BOUND" logged RENEWING BOUND
check "c: the same address" bound_to "$A"

# ---- d: release ------------------------------------------------------------
check "d: dhcp4 release is accepted" ctl dhcp4 release dev va
check "d: dhcpd frees the lease" wait_for 10 \
	grep -q "DHCPRELEASE of $A from $MAC .*(found)" "$T/dhcpd.log"
check "d: the address goes" wait_for 5 no_addr
check "d: tx RELEASE 1" st_is tx.RELEASE 1

rc=0
d4_stop || rc=$?
check "apedged shuts down cleanly (status 0, no sanitizer report)" test $rc -eq 0
exit 0
