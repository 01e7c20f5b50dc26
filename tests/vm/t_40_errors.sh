# SPDX-License-Identifier: GPL-2.0
# Every bad input: one clear line, a non-zero exit, and the state as it
# was.  Out-of-range values that apedgectl itself refuses are sent raw
# with the kernel's own YNL client to show the module refuses them too.
. "$(dirname "$0")/lib.sh"

STA=02:00:5e:00:00:01

# The module absent.
check_eq "absent module" \
	'apedgectl: the apedge module is not loaded (no generic netlink family "apedge")' \
	"$(apedgectl port show 2>&1)"
check_fail "absent module: non-zero exit" apedgectl info

load_module
veth va vb
# No IPv6 here: its ND would move the guard's counters under our feet.
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 net.ipv6.conf.vb.disable_ipv6=1
apedgectl port add dev va role trusted
state() { apedgectl -j port show; apedgectl -j stats; }
before=$(state)

# err DESC WANT CMD...: the command fails with exactly the line WANT.
err() {
	local desc=$1 want=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	check "$desc: non-zero exit" test "$rc" -ne 0
	check_eq "$desc: message" "$want" "$out"
	check_eq "$desc: state unchanged" "$before" "$(state)"
}

err "unknown interface" "apedgectl: port add: no such device (No such device)" \
	apedgectl port add dev nosuch0
err "port already added" "apedgectl: port add: port already attached (File exists)" \
	apedgectl port add dev va
err "malformed MAC" 'apedgectl: sta "02:00:5e:zz:00:01": not a MAC address (xx:xx:xx:xx:xx:xx)' \
	apedgectl xid send dev va sta 02:00:5e:zz:00:01
err "multicast station" "apedgectl: sta 01:00:5e:00:00:01: must be a unicast, non-zero address" \
	apedgectl xid send dev va sta 01:00:5e:00:00:01
err "not a port" "apedgectl: xid send: device is not an apedge port (No such file or directory)" \
	apedgectl xid send dev vb sta "$STA"
err "del of a non-port" "apedgectl: port del: device is not an apedge port (No such file or directory)" \
	apedgectl port del dev vb
err "vlan out of range" "apedgectl: vlan 4095: out of range 1..4094" \
	apedgectl xid send dev va sta "$STA" vlan 4095
err "count out of range" "apedgectl: count 33: out of range 1..32" \
	apedgectl xid send dev va sta "$STA" count 33
err "unknown role" 'apedgectl: role "boss": use trusted or untrusted' \
	apedgectl port add dev vb role boss
err "unknown command" 'apedgectl: unknown command "frobnicate" (try -h)' \
	apedgectl frobnicate

# Without CAP_NET_ADMIN: reading works, changing does not.
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
check "unprivileged port show works" nobody apedgectl port show
err "unprivileged port add" "apedgectl: port add: Operation not permitted (needs CAP_NET_ADMIN)" \
	nobody apedgectl port add dev vb
err "unprivileged port del" "apedgectl: port del: Operation not permitted (needs CAP_NET_ADMIN)" \
	nobody apedgectl port del dev va
err "unprivileged xid send" "apedgectl: xid send: Operation not permitted (needs CAP_NET_ADMIN)" \
	nobody apedgectl xid send dev va sta "$STA"
err "unprivileged policy set" "apedgectl: policy set: Operation not permitted (needs CAP_NET_ADMIN)" \
	nobody apedgectl policy set dev va nd-ra drop
err "policy set on a non-port" "apedgectl: policy set: device is not an apedge port (No such file or directory)" \
	apedgectl policy set dev vb nd-ra drop
err "root without CAP_NET_ADMIN" "apedgectl: port add: Operation not permitted (needs CAP_NET_ADMIN)" \
	setpriv --inh-caps=-net_admin --bounding-set=-net_admin apedgectl port add dev vb

# Raw requests past apedgectl's own checks, with the kernel's YNL client.
ynl_dir=$(ls -d /var/tmp/apedge-cache/linux-source-6.12/tools/net/ynl 2>/dev/null)
if [ -n "$ynl_dir" ]; then
	# Without the schema: scripts/ynl check validates the spec against
	# it on the host, and jsonschema in the guest costs seconds a call.
	ynl() {
		/usr/bin/python3 "$ynl_dir/cli.py" \
			--spec "$top/Documentation/netlink/specs/apedge.yaml" \
			--no-schema "$@"
	}
	idx=$(cat /sys/class/net/va/ifindex)
	rawerr() {
		local desc=$1 re=$2 out
		shift 2
		out=$(ynl --do xid-send --json "$1" 2>&1)
		check_match "raw $desc: refused by the module" "$re" "$out"
		check_eq "raw $desc: state unchanged" "$before" "$(state)"
	}
	rawerr "vlan 4095" 'out of range|Numerical result' \
		"{\"ifindex\": $idx, \"sta\": \"020000000001\", \"vlan\": 4095}"
	rawerr "vlan 0" 'out of range|Numerical result' \
		"{\"ifindex\": $idx, \"sta\": \"020000000001\", \"vlan\": 0}"
	rawerr "count 0" 'out of range|Numerical result' \
		"{\"ifindex\": $idx, \"sta\": \"020000000001\", \"count\": 0}"
	rawerr "interval without count" 'interval needs a count' \
		"{\"ifindex\": $idx, \"sta\": \"020000000001\", \"interval\": 10}"
	rawerr "zero station" 'unicast and not zero' \
		"{\"ifindex\": $idx, \"sta\": \"000000000000\"}"
	rawerr "no station" 'station address \(sta\) required' \
		"{\"ifindex\": $idx}"
	rawerr "ifindex and ifname disagree" 'name different devices' \
		"{\"ifindex\": $idx, \"ifname\": \"vb\", \"sta\": \"020000000001\"}"
fi
