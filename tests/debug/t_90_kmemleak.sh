# SPDX-License-Identifier: GPL-2.0
# Last: kmemleak's scan of everything since t_00_kmemleak_base (the
# module loaded and unloaded many times, its ports, bindings, bursts and
# netlink requests).  No object may be reported.
. "$(dirname "$0")/../vm/lib.sh"

kml=/sys/kernel/debug/kmemleak
# An object is reported once unreferenced for 5 s, at a scan; two scans
# apart, as kmemleak's documentation suggests.
echo scan >$kml
sleep 6
echo scan >$kml
# Any report counts: the backtraces of objects allocated by apedge.ko,
# which is unloaded by now, show addresses instead of its function
# names, so they cannot be told from the kernel's own.  (The scan's
# "new suspected memory leaks" line also fails the kernel log check.)
leaks=$(cat $kml)
check_eq "kmemleak reports nothing" "" "$leaks"
[ -z "$leaks" ] || echo "$leaks" | sed 's/^/#   /' | head -n 60
