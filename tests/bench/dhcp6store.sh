#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the DHCPv6 server's lease store (daemon/apedged/dhcp6/
# store.c) on this machine's disk, on the host (no VM, no module):
#
#   - appends per second with group commit (B records a loop turn, one
#     write and one fdatasync for them) against one fsync per record
#     (B = 1), with the ratio;
#   - the time to load 100,000 leases at a restart, from a snapshot and
#     from a journal alone (target: serving within 1 s);
#   - the loop turn that commits them and forks the snapshot writer, and
#     how long the writer runs.
#
#   tests/bench/dhcp6store.sh [DIR [SECONDS]]
#
# DIR (default: a new directory under /var/tmp, which is on disk) must
# not be a tmpfs, where fsync costs nothing.  Prints figures; never
# fails on a figure.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$top/daemon" build/bin/dhcp6store_bench
dir=${1:-}
own=
if [ -z "$dir" ]; then
	dir=$(mktemp -d /var/tmp/d6store-bench.XXXXXX)
	own=1
fi
trap '[ -n "$own" ] && rm -rf "$dir"' EXIT
fs=$(stat -f -c %T "$dir")
echo "dhcp6 store benchmark: $dir ($fs), $(nproc) cpus, $(uname -r)"
[ "$fs" = tmpfs ] && echo "warning: a tmpfs: fsync costs nothing here"
"$top/daemon/build/bin/dhcp6store_bench" "$dir" "${2:-2}"
