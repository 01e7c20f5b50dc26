# SPDX-License-Identifier: GPL-2.0
# The module alone, through the kernel's own interfaces (no apedgectl):
# insmod, the generic netlink family "apedge" and its multicast group
# "events", rmmod, a clean kernel log, and load/unload cycles.
. "$(dirname "$0")/lib.sh"

# The family as the generic netlink controller lists it: "NAME GROUP..."
# or nothing.
family() {
	genl ctrl list 2>/dev/null | awk '
		/^Name: / { cur = $2; if (cur == "apedge") found = 1 }
		cur == "apedge" && /name: / { for (i = 1; i < NF; i++) if ($i == "name:") g = g " " $(i + 1) }
		END { if (found) print "apedge" g }'
}
# Taint flags other than O (out-of-tree module, 4096) and E (unsigned
# module, 8192): a WARN sets W.
taint() { echo $(($(cat /proc/sys/kernel/tainted) & ~(4096 | 8192))); }

taint0=$(taint)
check_eq "no family apedge before insmod" "" "$(family)"
check "insmod apedge.ko" load_module
check_match "apedge in /proc/modules" '^apedge [0-9]+ 0 ' "$(cat /proc/modules)"
check_match "family apedge with its group events" '^apedge( [^ ]+)* events( |$)' "$(family)"
ctrl=$(genl ctrl get name apedge 2>&1) || true
check_match "genl ctrl get name apedge" '^Name: apedge$' "$(printf '%s\n' "$ctrl" | sed -n 2p)"
check_match "a family id" 'ID: 0x[0-9a-f]+' "$ctrl"
check_match "multicast group events" 'name: events' "$ctrl"
check_fail "a second insmod fails" load_module
check "rmmod apedge" unload_module
check_fail "gone from /proc/modules" grep -q '^apedge ' /proc/modules
check_fail "genl ctrl get name apedge fails" genl ctrl get name apedge
check_eq "family gone" "" "$(family)"
dmesg_clean "kernel log clean after insmod and rmmod"

# Reload, a few times over.
for i in 1 2 3; do
	check "insmod #$((i + 1))" load_module
	check_match "family back #$((i + 1))" ' events( |$)' "$(family)"
	check "rmmod #$((i + 1))" unload_module
done
check "insmod once more" load_module
check_match "the family answers once more" ' events( |$)' "$(family)"
dmesg_clean "kernel log clean after reloads"
check_eq "no new taint (W, D...) but O and E" "$taint0" "$(taint)"
