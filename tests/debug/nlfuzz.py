#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Random generic netlink requests to the apedge family, made from its YNL
spec, for the debug kernel (tests/debug).

Each request is a random operation of the spec (or a command number the
family does not have), as a do or a dump, with attributes drawn from the
operation's attribute set: mostly of the right type and length, with
values at and beyond the spec's checks, the enum values and real
interface indexes and names; often of the wrong length, of a type number
the set does not have, nested where they should not be and not where
they should, repeated, or with a length that runs past the message.
Nests are filled from their own sets, a few levels deep.

  nlfuzz.py [-n COUNT] [-s SEED] [-u UID]

With -u the requests are sent as that user (for the admin-perm checks).
Prints one line: "sent N, acked N, errors N (ENAME:N ...), dump parts N".
Exits non-zero only if the family is missing or the socket fails; what
the kernel thinks of the requests is for its log to say.
"""
import argparse
import collections
import errno
import os
import random
import socket
import struct
import sys

import yaml

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLA_F_NESTED = 0x8000
SOL_NETLINK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK = 270, 11, 12

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    '../../Documentation/netlink/specs/apedge.yaml')


def nla(atype, payload, pad=True):
    hdr = struct.pack('=HH', (4 + len(payload)) & 0xffff, atype & 0xffff)
    return hdr + payload + (b'\0' * (-len(payload) % 4) if pad else b'')


class Spec:
    """Operations and attribute sets, numbered as the kernel numbers them
    (from 1, in order, unless the spec gives a value)."""

    def __init__(self, path):
        y = yaml.safe_load(open(path))
        self.name = y['name']
        self.consts = {}
        self.enums = {}
        for d in y.get('definitions', []):
            if d['type'] == 'const':
                self.consts[d['name']] = d['value']
            elif d['type'] in ('enum', 'flags'):
                v = d.get('value-start', 0 if d['type'] == 'enum' else 1)
                vals = []
                for e in d.get('entries', []):
                    n = e['name'] if isinstance(e, dict) else e
                    if isinstance(e, dict) and 'value' in e:
                        v = e['value']
                    vals.append(v)
                    v = v + 1 if d['type'] == 'enum' else v << 1
                self.enums[d['name']] = vals
        self.sets = {}
        for s in y['attribute-sets']:
            attrs, v = {}, 1
            for a in s['attributes']:
                v = a.get('value', v)
                attrs[a['name']] = dict(a, id=v)
                v += 1
            self.sets[s['name']] = attrs
        self.ops, v = [], 1
        for o in y['operations']['list']:
            v = o.get('value', v)
            names = []
            for mode in ('do', 'dump'):
                req = (o.get(mode) or {}).get('request') or {}
                names += req.get('attributes', [])
            self.ops.append({'name': o['name'], 'id': v,
                             'set': o.get('attribute-set'),
                             'attrs': sorted(set(names)),
                             'do': 'do' in o, 'dump': 'dump' in o})
            v += 1

    def limit(self, x):
        if isinstance(x, str):
            return self.consts.get(x, 0)
        return x or 0


class Fuzzer:
    WIDTH = {'u8': 1, 'u16': 2, 'u32': 4, 'u64': 8, 's8': 1, 's16': 2,
             's32': 4, 's64': 8}

    def __init__(self, spec, rnd):
        self.spec, self.rnd = spec, rnd
        self.ifs = socket.if_nameindex() or [(1, 'lo')]

    def junk(self, n=None):
        r = self.rnd
        return bytes(r.randrange(256) for _ in range(
            r.randrange(0, 24) if n is None else n))

    def integer(self, a):
        r, sp = self.rnd, self.spec
        w = self.WIDTH[a['type']]
        top = (1 << (8 * w)) - 1
        ch = a.get('checks') or {}
        cands = [0, 1, top, top - 1, r.randrange(top + 1)]
        for k in ('min', 'max'):
            if k in ch:
                v = sp.limit(ch[k])
                cands += [v, max(v - 1, 0), min(v + 1, top)]
        if 'enum' in a:
            vals = sp.enums.get(a['enum'], [])
            cands += vals + [max(vals or [0]) + 1]
        if a['name'].endswith('ifindex'):
            cands += [i for i, _ in self.ifs] * 3
        v = r.choice(cands) & top
        return v.to_bytes(w, 'little')

    def payload(self, a, depth):
        """A value for attribute a: usually well formed, often not."""
        r, t = self.rnd, a['type']
        if r.random() < 0.15:
            return self.junk(), False
        if t in self.WIDTH:
            return self.integer(a), False
        if t == 'string':
            ch = a.get('checks') or {}
            ml = self.spec.limit(ch.get('max-len', 15))
            s = r.choice([n for _, n in self.ifs] + ['', 'x' * ml,
                          'y' * (ml + 1), 'z' * 300, 'va\0vb'])
            b = s.encode()
            return (b + b'\0' if r.random() < 0.85 else b), False
        if t == 'binary':
            ch = a.get('checks') or {}
            n = ch.get('exact-len', ch.get('min-len', r.randrange(0, 20)))
            n = r.choice([n, n, n, max(n - 1, 0), n + 1, 0])
            b = bytearray(self.junk(n))
            if b and r.random() < 0.5:
                b[0] &= 0xfe            # unicast, for a MAC
            return bytes(b), False
        if t == 'flag':
            return (b'' if r.random() < 0.8 else self.junk()), False
        if t == 'nest':
            inner = self.spec.sets.get(a.get('nested-attributes'), {})
            return self.attrs(inner, list(inner), depth + 1), True
        return self.junk(), False

    def attrs(self, aset, names, depth=0):
        r = self.rnd
        out = b''
        if depth > 3:
            return self.junk()
        for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4, 6, 10])):
            if names and r.random() < 0.8:
                a = aset[r.choice(names)]
            elif aset and r.random() < 0.7:
                a = r.choice(list(aset.values()))
            else:
                # A type number the set does not have, and of no type.
                a = {'name': 'unknown', 'type': r.choice(
                    ['u32', 'u8', 'binary', 'nest']),
                    'id': r.choice([0, len(aset) + 1, len(aset) + 2, 0x3fff,
                                    r.randrange(0x4000)])}
            pl, nested = self.payload(a, depth)
            atype = a['id']
            if nested and r.random() < 0.9:
                atype |= NLA_F_NESTED
            elif r.random() < 0.05:
                atype |= NLA_F_NESTED           # a nest that is not one
            out += nla(atype, pl)
        if r.random() < 0.03 and out:
            # A last attribute whose length runs past the end.
            out += struct.pack('=HH', r.randrange(8, 200), 1) + self.junk(2)
        elif r.random() < 0.03:
            out += self.junk(r.randrange(1, 4))  # a runt
        return out

    def request(self):
        r, sp = self.rnd, self.spec
        if r.random() < 0.03:
            op = {'name': '?', 'id': r.choice([0, len(sp.ops) + 1, 255]),
                  'set': r.choice(list(sp.sets)), 'attrs': [],
                  'do': True, 'dump': True}
        else:
            op = r.choice(sp.ops)
        aset = sp.sets.get(op['set'], {})
        dump = op['dump'] and (not op['do'] or r.random() < 0.5)
        if r.random() < 0.05:
            dump = not dump
        return op['id'], dump, self.attrs(aset, op['attrs'])


class Socket:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                               NETLINK_GENERIC)
        self.s.bind((0, 0))
        for opt in (NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK):
            self.s.setsockopt(SOL_NETLINK, opt, 1)
        self.s.settimeout(10)
        self.seq = 0

    def send(self, family, cmd, flags, payload, version=1):
        self.seq += 1
        body = struct.pack('=BBH', cmd, version, 0) + payload
        self.s.send(struct.pack('=IHHII', 16 + len(body), family, flags,
                                self.seq, 0) + body)
        return self.seq

    def replies(self, seq):
        """(type, error, payload) of each reply to seq, to the last one."""
        while True:
            buf = self.s.recv(65536 * 4)
            while len(buf) >= 16:
                ln, typ, _fl, rseq, _pid = struct.unpack_from('=IHHII', buf)
                if ln < 16:
                    return
                msg, buf = buf[:ln], buf[(ln + 3) & ~3:]
                if rseq != seq:
                    continue
                if typ == NLMSG_ERROR:
                    yield typ, -struct.unpack_from('=i', msg, 16)[0], msg
                    return
                if typ == NLMSG_DONE:
                    yield typ, 0, msg
                    return
                yield typ, 0, msg

    def family(self, name):
        seq = self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                        NLM_F_REQUEST | NLM_F_ACK,
                        nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b'\0'))
        fam = None
        for typ, err, msg in self.replies(seq):
            if typ == NLMSG_ERROR and err:
                return None
            p = msg[20:]
            while len(p) >= 4:
                ln, at = struct.unpack_from('=HH', p)
                if ln < 4:
                    break
                if at == CTRL_ATTR_FAMILY_ID:
                    fam = struct.unpack_from('=H', p, 4)[0]
                p = p[(ln + 3) & ~3:]
        return fam


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-n', type=int, default=10000)
    ap.add_argument('-s', type=int, default=20261201)
    ap.add_argument('-u', type=int)
    o = ap.parse_args()
    if o.u is not None:
        os.setgroups([])
        os.setgid(o.u)
        os.setuid(o.u)
    spec = Spec(SPEC)
    rnd = random.Random(o.s)
    fz = Fuzzer(spec, rnd)
    sk = Socket()
    fam = sk.family(spec.name)
    if fam is None:
        print(f'nlfuzz: no family {spec.name}', file=sys.stderr)
        return 1
    errs = collections.Counter()
    sent = acked = parts = 0
    for i in range(o.n):
        cmd, dump, payload = fz.request()
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        version = 1 if rnd.random() < 0.95 else rnd.randrange(256)
        try:
            seq = sk.send(fam, cmd, flags, payload, version)
            sent += 1
            for typ, err, _ in sk.replies(seq):
                if typ == NLMSG_ERROR:
                    if err:
                        errs[errno.errorcode.get(err, str(err))] += 1
                    else:
                        acked += 1
                elif typ == NLMSG_DONE:
                    acked += 1
                else:
                    parts += 1
        except socket.timeout:
            errs['timeout'] += 1
            sk = Socket()
        except OSError as e:
            errs[errno.errorcode.get(e.errno, str(e.errno))] += 1
            sk = Socket()
    detail = ' '.join(f'{k}:{v}' for k, v in sorted(errs.items()))
    print(f'sent {sent}, acked {acked}, errors {sum(errs.values())} '
          f'({detail}), dump parts {parts}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
