#!/usr/bin/env python3
"""Prints each benchmark's mean time and its ratio to raw HMAC-SHA256 in the same group.

Usage: python3 benches/ratios.py [GROUP_PREFIX]   (after `cargo bench`; reads target/criterion)
"""
import json, pathlib, sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
prefix = sys.argv[1] if len(sys.argv) > 1 else ""
for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix.replace("/", "_"))):
    means = {}
    for est in group.glob("*/new/estimates.json"):
        means[est.parent.parent.name] = json.loads(est.read_text())["mean"]["point_estimate"]
    raw = next((v for k, v in means.items() if k.startswith("raw_hmac")), None)
    print(group.name)
    for name, mean in sorted(means.items(), key=lambda kv: kv[1]):
        ratio = f"{mean / raw:5.2f}x" if raw else ""
        print(f"  {name:24} {mean / 1000:12.2f} us  {ratio}")
