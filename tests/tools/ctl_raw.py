#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""One request on apedged's control socket, its reply's JSON on stdout.

    ctl_raw.py SOCKET 'REQUEST WORDS'

The reply as the daemon sends it (lib/ctrl.h): "ok\\n" and the JSON in one
packet, or "ok LENGTH\\n" and LENGTH bytes in as many packets.  For tests
that look at what apedgectl hides (dhcp6 leases' pages).  Status 1 and
the message on stderr for an "error" reply.
"""
import socket
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.settimeout(10)
s.connect(sys.argv[1])
s.send(sys.argv[2].encode() + b"\n")
first = s.recv(65536)
head, _, rest = first.partition(b"\n")
if head.startswith(b"error"):
    sys.stderr.write(first.decode())
    sys.exit(1)
if head == b"ok":
    sys.stdout.write(rest.decode())
    sys.exit(0)
want = int(head.split()[1])
while len(rest) < want:
    rest += s.recv(65536)
sys.stdout.write(rest.decode())
