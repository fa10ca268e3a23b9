#!/usr/bin/env python3
"""Fills in the service worker of the built site: the files to keep offline
and a version that changes whenever any of them does.

Usage: service_worker.py DIST   (rewrites DIST/sw.js in place)
"""
import hashlib
import json
import os
import sys

# Not kept offline: the precompressed copies (the browser gets one of them for
# the plain name anyway) and WeChat's JSSDK (only for mini-program web-views).
SKIP = (".br", ".gz")
# Not fetched ahead: the cadre's tools and what only they use, and the English
# texts (a Chinese page never uses them). A resident's phone should not
# download them; sw.js keeps each one once it has been used.
ON_USE = ("pkg-cadre/", "tools.js", "tools-messages.js", "vendor/qrcode.mjs", "batch-example.csv", "messages-en.js")


def main():
    dist = sys.argv[1]
    files, digest = [], hashlib.sha256()
    for folder, _, names in sorted(os.walk(dist)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, dist).replace(os.sep, "/")
            if name.endswith(SKIP) or rel in ("sw.js", "vendor/jweixin.js"):
                continue
            if rel.startswith(ON_USE) or rel.endswith(".figures.json"):
                continue
            files.append("./" if rel == "index.html" else rel)
            with open(path, "rb") as f:
                digest.update(rel.encode() + b"\0" + f.read())
    sw = os.path.join(dist, "sw.js")
    with open(sw, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("__VERSION__", digest.hexdigest()[:16]).replace("__FILES__", json.dumps(files))
    with open(sw, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"[yb] sw.js keeps {len(files)} files offline")


if __name__ == "__main__":
    main()
