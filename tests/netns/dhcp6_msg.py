#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""One crafted DHCPv6 client message and the server's answer, as JSON.

Run in the client's namespace:

  dhcp6_msg.py IFNAME TYPE --duid HEX [--server-duid HEX] [--unicast ADDR]
               [--na IAID[=ADDR,...]] [--pd IAID[=PREFIX/LEN,...]]
               [--rapid-commit] [--oro 23,24] [--wait S]

TYPE is solicit, request, confirm, renew, rebind, release, decline or
info.  Prints {"type": "REPLY", "status": 0, "ias": [{"kind": "na",
"iaid": 1, "status": 0, "addrs": [["2001:db8::1", 128, 3600, 7200]]}],
"dns": [...]} or {"type": null} when nothing came within --wait seconds.
"""
import argparse
import json
import random
import socket
import struct
import sys

TYPES = {"solicit": 1, "request": 3, "confirm": 4, "renew": 5, "rebind": 6,
         "release": 8, "decline": 9, "info": 11}
NAMES = {2: "ADVERTISE", 7: "REPLY"}


def opt(code, data):
    return struct.pack("!HH", code, len(data)) + data


def ia(kind, spec):
    iaid, _, rest = spec.partition("=")
    inner = b""
    for a in filter(None, rest.split(",")):
        if kind == 25:
            p, _, plen = a.partition("/")
            inner += opt(26, struct.pack("!IIB", 0, 0, int(plen)) +
                         socket.inet_pton(socket.AF_INET6, p))
        else:
            inner += opt(5, socket.inet_pton(socket.AF_INET6, a) +
                         struct.pack("!II", 0, 0))
    if kind == 25 or kind == 3:
        return opt(kind, struct.pack("!III", int(iaid), 0, 0) + inner)
    return b""


def status(body):
    """The Status Code in an option list, or 0 when none."""
    i = 0
    while i + 4 <= len(body):
        c, n = struct.unpack("!HH", body[i:i + 4])
        if c == 13:
            return struct.unpack("!H", body[i + 4:i + 6])[0]
        i += 4 + n
    return 0


def parse(b):
    out = {"type": NAMES.get(b[0], b[0]), "xid": int.from_bytes(b[1:4], "big"),
           "status": 0, "ias": [], "dns": [], "rapid_commit": False,
           "server_duid": None}
    body = b[4:]
    out["status"] = status(body)
    i = 0
    while i + 4 <= len(body):
        c, n = struct.unpack("!HH", body[i:i + 4])
        v = body[i + 4:i + 4 + n]
        if c == 2:
            out["server_duid"] = v.hex()
        elif c == 14:
            out["rapid_commit"] = True
        elif c == 23:
            out["dns"] = [socket.inet_ntop(socket.AF_INET6, v[k:k + 16])
                          for k in range(0, len(v), 16)]
        elif c in (3, 25):
            iaid, t1, t2 = struct.unpack("!III", v[:12])
            x = {"kind": "na" if c == 3 else "pd", "iaid": iaid, "t1": t1,
                 "t2": t2, "status": status(v[12:]), "addrs": []}
            k = 12
            while k + 4 <= len(v):
                cc, nn = struct.unpack("!HH", v[k:k + 4])
                w = v[k + 4:k + 4 + nn]
                if cc == 5:
                    pl, vl = struct.unpack("!II", w[16:24])
                    x["addrs"].append([socket.inet_ntop(socket.AF_INET6,
                                                        w[:16]), 128, pl, vl])
                elif cc == 26:
                    pl, vl, plen = struct.unpack("!IIB", w[:9])
                    x["addrs"].append([socket.inet_ntop(socket.AF_INET6,
                                                        w[9:25]), plen, pl,
                                       vl])
                k += 4 + nn
            out["ias"].append(x)
        i += 4 + n
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ifname")
    ap.add_argument("type", choices=sorted(TYPES))
    ap.add_argument("--duid", required=True)
    ap.add_argument("--server-duid")
    ap.add_argument("--unicast")
    ap.add_argument("--na", action="append", default=[])
    ap.add_argument("--pd", action="append", default=[])
    ap.add_argument("--rapid-commit", action="store_true")
    ap.add_argument("--oro", default="23,24")
    ap.add_argument("--wait", type=float, default=3)
    a = ap.parse_args()

    xid = random.getrandbits(24)
    m = struct.pack("!I", TYPES[a.type] << 24 | xid)
    m += opt(1, bytes.fromhex(a.duid))
    if a.server_duid:
        m += opt(2, bytes.fromhex(a.server_duid))
    for s in a.na:
        m += ia(3, s)
    for s in a.pd:
        m += ia(25, s)
    if a.oro:
        m += opt(6, b"".join(struct.pack("!H", int(c))
                             for c in a.oro.split(",")))
    m += opt(8, b"\0\0")
    if a.rapid_commit:
        m += opt(14, b"")

    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, a.ifname.encode())
    s.bind(("::", 546))
    idx = socket.if_nametoindex(a.ifname)
    dst = a.unicast or "ff02::1:2"
    s.sendto(m, (dst, 547, 0, idx if dst.startswith(("ff02", "fe80")) else 0))
    s.settimeout(a.wait)
    try:
        while True:
            b, _ = s.recvfrom(65535)
            if len(b) >= 4 and int.from_bytes(b[1:4], "big") == xid:
                break
    except socket.timeout:
        print(json.dumps({"type": None}))
        return 0
    print(json.dumps(parse(b)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
