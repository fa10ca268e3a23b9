#!/usr/bin/env python3
"""Print the size of every file of the built site: raw, gzip and brotli.

The compressed figures are the sizes of the .gz / .br copies the build wrote,
i.e. exactly what a host serving them sends.
Usage: size_report.py DIR
"""
import os
import sys


def main():
    root = sys.argv[1]
    rows = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith((".br", ".gz")):
                continue
            path = os.path.join(folder, name)
            sizes = [os.path.getsize(p) if os.path.exists(p) else None
                     for p in (path, path + ".gz", path + ".br")]
            rows.append((os.path.relpath(path, root), *sizes))
    rows.sort()
    fmt = "{:<28} {:>10} {:>10} {:>10}"
    print(fmt.format("file", "raw", "gzip", "brotli"))
    for name, *sizes in rows:
        print(fmt.format(name, *("-" if s is None else f"{s:,}" for s in sizes)))
    totals = [sum(row[i] if row[i] is not None else row[1] for row in rows) for i in (1, 2, 3)]
    print(fmt.format("total", *(f"{t:,}" for t in totals)))


if __name__ == "__main__":
    main()
