#!/usr/bin/env python3
"""The first-view budget: what a phone downloads before the first estimate.

Prints each file's brotli size (from the .br copies the build wrote) and the
total, and fails when the total is over the budget. The first view is the
page, its style and scripts, the wasm module and its glue, the policy
catalogue, and one region's data (the largest, as the worst case); the browser
test e2e/quality.test.mjs checks that the page fetches nothing else first.

Usage: budget.py DIST
"""
import os
import sys

BUDGET = 100_000  # bytes, brotli
FIRST_VIEW = [
    "index.html", "app.css", "app.js", "messages.js", "render.js", "state.js", "icon.svg",
    "form.js", "result.js", "share.js", "tabs.js", "load.js",
    "pkg/yibao.js", "pkg/yibao_bg.wasm", "policies/index.json",
]


def main():
    dist = sys.argv[1]
    regions = sorted(n for n in os.listdir(os.path.join(dist, "policies")) if n.endswith(".bin"))
    size = lambda rel: os.path.getsize(os.path.join(dist, rel + ".br"))
    largest = max(regions, key=lambda n: size(f"policies/{n}"))
    rows = [(rel, size(rel)) for rel in FIRST_VIEW + [f"policies/{largest}"]]
    print("[budget] first view, brotli bytes (budget %s):" % f"{BUDGET:,}")
    for rel, n in rows:
        print(f"[budget]   {rel:<32} {n:>8,}")
    total = sum(n for _, n in rows)
    print(f"[budget]   {'total':<32} {total:>8,}  ({total * 100 // BUDGET}% of the budget)")
    if total > BUDGET:
        sys.exit(f"[budget] over the first-view budget by {total - BUDGET:,} bytes")


if __name__ == "__main__":
    main()
