# SPDX-License-Identifier: GPL-2.0
# Teardown without a grace period per port under RTNL (issue 14, item 7).
# A namespace with 64 attached ports is destroyed while traffic runs
# through one of them: kprobes count the grace periods waited for
# (synchronize_rcu_expedited, which synchronize_net() uses under RTNL, and
# synchronize_rcu) between the first and the last port's detach.  Before,
# each port waited for its own; now the second half of a port's teardown
# runs after one grace period from a workqueue.  Then a port detached and
# attached again at once, with a binding added each time: the deferred
# flush of the old port (by ifindex) must never take the new port's
# binding, which port add guarantees by waiting for it.
. "$(dirname "$0")/lib.sh"

load_module
n=64
ip netns add td
for i in $(seq 1 $n); do
	echo "link add ta$i type veth peer name tb$i"
	echo "link set ta$i up"
	echo "link set tb$i up"
done >"$T/links"
check "$n veth pairs in td" ip -n td -b "$T/links"
for i in $(seq 1 $n); do
	echo "port add dev ta$i"
done >"$T/ports"
check "$n ports attached" apedgectl -n td -b "$T/ports"
check_eq "$n ports listed" "$n" "$(apedgectl -n td -j port show | grep -o '"ifname"' | wc -l)"

tr=/sys/kernel/tracing
[ -d $tr/events ] || mount -t tracefs nodev $tr
echo >$tr/trace
echo >$tr/kprobe_events
{
	echo 'p:apedge_td_del apedge_port_del'
	echo 'p:apedge_td_sync_exp synchronize_rcu_expedited'
	echo 'p:apedge_td_sync synchronize_rcu'
} >>$tr/kprobe_events
echo 1 >$tr/events/kprobes/enable
echo 1 >$tr/tracing_on

# Traffic through the first port while the namespace goes.
ip netns exec td python3 - <<'PY' &
import socket, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('tb1', 0))
f = b'\xff' * 6 + b'\x02\x00\x5e\x00\x00\x01\x08\x00' + bytes(60)
end = time.time() + 10
while time.time() < end:
    try:
        s.send(f)
    except OSError:
        break
PY
sleep 1
ip netns del td
dels() { grep -c 'apedge_td_del:' $tr/trace; }
check "all $n ports detached" wait_for 60 sh -c "[ \$(grep -c 'apedge_td_del:' $tr/trace) -ge $n ]"
echo 0 >$tr/events/kprobes/enable
syncs=$(awk '/apedge_td_del:/ { if (!first) first = NR; last = NR }
	{ line[NR] = $0 }
	END { c = 0; for (i = first; i <= last; i++) if (line[i] ~ /apedge_td_sync/) c++; print c }' $tr/trace)
echo "# $(dels) detaches, $syncs grace periods waited for among them"
check "fewer than 8 grace periods for $n ports (one each before)" test "$syncs" -lt 8
echo >$tr/kprobe_events

# Detach and attach again at once, a binding each time; one apedgectl
# batch, so that the second attach follows the detach within microseconds.
veth va vb
bad=0
for i in $(seq 1 40); do
	printf '%s\n' "port add dev va" \
		"binding add ip 192.0.2.$i mac 02:00:5e:00:00:0a dev va" \
		"port del dev va" "port add dev va" \
		"binding add ip 192.0.2.$((i + 100)) mac 02:00:5e:00:00:0b dev va" \
		>"$T/batch"
	apedgectl -b "$T/batch" || bad=$((bad + 1))
	sleep 0.05
	apedgectl -j binding show | grep -q "\"192.0.2.$((i + 100))\"" || bad=$((bad + 1))
	apedgectl port del dev va
done
check_eq "a re-attached port keeps the binding added after (40 times)" 0 "$bad"
check_eq "no binding left" 0 "$(apedgectl -j binding show | grep -c '192.0.2')"
