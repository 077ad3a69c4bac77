#!/usr/bin/env python3
"""Deterministic hosting-style zone generator for the ZoneTrust signing benchmark.

The same arguments always give byte-identical output (no randomness, no clock):
every record is derived from its index. One zone of N names mixes what a hosting
platform serves: A/AAAA web sites, CNAME aliases, TXT verification strings, MX,
TLSA under _443._tcp (an empty non-terminal), deeper names below empty
non-terminals, delegations with glue (half of them secure, with a DS), and one
wildcard at the apex.

  gen-zone.py --names 10000 --origin bench.example. --out zone.db
  gen-zone.py --small-zones 500 --dir zones/     # ~50 records each, zone-00000.example. ...
"""
import argparse
import hashlib
import os
import sys


def hexdigest(*parts):
    return hashlib.sha256("/".join(str(p) for p in parts).encode()).hexdigest()


def ipv4(i):
    return "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)


def ipv6(i):
    return "2001:db8:%x:%x::%x" % ((i >> 16) & 0xFFFF, i & 0xFFFF, (i % 250) + 1)


def header(origin, ttl=3600):
    return [
        "$ORIGIN %s" % origin,
        "$TTL %d" % ttl,
        "@ IN SOA ns1.%s hostmaster.%s 2024010101 7200 3600 1209600 3600" % (origin, origin),
        "@ IN NS ns1.%s" % origin,
        "@ IN NS ns2.%s" % origin,
        "@ IN MX 10 mail.%s" % origin,
        '@ IN TXT "v=spf1 mx -all"',
        "@ IN A 192.0.2.1",
        "@ IN AAAA 2001:db8::1",
        "* IN A 192.0.2.2",
        "ns1 IN A 192.0.2.53",
        "ns2 IN AAAA 2001:db8::53",
        "mail IN A 192.0.2.25",
    ]


# names (with data) that header() creates: apex, *, ns1, ns2, mail
HEADER_NAMES = 5


def customer(i, out):
    """Appends the records of customer i; returns how many names with data it added."""
    kind = i % 20
    c = "c%07d" % i
    if kind <= 5:  # web site: A + AAAA, and a www alias
        out.append("%s IN A %s" % (c, ipv4(i)))
        out.append("%s IN AAAA %s" % (c, ipv6(i)))
        out.append("www.%s IN CNAME %s" % (c, c))
        return 2
    if kind <= 7:  # load-balanced site: three addresses
        for k in range(3):
            out.append("%s IN A %s" % (c, ipv4(i * 3 + k)))
        return 1
    if kind <= 9:  # alias to the platform's edge
        out.append("%s IN CNAME edge%d.%s" % (c, i % 7, "cdn.example.net."))
        return 1
    if kind <= 11:  # domain verification and SPF/DMARC style TXT
        out.append('%s IN TXT "site-verification=%s"' % (c, hexdigest("txt", i)[:43]))
        out.append('%s IN TXT "v=spf1 include:_spf.example.net ~all"' % c)
        out.append('_dmarc.%s IN TXT "v=DMARC1; p=none; rua=mailto:d@%s.example.net"' % (c, c))
        return 2
    if kind == 12:  # mail host
        out.append("%s IN MX 10 mx1.%s" % (c, c))
        out.append("%s IN MX 20 mx2.%s" % (c, c))
        out.append("mx1.%s IN A %s" % (c, ipv4(i)))
        out.append("mx2.%s IN A %s" % (c, ipv4(i + 1)))
        return 3
    if kind == 13:  # DANE: TLSA below the empty non-terminal _tcp.cNNN
        out.append("%s IN A %s" % (c, ipv4(i)))
        out.append("_443._tcp.%s IN TLSA 3 1 1 %s" % (c, hexdigest("tlsa", i)))
        out.append("_25._tcp.%s IN TLSA 3 1 1 %s" % (c, hexdigest("tlsa25", i)))
        return 3
    if kind <= 15:  # delegation with glue; even ones secure (DS)
        out.append("%s IN NS ns1.%s" % (c, c))
        out.append("%s IN NS ns2.%s" % (c, c))
        if i % 2 == 0:
            out.append("%s IN DS %d 13 2 %s" % (c, i % 65536, hexdigest("ds", i).upper()))
        out.append("ns1.%s IN A %s" % (c, ipv4(i)))
        out.append("ns2.%s IN AAAA %s" % (c, ipv6(i)))
        return 3
    if kind == 16:  # deep name: b.cNNN and cNNN are empty non-terminals
        out.append('a.b.%s IN TXT "deep %d"' % (c, i))
        return 1
    if kind == 17:  # ACME DNS-01 challenge below an empty non-terminal
        out.append('_acme-challenge.%s IN TXT "%s"' % (c, hexdigest("acme", i)[:43]))
        return 1
    # kind 18, 19: shop with A, AAAA, TXT at one name
    out.append("%s IN A %s" % (c, ipv4(i)))
    out.append("%s IN AAAA %s" % (c, ipv6(i)))
    out.append('%s IN TXT "shop %d"' % (c, i))
    return 1


def zone_lines(origin, names):
    out = header(origin)
    count = HEADER_NAMES
    i = 0
    while count < names:
        count += customer(i, out)
        i += 1
    return out


def write(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write("\n".join(lines))
        f.write("\n")
    os.replace(tmp, path)


def parse_size(text):
    text = text.strip().lower()
    mult = 1
    if text.endswith("k"):
        mult, text = 1000, text[:-1]
    elif text.endswith("m"):
        mult, text = 1000000, text[:-1]
    return int(text) * mult


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--names", default="10k", help="names with data in the zone (10k, 100k, 1m)")
    p.add_argument("--origin", default="bench.example.")
    p.add_argument("--out", help="output zone file")
    p.add_argument("--small-zones", type=int, help="write this many small zones instead")
    p.add_argument("--small-names", type=int, default=30, help="names per small zone (30: 50 records)")
    p.add_argument("--dir", help="output directory for --small-zones")
    a = p.parse_args(argv)
    if a.small_zones is not None:
        if not a.dir:
            p.error("--small-zones needs --dir")
        os.makedirs(a.dir, exist_ok=True)
        for z in range(a.small_zones):
            origin = "zone-%05d.example." % z
            write(os.path.join(a.dir, origin + "db"), zone_lines(origin, a.small_names))
        return 0
    if not a.out:
        p.error("--out is required")
    if not a.origin.endswith("."):
        p.error("--origin must be absolute (end with a dot)")
    write(a.out, zone_lines(a.origin, parse_size(a.names)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
