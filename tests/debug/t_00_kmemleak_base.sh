# SPDX-License-Identifier: GPL-2.0
# The debug kernel's baseline: kmemleak is on, and what it suspects from
# the boot (before any test loaded the module) is set aside, so that
# t_90_kmemleak reports only what came after.
. "$(dirname "$0")/../vm/lib.sh"

kml=/sys/kernel/debug/kmemleak
check "kmemleak is on" test -w $kml
check "lockdep is on" grep -q 'lock-classes' /proc/lockdep_stats
check "KASAN is on" grep -q ' kasan_report$' /proc/kallsyms
check "DEBUG_ATOMIC_SLEEP is on" grep -q ' __might_resched$' /proc/kallsyms
check "DEBUG_OBJECTS is on" grep -q ' debug_object_init$' /proc/kallsyms
# No scans of its own every ten minutes: they cost minutes of the guest's
# CPU each under TCG; t_90 scans when all is done.
echo scan=off >$kml
echo scan >$kml
echo clear >$kml
