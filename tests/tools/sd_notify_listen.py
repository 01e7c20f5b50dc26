#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# systemd's end of $NOTIFY_SOCKET, for tests: bind a datagram socket at
# SOCKET (mode 0666, so that a daemon that changed user can send), and
# append one line per notification to LOG: the sender's pid, as the
# kernel gives it (SO_PASSCRED, as systemd reads it), a space, and the
# message with its newlines written as "|".  Runs until killed.
#
#   sd_notify_listen.py SOCKET LOG
import os
import socket
import struct
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
out = open(sys.argv[2], "a", buffering=1)
while True:
    msg, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(12))
    pid = 0
    for lvl, typ, data in anc:
        if lvl == socket.SOL_SOCKET and typ == socket.SCM_CREDENTIALS:
            pid = struct.unpack("iII", data)[0]
    out.write("%d %s\n" % (pid, msg.decode(errors="replace").replace("\n", "|")))
