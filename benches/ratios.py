#!/usr/bin/env python3
"""Per benchmark of each criterion group: ns per call, the raw HMAC-SHA256 of the same group,
the difference in ns and the ratio, with the `verify` bench's targets (256B: at most raw + 150 ns;
4KiB: at most 1.05x raw).

Usage: python3 benches/ratios.py [GROUP_PREFIX]   (after `cargo bench`; reads target/criterion)

The figures are criterion's medians. `cargo bench --bench verify` prints the same columns itself,
from interleaved batches, which hold steadier on a busy machine.
"""
import json, pathlib, sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
prefix = (sys.argv[1] if len(sys.argv) > 1 else "").replace("/", "_")
TARGETS = {"256B": ("diff", 150.0), "4KiB": ("ratio", 1.05)}


def verdict(group, diff, ratio):
    if not group.startswith("verify_") or group.startswith("verify_asymmetric"):
        return ""
    size = group.split("_", 1)[1]
    kind, limit = TARGETS.get(size, (None, None))
    if kind == "diff":
        return ("ok" if diff <= limit else "MISS") + f" (<= +{limit:.0f} ns)"
    if kind == "ratio":
        return ("ok" if ratio <= limit else "MISS") + f" (<= {limit:.2f}x)"
    return ""


for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix)):
    ns = {}
    for est in group.glob("*/new/estimates.json"):
        ns[est.parent.parent.name] = json.loads(est.read_text())["median"]["point_estimate"]
    raw = next((v for k, v in ns.items() if k.startswith("raw_hmac")), None)
    print(group.name)
    print(f"  {'benchmark':24} {'ns':>12} {'raw ns':>12} {'diff ns':>10} {'ratio':>7}")
    for name, t in sorted(ns.items(), key=lambda kv: kv[1]):
        if raw is None or name.startswith("raw_hmac"):
            print(f"  {name:24} {t:12.1f}")
            continue
        diff, ratio = t - raw, t / raw
        print(f"  {name:24} {t:12.1f} {raw:12.1f} {diff:+10.1f} {ratio:6.3f}x  "
              + verdict(group.name, diff, ratio))
