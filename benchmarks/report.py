#!/usr/bin/env python3
"""Prints the tables of benchmarks/compare-signers from the TSV files in its work directory."""
import os
import sys

PEERS = ("bind", "ldns", "knot")
NAMES = {"zonetrust": "ZoneTrust", "zonetrust-bc": "ZoneTrust, no ACCP", "zonetrust-accp": "ZoneTrust, ACCP", "bind": "dnssec-signzone", "ldns": "ldns-signzone", "knot": "kzonesign"}


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def table(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i > 2 else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in body:
        print(line(r))
    print()


def main(work, threads):
    results = rows(os.path.join(work, "results.tsv"))
    rates = {(r[0], r[1]): (float(r[3]), float(r[4])) for r in rows(os.path.join(work, "rates.tsv"))}
    cores = int(threads)

    info = rows(os.path.join(work, "zonetrust.tsv"))
    provider_of = {(r[0], r[1], r[2]): r[3] for r in info}
    big = [r for r in results if r[0] == "big"]
    if big:
        print("Signing one zone (wall time of the whole run: read, sign, write; %d threads where the tool has them)" % cores)
        body = []
        groups = []
        for r in big:
            if (r[1], r[2]) not in groups:
                groups.append((r[1], r[2]))
        for size, config in groups:
            group = [r for r in big if r[1] == size and r[2] == config]
            peer_walls = [float(r[4]) for r in group if r[3] in PEERS and r[4] != "FAILED"]
            fastest = min(peer_walls) if peer_walls else None
            for _, _, _, signer, wall, rss, sigs in group:
                if wall == "FAILED":
                    body.append([size, config, NAMES.get(signer, signer), "FAILED", "-", "-", "-", "-"])
                    continue
                w = float(wall)
                ratio = "%.2fx" % (w / fastest) if fastest else "-"
                name = NAMES.get(signer, signer)
                if (size, config, signer) in provider_of:
                    name += " (%s)" % provider_of[(size, config, signer)]
                body.append([size, config, name, "%.2f" % w, "%.0f" % (int(rss) / 1024),
                             sigs, "%.0f" % (int(sigs) / w if w > 0 else 0), ratio])
        table(["names", "config", "signer", "wall s", "peak RSS MB", "signatures", "sig/s", "time / fastest peer"], body)

    if info:
        print("ZoneTrust against the raw signing rate of its provider (same run; raw = 1-thread rate x %d cores)" % cores)
        body = []
        for size, config, _, provider, sign_ms, sigs in info:
            alg = {"p256": "ECDSAP256SHA256", "ed25519": "ED25519"}[config.split("-")[0]]
            single, multi = rates.get((provider, alg), (0.0, 0.0))
            rate = int(sigs) * 1000.0 / max(float(sign_ms), 1.0)
            limit = single * cores
            body.append([size, config, provider, "%.2f" % (float(sign_ms) / 1000), "%.0f" % rate,
                         "%.0f" % limit, "%.0f" % multi, "%.0f%%" % (100 * rate / limit) if limit else "-"])
        table(["names", "config", "provider", "sign phase s", "sig/s", "raw x cores", "raw all threads", "of raw"], body)
    if rates:
        print("Raw signing rate per provider (signatures/s, 160-byte messages)")
        table(["provider", "alg", "cores", "1 thread", "all threads"],
              [[p, a, str(cores), "%.0f" % s, "%.0f" % m] for (p, a), (s, m) in sorted(rates.items())])

    changes = rows(os.path.join(work, "changes.tsv"))
    if changes:
        print("One record changed in the signed zone (ZoneSigner.apply, in the same JVM)")
        table(["names", "config", "change", "count", "first ms", "median ms", "max ms"], changes)

    small = [r for r in results if r[0] == "small"]
    if small:
        print("Many small zones: ZoneTrust in one JVM against one peer run per zone (peak RSS: one run)")
        peer_walls = [float(r[4]) for r in small if r[3] in PEERS and r[4] != "FAILED"]
        fastest = min(peer_walls) if peer_walls else None
        body = []
        for _, zones, config, signer, wall, rss, sigs in small:
            if wall == "FAILED":
                body.append([zones, config, NAMES.get(signer, signer), "FAILED", "-", "-", "-", "-"])
                continue
            w = float(wall)
            body.append([zones, config, NAMES.get(signer, signer), "%.2f" % w, "%.0f" % (int(zones) / w if w else 0),
                         "%.0f" % (int(rss) / 1024), sigs, "%.2fx" % (w / fastest) if fastest else "-"])
        table(["zones", "config", "signer", "wall s", "zones/s", "peak RSS MB", "signatures", "time / fastest peer"], body)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
