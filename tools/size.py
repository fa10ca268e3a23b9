#!/usr/bin/env python3
"""Sizes of the built site, and the first-view budget.

    size.py DIST                     the size report, then the budget check
    size.py DIST --first-view-json   the budget as JSON, for the browser test

The size report lists every file of DIST with its raw, gzip and brotli size;
the compressed figures are the sizes of the .gz / .br copies the build wrote,
i.e. exactly what a host serving them sends.

The budget is what a phone downloads before the first estimate: the files of
FIRST_VIEW plus one region's data (the largest, as the worst case), in brotli
bytes. Over the budget, the script exits with status 1.
e2e/quality.test.mjs reads --first-view-json and checks that the page fetches
nothing else first, so a file the page starts fetching in its first view
(a new module of the page, say) must be added to FIRST_VIEW.
"""
import json
import os
import sys

BUDGET = 100_000  # bytes, brotli

# What the page fetches before its first result, one path (under DIST) a line.
FIRST_VIEW = [
    "index.html",
    "app.css",
    "app.js",
    "messages.js",
    "render.js",
    "state.js",
    "form.js",
    "result.js",
    "share.js",
    "tabs.js",
    "load.js",
    "icon.svg",
    "pkg/yibao.js",
    "pkg/yibao_bg.wasm",
    "policies/index.json",
]
# Plus one of these: the chosen region's data (the largest one is counted).
REGION_DATA = "policies/*.bin"


def brotli(dist, rel):
    return os.path.getsize(os.path.join(dist, rel + ".br"))


def largest_region(dist):
    regions = sorted(f"policies/{n}" for n in os.listdir(os.path.join(dist, "policies")) if n.endswith(".bin"))
    if not regions:
        sys.exit(f"[budget] no region data ({REGION_DATA}) in {dist}")
    return max(regions, key=lambda rel: brotli(dist, rel))


def size_report(dist):
    rows = []
    for folder, _, names in os.walk(dist):
        for name in sorted(names):
            if name.endswith((".br", ".gz")):
                continue
            path = os.path.join(folder, name)
            sizes = [os.path.getsize(p) if os.path.exists(p) else None
                     for p in (path, path + ".gz", path + ".br")]
            rows.append((os.path.relpath(path, dist), *sizes))
    rows.sort()
    fmt = "{:<%d} {:>10} {:>10} {:>10}" % max(28, *(len(row[0]) for row in rows))
    print(fmt.format("file", "raw", "gzip", "brotli"))
    for name, *sizes in rows:
        print(fmt.format(name, *("-" if s is None else f"{s:,}" for s in sizes)))
    # A file without a compressed copy counts at its raw size.
    totals = [sum(row[i] if row[i] is not None else row[1] for row in rows) for i in (1, 2, 3)]
    print(fmt.format("total", *(f"{t:,}" for t in totals)))


def budget(dist):
    """Prints the first view file by file; returns whether it is within the budget."""
    rows = [(rel, brotli(dist, rel)) for rel in FIRST_VIEW + [largest_region(dist)]]
    print(f"[budget] first view, brotli bytes (budget {BUDGET:,}):")
    for rel, n in rows:
        print(f"[budget]   {rel:<32} {n:>8,}")
    total = sum(n for _, n in rows)
    print(f"[budget]   {'total':<32} {total:>8,}  ({total * 100 // BUDGET}% of the budget)")
    if total > BUDGET:
        print(f"[budget] over the first-view budget by {total - BUDGET:,} bytes", file=sys.stderr)
        return False
    return True


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 2) or (len(args) == 2 and args[1] != "--first-view-json"):
        sys.exit(__doc__)
    dist = args[0]
    if len(args) == 2:
        json.dump({"budget": BUDGET, "files": FIRST_VIEW, "region_data": REGION_DATA,
                   "largest_region": largest_region(dist)}, sys.stdout, indent=1)
        print()
        return
    size_report(dist)
    print()
    sys.exit(0 if budget(dist) else 1)


if __name__ == "__main__":
    main()
