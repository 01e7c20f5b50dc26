# SPDX-License-Identifier: GPL-2.0
# apedged's DHCPv4 client hands its DNS to resolvconf (resolv = auto)
# when /sbin/resolvconf is there.  openresolv is installed in the guest
# only (dpkg -i into the guest's tmpfs overlay: the host's root and its
# /etc/resolv.conf stay as they are); the .deb comes from the host's
# cache, fetched by scripts/deps (scripts/vm-debs).
#
#  1. dnsmasq gives two name servers, a domain and a search list; the
#     client's record va.dhcp4 reaches resolvconf (resolvconf -l) and
#     /etc/resolv.conf, and resolv_file is not written.
#  2. The server's DNS changes: after a renewal the record holds the
#     new servers only (replaced by -a, never -d then -a, whose order
#     would be the two children's race).
#  3. apedgectl dhcp4 release takes the record out (resolvconf -d) and
#     the servers out of /etc/resolv.conf.
#
#                  va ----------- vs  :ns srv (dnsmasq)
#
# vm-timeout: 600
# vm-kernels: one
. "$(dirname "$0")/lib.sh"

deb=$(ls "${APEDGE_CACHE:-/var/tmp/apedge-cache}"/debs/openresolv_*_all.deb 2>/dev/null | tail -n 1)
if [ -z "$deb" ]; then
	_result "not ok" "openresolv's .deb in ${APEDGE_CACHE:-/var/tmp/apedge-cache}/debs (run scripts/vm-debs on the host): nothing tested"
	exit 0
fi
check "no resolvconf before" test ! -e /sbin/resolvconf
check "dpkg -i openresolv (in the guest's overlay)" sh -c \
	"DEBIAN_FRONTEND=noninteractive dpkg -i '$deb' >'$T/dpkg.log' 2>&1"
check "/sbin/resolvconf is there" test -x /sbin/resolvconf
# What the host's resolv.conf holds: none of the test's servers.
check_eq "/etc/resolv.conf has none of ours yet" "" \
	"$(grep -E '192\.0\.2\.5[3-5]' /etc/resolv.conf)"
cp /etc/resolv.conf "$T/resolv.conf.orig"

ip netns add srv
ip -n srv link set lo up
ip link add va type veth peer name vs netns srv
ip -n srv addr add 192.0.2.1/24 dev vs
ip -n srv link set vs up
ip link set va up

# dnsmasq NAME ARGS...: a DHCP-only dnsmasq in srv, log $T/NAME.log.
dnsmasq_srv() {
	local name=$1
	shift
	ip netns exec srv dnsmasq --conf-file=/dev/null --keep-in-foreground \
		--bind-interfaces --port=0 --no-resolv --no-hosts --no-ping \
		--dhcp-authoritative --dhcp-leasefile="$T/srv.leases" \
		--pid-file="$T/$name.pid" --user=root --log-dhcp \
		--log-facility="$T/$name.log" --interface=vs \
		--dhcp-range=192.0.2.100,192.0.2.150,255.255.255.0,1h "$@" &
}
dnsmasq_srv srv1 --dhcp-option=6,192.0.2.53,192.0.2.54 \
	--dhcp-option=15,lab.example --dhcp-option=119,lab.example,corp.example
srv1=$!
check "dnsmasq is up" wait_for 30 grep -q 'DHCP, IP range' "$T/srv1.log"

mkdir -p "$T/state"
cat >"$T/apedged.conf" <<EOC
[general]
ctrl_socket = $T/ctl.sock
log_level = debug
[dhcp4]
state_dir = $T/state
[dhcp4 va]
resolv = auto
resolv_file = $T/resolv.va
retrans_min_ms = 2000
retrans_max_ms = 8000
probe_wait_ms = 100
probe_min_ms = 100
probe_max_ms = 200
probe_num = 2
announce_wait_ms = 200
announce_num = 1
EOC
ctl() { apedgectl -s "$T/ctl.sock" "$@"; }
apedged -f -c "$T/apedged.conf" 2>"$T/log" &
apd=$!
check "apedged answers" wait_for 30 ctl daemon ping
d4() { ctl -j dhcp4 show dev "$1" | jq -r ".[0].$2 // empty"; }
bound() { [ "$(d4 "$1" state)" = BOUND ]; }
check "dhcp4 va: BOUND" wait_for 120 bound va

# 1. The record and /etc/resolv.conf.
has_rec() { resolvconf -l va.dhcp4 | grep -q "$1"; }
check "resolvconf has va.dhcp4" wait_for 30 has_rec 'nameserver 192\.0\.2\.53'
rec=$(resolvconf -l va.dhcp4)
echo "$rec" | sed 's/^/#   record: /'
check_match "the record: both servers" \
	'nameserver 192\.0\.2\.53.*nameserver 192\.0\.2\.54' "$(printf '%s' "$rec" | tr '\n' ' ')"
check_match "the record: the search list" 'search lab\.example corp\.example' "$rec"
check_match "the record: the domain" 'domain lab\.example' "$rec"
check "openresolv's state file for it" test -s /run/resolvconf/interfaces/va.dhcp4
# The record is written before resolv.conf is.
check "/etc/resolv.conf gets 192.0.2.53" wait_for 30 \
	grep -qx 'nameserver 192\.0\.2\.53' /etc/resolv.conf
rc=$(cat /etc/resolv.conf)
echo "$rc" | sed 's/^/#   resolv.conf: /'
check_match "/etc/resolv.conf: 192.0.2.53" '^nameserver 192\.0\.2\.53$' "$(grep 192.0.2.53 /etc/resolv.conf)"
check_match "/etc/resolv.conf: 192.0.2.54" '^nameserver 192\.0\.2\.54$' "$(grep 192.0.2.54 /etc/resolv.conf)"
check_match "/etc/resolv.conf: the search list" \
	'^search .*lab\.example.*corp\.example' "$(grep '^search' /etc/resolv.conf)"
check "resolv_file not written (resolvconf took it)" test ! -e "$T/resolv.va"
check_eq "no resolvconf child failed" "" "$(grep 'resolvconf for va exited' "$T/log")"

# 2. New servers: the record replaced.
kill "$srv1"
wait "$srv1" 2>/dev/null || true
dnsmasq_srv srv2 --dhcp-option=6,192.0.2.55 \
	--dhcp-option=15,lab.example --dhcp-option=119,lab.example,corp.example
check "dnsmasq (new DNS) is up" wait_for 30 grep -q 'DHCP, IP range' "$T/srv2.log"
check "dhcp4 renew dev va" ctl dhcp4 renew dev va
check "the record names 192.0.2.55" wait_for 60 has_rec 'nameserver 192\.0\.2\.55'
check "/etc/resolv.conf gets 192.0.2.55" wait_for 30 \
	grep -qx 'nameserver 192\.0\.2\.55' /etc/resolv.conf
# Both children would have ended well within 5 s.
sleep 5
check "the record is still there after the change" has_rec 'nameserver 192\.0\.2\.55'
check_eq "the record: the old servers gone" "" \
	"$(resolvconf -l va.dhcp4 | grep -E '192\.0\.2\.5[34]')"
check_match "/etc/resolv.conf: 192.0.2.55" '^nameserver 192\.0\.2\.55$' "$(grep 192.0.2.55 /etc/resolv.conf)"
check_eq "/etc/resolv.conf: the old servers gone" "" \
	"$(grep -E '192\.0\.2\.5[34]' /etc/resolv.conf)"

# 3. RELEASE: the record and the servers go.
check "dhcp4 release dev va" ctl dhcp4 release dev va
gone() { [ ! -e /run/resolvconf/interfaces/va.dhcp4 ]; }
check "the record is gone" wait_for 30 gone
check_eq "resolvconf -l lists no va.dhcp4" "" "$(resolvconf -l 2>/dev/null | grep va.dhcp4)"
# resolvconf -d removes the record first, then rewrites resolv.conf;
# with no record left openresolv puts back the one it found.
check "/etc/resolv.conf is the one before again" wait_for 30 \
	diff -qB /etc/resolv.conf "$T/resolv.conf.orig"
check_eq "/etc/resolv.conf: our servers gone" "" \
	"$(grep -E '192\.0\.2\.5[3-5]' /etc/resolv.conf)"
check_eq "the address is gone too" "" "$(ip -4 -o addr show dev va)"
check_eq "no resolvconf child failed" "" "$(grep 'resolvconf for va exited' "$T/log")"

kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0" 0 "$rc"
echo "# apedged's log (dhcp4):"
grep -E 'dhcp4|resolvconf' "$T/log" | tail -n 30 | sed 's/^/#   /'
