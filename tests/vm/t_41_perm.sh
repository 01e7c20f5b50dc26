# SPDX-License-Identifier: GPL-2.0
# Who may read what: a local unprivileged user can neither join the events
# and punt groups (which carry stations' DHCP and ND packets) nor read the
# bindings (which name stations), even from a user namespace of its own;
# the reads that name no station stay open.  Raw requests from
# tests/vm/genl.py, past apedgectl.
. "$(dirname "$0")/lib.sh"

genl() { python3 "$top/tests/vm/genl.py" "$@"; }
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

load_module
modprobe dummy
veth va vb
apedgectl port add dev va
apedgectl binding add ip 192.0.2.10 mac 02:00:5e:00:00:0a dev va
idx=$(cat /sys/class/net/va/ifindex)

# root: everything.
check_eq "root joins events" joined "$(genl join events)"
check_eq "root joins punt" joined "$(genl join punt)"
check_eq "root gets a binding" ok "$(genl do binding-get binding.ipv4=ip4:192.0.2.10)"
check_eq "root dumps the bindings" "1 messages" "$(genl dump binding-get)"

# nobody: not the groups, not the bindings.
check_eq "nobody cannot join events" "error EPERM" "$(nobody python3 "$top/tests/vm/genl.py" join events)"
check_eq "nobody cannot join punt" "error EPERM" "$(nobody python3 "$top/tests/vm/genl.py" join punt)"
check_eq "nobody cannot get a binding" "error EPERM" \
	"$(nobody python3 "$top/tests/vm/genl.py" do binding-get binding.ipv4=ip4:192.0.2.10)"
check_eq "nobody cannot dump the bindings" "error EPERM" \
	"$(nobody python3 "$top/tests/vm/genl.py" dump binding-get)"
check_eq "nobody: apedgectl binding show" \
	"apedgectl: binding show: Operation not permitted (needs CAP_NET_ADMIN)" \
	"$(nobody apedgectl binding show 2>&1)"
check_match "nobody: apedgectl monitor" "Operation not permitted" \
	"$(nobody timeout 10 apedgectl monitor 2>&1)"

# nobody: what names no station.
check_eq "nobody gets info" ok "$(nobody python3 "$top/tests/vm/genl.py" do info-get)"
check_eq "nobody gets a port" ok "$(nobody python3 "$top/tests/vm/genl.py" do port-get port.ifindex=u32:$idx)"
check_eq "nobody dumps the ports" "1 messages" "$(nobody python3 "$top/tests/vm/genl.py" dump port-get)"
check_eq "nobody dumps the counters" "1 messages" "$(nobody python3 "$top/tests/vm/genl.py" dump stats-get)"
check_eq "nobody gets the table's size" ok "$(nobody python3 "$top/tests/vm/genl.py" do binding-config-get)"
check "nobody: apedgectl port show" nobody apedgectl port show

# nobody in a user and network namespace of its own holds CAP_NET_ADMIN
# there: the kernel lets it join that namespace's groups (no port can be
# there but by root's hand), but the commands want the initial user
# namespace's: no port of its own, no bindings.
if nobody unshare -Urn true 2>/dev/null; then
	own() { nobody unshare -Urn sh -c 'ip link add d0 type dummy && "$@"' _ "$@"; }
	check_eq "own namespace: joins its events" joined \
		"$(own python3 "$top/tests/vm/genl.py" join events)"
	check_eq "own namespace: cannot add a port" "error EPERM" \
		"$(own python3 "$top/tests/vm/genl.py" do port-add port.ifname=str:d0)"
	check_eq "own namespace: cannot dump bindings" "error EPERM" \
		"$(own python3 "$top/tests/vm/genl.py" dump binding-get)"
else
	echo "# no unprivileged user namespaces here; skipped"
fi
