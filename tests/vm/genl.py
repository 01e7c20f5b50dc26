#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to the apedge family, for the VM tests.

Sends what apedgectl never would (attributes a command does not take,
joins of the groups by any user, dumps read part by part) and prints what
the kernel answered, one line, so that a test can compare it.  Command,
attribute and group numbers come from uapi/linux/apedge.h.

  genl.py do CMD [ATTR=VALUE]...       "ok", or "error ENAME: extack message"
  genl.py dump CMD [ATTR=VALUE]...     "N messages", or the error as above
  genl.py join GROUP                   "joined", or "error ENAME"
  genl.py dump-intr CMD -- PROG ARG... dump CMD one part at a time, run
                                       PROG after the first part, and say
                                       "interrupted" if a part carries
                                       NLM_F_DUMP_INTR, else "consistent";
                                       "1 part" if the dump had only one

CMD is a command's name (port-set), GROUP a group's (punt), ATTR an
attribute's with its set (port.role).  VALUE is TYPE:X with TYPE one of
u8, u16, u32, u64, str, mac, ip4, ip6 or hex.
"""
import errno
import ipaddress
import os
import re
import socket
import struct
import subprocess
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP_INTR = 1, 2, 4, 16
NLM_F_DUMP = 0x300
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS = 1, 2, 7
CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 1, 2
NLMSGERR_ATTR_MSG = 1
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP, NETLINK_EXT_ACK, NETLINK_CAP_ACK = 1, 11, 10
NETLINK_GET_STRICT_CHK = 12

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      '../../uapi/linux/apedge.h')


def uapi_names():
    """The header's enum constants and their values."""
    names = {}
    text = open(HEADER).read()
    for body in re.findall(r'enum[^{]*\{([^}]*)\}', text):
        val = -1
        for item in body.split(','):
            item = re.sub(r'/\*.*?\*/', '', item, flags=re.S).strip()
            if not item:
                continue
            m = re.match(r'(\w+)\s*(?:=\s*(.+))?$', item)
            if not m:
                continue
            if m.group(2) is not None:
                expr = m.group(2).strip()
                if expr in names:
                    val = names[expr]
                elif re.fullmatch(r'-?\w+', expr):
                    val = int(expr, 0)
                else:
                    continue    # (__APEDGE_..._MAX - 1) and the like
            else:
                val += 1
            names[m.group(1)] = val
    for m in re.finditer(r'#define\s+(APEDGE_\w+)\s+"([^"]*)"', text):
        names[m.group(1)] = m.group(2)
    return names


U = uapi_names()


def cmd_id(name):
    return U['APEDGE_CMD_' + name.upper().replace('-', '_')]


def attr_id(name):
    aset, attr = name.split('.', 1)
    return U['APEDGE_A_' + (aset + '_' + attr).upper().replace('-', '_')]


def nla(atype, payload):
    hdr = struct.pack('=HH', 4 + len(payload), atype)
    return hdr + payload + b'\0' * (-len(payload) % 4)


def value(spec):
    kind, _, x = spec.partition(':')
    if kind in ('u8', 'u16', 'u32', 'u64'):
        return struct.pack({'u8': '=B', 'u16': '=H', 'u32': '=I',
                            'u64': '=Q'}[kind], int(x, 0))
    if kind == 'str':
        return x.encode() + b'\0'
    if kind == 'mac':
        return bytes(int(b, 16) for b in x.split(':'))
    if kind in ('ip4', 'ip6'):
        return ipaddress.ip_address(x).packed
    if kind == 'hex':
        return bytes.fromhex(x)
    raise SystemExit(f'genl.py: bad value {spec}')


def attrs(buf):
    """(type, payload) of each attribute in buf."""
    out = []
    while len(buf) >= 4:
        alen, atype = struct.unpack_from('=HH', buf)
        if alen < 4:
            break
        out.append((atype & 0x3fff, buf[4:alen]))
        buf = buf[(alen + 3) & ~3:]
    return out


class Genl:
    def __init__(self, family=None):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        for opt in (NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK):
            self.sock.setsockopt(SOL_NETLINK, opt, 1)
        self.seq = 1
        if family is None:
            # On a socket of its own: a large read on this one would make
            # netlink build larger dump parts for it.
            family = Genl(0).resolve(U['APEDGE_FAMILY_NAME'])
        self.family, self.groups = family if family else (None, {})

    def send(self, ftype, cmd, flags, payload, version=1):
        self.seq += 1
        body = struct.pack('=BBH', cmd, version, 0) + payload
        self.sock.send(struct.pack('=IHHII', 16 + len(body), ftype,
                                   NLM_F_REQUEST | flags, self.seq, 0) + body)

    def recv(self, size=65536):
        """The messages of one datagram: (type, flags, payload)."""
        data = self.sock.recv(size)
        out = []
        while len(data) >= 16:
            mlen, mtype, mflags, _, _ = struct.unpack_from('=IHHII', data)
            out.append((mtype, mflags, data[16:mlen]))
            data = data[(mlen + 3) & ~3:]
        return out

    @staticmethod
    def error(mtype, mflags, payload):
        """(errno, extack message) of an NLMSG_ERROR or NLMSG_DONE."""
        err = -struct.unpack_from('=i', payload)[0]
        off = 4 if mtype == NLMSG_DONE else 20
        msg = ''
        if mflags & NLM_F_ACK_TLVS:
            for atype, p in attrs(payload[off:]):
                if atype == NLMSGERR_ATTR_MSG:
                    msg = p.rstrip(b'\0').decode()
        return err, msg

    def resolve(self, name):
        self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK,
                  nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b'\0'))
        family, groups = None, {}
        while True:
            for mtype, mflags, p in self.recv():
                if mtype == NLMSG_ERROR:
                    err, _ = self.error(mtype, mflags, p)
                    if err:
                        raise SystemExit(f'genl.py: no family {name}')
                    return family, groups
                for atype, a in attrs(p[4:]):
                    if atype == CTRL_ATTR_FAMILY_ID:
                        family = struct.unpack('=H', a[:2])[0]
                    if atype == CTRL_ATTR_MCAST_GROUPS:
                        for _, g in attrs(a):
                            ga = dict(attrs(g))
                            groups[ga[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b'\0').decode()] = \
                                struct.unpack('=I', ga[CTRL_ATTR_MCAST_GRP_ID])[0]

    def request(self, cmd, args, flags):
        payload = b''.join(nla(attr_id(k), value(v))
                           for k, v in (a.split('=', 1) for a in args))
        self.send(self.family, cmd_id(cmd), flags | NLM_F_ACK, payload)


def say_error(err, msg):
    print(f'error {errno.errorcode.get(err, err)}' + (f': {msg}' if msg else ''))
    return 1


def do(g, cmd, args):
    g.request(cmd, args, 0)
    while True:
        for mtype, mflags, p in g.recv():
            if mtype == NLMSG_ERROR:
                err, msg = g.error(mtype, mflags, p)
                if err:
                    return say_error(err, msg)
                print('ok')
                return 0


# One part per read.  netlink makes a dump's parts as large as the reads
# it has seen (up to 32 KiB), and at least NLMSG_GOODSIZE or the dump's
# min_dump_alloc: 8 KiB holds any part and keeps them small.
def dump(g, cmd, args, then=None, size=8192):
    g.request(cmd, args, NLM_F_DUMP)
    n, intr, first, parts = 0, False, True, 1
    while True:
        for mtype, mflags, p in g.recv(size):
            intr |= bool(mflags & NLM_F_DUMP_INTR)
            if mtype in (NLMSG_ERROR, NLMSG_DONE):
                err, msg = g.error(mtype, mflags, p)
                if err:
                    return say_error(err, msg)
                if then is not None and parts == 1:
                    print('1 part')
                elif then is not None:
                    print('interrupted' if intr else 'consistent')
                else:
                    print(f'{n} messages')
                return 0
            n += 1
        if first and then is not None:
            subprocess.run(then, check=True)
        first = False
        parts += 1


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    g = Genl()
    verb, what, rest = argv[1], argv[2], argv[3:]
    if verb == 'do':
        return do(g, what, rest)
    if verb == 'dump':
        return dump(g, what, rest)
    if verb == 'dump-intr':
        if not rest or rest[0] != '--':
            raise SystemExit(__doc__)
        return dump(g, what, [], then=rest[1:])
    if verb == 'join':
        try:
            g.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                              g.groups[what])
        except OSError as e:
            return say_error(e.errno, '')
        print('joined')
        return 0
    raise SystemExit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
