#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A forging DHCPv4 server for tests/netns/t_dhcp4_hostile.sh.

  dhcp4_fake.py listen IFACE FILE
      Appends "READY" to FILE once listening, then "TYPE XID CHADDR
      CIADDR" (XID in hex) for each client message (UDP to port 67)
      seen on IFACE.
  dhcp4_fake.py send IFACE KIND XID CHADDR YIADDR SERVER
      Sends one reply of KIND to the broadcast address, from SERVER
      (the address of IFACE), for the transaction XID (hex) of CHADDR.
  dhcp4_fake.py arp IFACE MAC ADDR
      Sends a gratuitous ARP request from MAC claiming ADDR.

The replies are built byte by byte here (scapy only wraps them in
Ethernet, IPv4 and UDP), so that each KIND breaks exactly one rule:

  offer, ack, nak        well-formed
  xid                    an OFFER for another transaction
  chaddr                 an OFFER for another hardware address
  op                     a BOOTREQUEST where a reply belongs
  cookie                 no magic cookie
  short                  200 bytes: less than the fixed part
  trunc                  the options end inside option 54's value
  optlen                 option 51 (lease time) with 3 bytes
  overload-bad           option 52 with the value 7
  overload-nothing       option 52 names the file field, whose option
                         runs past the field's end
  big                    1,500 bytes of options (jumbo frames needed)
  udpsum                 a wrong UDP checksum
  ack-other, nak-other   from another server identifier (SERVER + 1)
  ack-noserver           an ACK without a server identifier
"""
import logging
import socket
import struct
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import ARP, Ether, IP, UDP, Raw, sendp  # noqa: E402

MAGIC = b"\x63\x82\x53\x63"
TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK",
         6: "NAK", 7: "RELEASE", 8: "INFORM"}


def opt(code, data):
    return bytes([code, len(data)]) + data


def ip4(a):
    return socket.inet_aton(a)


def fixed(op, xid, chaddr, yiaddr, server, file=b""):
    return struct.pack("!BBBBIHH4s4s4s4s16s64s128s", op, 1, 6, 0, xid, 0,
                       0x8000, bytes(4), ip4(yiaddr), ip4(server), bytes(4),
                       chaddr, b"", file)


def reply(kind, xid, chaddr, yiaddr, server):
    mtype = {"ack": 5, "nak": 6, "ack-other": 5, "nak-other": 6,
             "ack-noserver": 5}.get(kind, 2)
    sid = server
    if kind in ("ack-other", "nak-other"):
        a = list(ip4(server))
        a[3] += 1
        sid = socket.inet_ntoa(bytes(a))
    op = 1 if kind == "op" else 2
    if kind == "xid":
        xid = (xid + 1) & 0xffffffff
    if kind == "chaddr":
        chaddr = b"\x02\xee\xee\xee\xee\xee" + bytes(10)
    if mtype == 6:
        yiaddr = "0.0.0.0"
    head = fixed(op, xid, chaddr, yiaddr, server)
    opts = opt(53, bytes([mtype]))
    if kind != "ack-noserver":
        opts += opt(54, ip4(sid))
    if mtype != 6:
        opts += (opt(51, struct.pack("!I", 600)) +
                 opt(1, ip4("255.255.255.0")) + opt(3, ip4(server)))
    if kind == "cookie":
        return head + b"\x63\x82\x53\x64" + opts + b"\xff"
    if kind == "short":
        return head[:200]
    if kind == "trunc":
        return head + MAGIC + opt(53, b"\x02") + b"\x36\x04" + ip4(server)[:2]
    if kind == "optlen":
        return head + MAGIC + opts + b"\x33\x03\x00\x00\x10\xff"
    if kind == "overload-bad":
        return head + MAGIC + opts + opt(52, b"\x07") + b"\xff"
    if kind == "overload-nothing":
        # The file field: option 3 claiming 200 bytes, in 128.
        head = fixed(op, xid, chaddr, yiaddr, server,
                     b"\x03\xc8" + b"\x0a" * 126)
        return head + MAGIC + opts + opt(52, b"\x01") + b"\xff"
    if kind == "big":
        # Site-specific options (224) after the usual ones, up to an
        # options field of 1,500 bytes with its end option.
        n = 1500 - len(opts) - 1
        fill = b""
        while n > 0:
            k = min(n, 250)
            fill += opt(224, bytes([k & 0x7f]) * (k - 2))
            n -= k
        return head + MAGIC + opts + fill + b"\xff"
    return head + MAGIC + opts + b"\xff"


def if_mac(iface):
    # Not scapy's table, which may be the root namespace's.
    with open("/sys/class/net/%s/address" % iface) as f:
        return f.read().strip()


def listen(iface, path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    s.bind((iface, 0))
    with open(path, "a") as f:
        f.write("READY\n")
        f.flush()
        while True:
            fr = s.recv(65535)
            if len(fr) < 14 + 20 + 8 + 240 or fr[23] != 17:
                continue
            ihl = (fr[14] & 15) * 4
            u = 14 + ihl
            if struct.unpack("!H", fr[u + 2:u + 4])[0] != 67:
                continue
            m = fr[u + 8:]
            if m[0] != 1 or m[236:240] != MAGIC:
                continue
            xid = struct.unpack("!I", m[4:8])[0]
            mtype, i = 0, 240
            while i + 1 < len(m) and m[i] != 255:
                if m[i] == 0:
                    i += 1
                    continue
                if m[i] == 53:
                    mtype = m[i + 2]
                i += 2 + m[i + 1]
            f.write("%s %08x %s %s\n" % (TYPES.get(mtype, "?"), xid,
                                         m[28:34].hex(":"),
                                         socket.inet_ntoa(m[12:16])))
            f.flush()


def send(iface, kind, xid, chaddr, yiaddr, server):
    ch = bytes.fromhex(chaddr.replace(":", "")) + bytes(10)
    payload = reply(kind, int(xid, 16), ch, yiaddr, server)
    udp = UDP(sport=67, dport=68)
    if kind == "udpsum":
        udp.chksum = 0x1234
    pkt = (Ether(src=if_mac(iface), dst="ff:ff:ff:ff:ff:ff") /
           IP(src=server, dst="255.255.255.255", ttl=64) / udp /
           Raw(payload))
    sendp(pkt, iface=iface, verbose=False)


def arp(iface, mac, addr):
    sendp(Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") /
          ARP(op=1, hwsrc=mac, psrc=addr, hwdst="00:00:00:00:00:00",
              pdst=addr), iface=iface, verbose=False)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "listen":
        listen(sys.argv[2], sys.argv[3])
    elif cmd == "send":
        send(*sys.argv[2:8])
    elif cmd == "arp":
        arp(*sys.argv[2:5])
    else:
        sys.exit("dhcp4_fake.py: unknown command " + cmd)
