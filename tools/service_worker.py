#!/usr/bin/env python3
"""Fills in the service worker of the built site: the files to keep offline
(the first view at once, the cadre's tools when the page is idle) and a
version that changes whenever any of them does.

Usage: service_worker.py DIST   (rewrites DIST/sw.js in place)
"""
import hashlib
import json
import os
import sys

# Not kept offline: the precompressed copies (the browser gets one of them for
# the plain name anyway) and WeChat's JSSDK (only for mini-program web-views).
SKIP = (".br", ".gz")
# Not kept on install: the cadre's tools and what only they use, so that a
# resident's first visit does not wait for them. sw.js fetches them when the
# page asks (idle, not saving data) and keeps each one once it has been used.
# The English texts and the picture to send go with them: after one visit,
# the page works offline in either language and still makes its picture.
TOOLS = ("pkg-cadre/", "tools.js", "tools-messages.js", "tools.css", "households.js", "qr.js", "vendor/qrcode.mjs",
         "batch-example.csv", "messages-en.js", "picture.js")


def main():
    dist = sys.argv[1]
    files, tools, digest = [], [], hashlib.sha256()
    for folder, _, names in sorted(os.walk(dist)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, dist).replace(os.sep, "/")
            if name.endswith(SKIP) or rel in ("sw.js", "vendor/jweixin.js"):
                continue
            if rel.startswith(TOOLS) or rel.endswith(".figures.json"):
                tools.append(rel)
            else:
                files.append("./" if rel == "index.html" else rel)
            with open(path, "rb") as f:
                digest.update(rel.encode() + b"\0" + f.read())
    sw = os.path.join(dist, "sw.js")
    with open(sw, encoding="utf-8") as f:
        text = f.read()
    text = (text.replace("__VERSION__", digest.hexdigest()[:16]).replace("__FILES__", json.dumps(files))
            .replace("__TOOLS__", json.dumps(tools)))
    with open(sw, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"[yb] sw.js keeps {len(files)} files offline, and {len(tools)} of the tools once the page is idle")


if __name__ == "__main__":
    main()
