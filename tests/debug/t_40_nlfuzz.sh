# SPDX-License-Identifier: GPL-2.0
# The netlink fuzzer (nlfuzz.py): random requests made from the YNL spec,
# as root and as an unprivileged user, with ports attached so that some
# requests reach them.
# vm-timeout: 1200
. "$(dirname "$0")/../vm/lib.sh"

n=${APEDGE_DEBUG_NLFUZZ:-2000}
load_module
veth va vb
veth vc vd
apedgectl port add dev va
apedgectl port add dev vc role trusted
fuzz=$(dirname "$0")/nlfuzz.py
out=$(/usr/bin/python3 "$fuzz" -n "$n" -s 1)
echo "# root: $out"
check_match "root: $n requests sent" "^sent $n," "$out"
before=$(apedgectl -j port show; apedgectl -j binding show; apedgectl -j binding limit)
out=$(/usr/bin/python3 "$fuzz" -n "$((n / 2))" -s 2 -u 65534)
echo "# nobody: $out"
check_match "nobody: $((n / 2)) requests sent" "^sent $((n / 2)), " "$out"
# The unprivileged user was refused and changed nothing.
check_match "nobody: refused with EPERM" "EPERM:" "$out"
check_eq "nobody: ports and bindings unchanged" "$before" \
	"$(apedgectl -j port show; apedgectl -j binding show; apedgectl -j binding limit)"
check "the module still answers" apedgectl port show
check "rmmod" rmmod apedge
check "va deletes at once (no reference left)" timeout "$DEL_SECS" ip link del va
