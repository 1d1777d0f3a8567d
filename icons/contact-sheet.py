#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Render the icon contact sheet (docs/icons.png).

Each symbolic icon is wrapped the way GTK 4 wraps it before handing it to librsvg
(gtk/gdkpixbufutils.c: `rect,circle,path { fill: fg !important }` plus the .success,
.warning and .error rules), so what is drawn here is what a GtkImage draws.

Columns: 16 px light, 16 px dark, 16 px with the state colours dropped (only shape left),
16 px light magnified x3 without smoothing, 48 px light, 48 px dark.

Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert. Dev-only.
usage: contact-sheet.py ICONDIR OUT.png
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import textwrap

LIGHT = dict(fg="#2e3436", success="#1b8553", warning="#9c6e03", error="#c01c28", bg="#fafafa")
DARK = dict(fg="#ffffff", success="#8ff0a4", warning="#f8e45c", error="#ff7b63", bg="#242424")
MONO = dict(LIGHT, success=LIGHT["fg"], warning=LIGHT["fg"], error=LIGHT["fg"])


def wrap(data, p, size=16):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<svg version="1.1" xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xi="http://www.w3.org/2001/XInclude" width="%d" height="%d">'
            '<style type="text/css">rect,circle,path { fill: %s !important; }\n'
            '.warning { fill: %s !important; }\n.error { fill: %s !important; }\n'
            '.success { fill: %s !important; }</style>'
            '<xi:include href="data:text/xml;base64,%s"/></svg>'
            % (size, size, p["fg"], p["warning"], p["error"], p["success"],
               base64.b64encode(data).decode())).encode()


def render(data, out, size, palette, symbolic=True):
    src = wrap(data, palette) if symbolic else data
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-b", palette["bg"],
                    "-o", out], input=src, check=True)


def wrapped(text, width, lines):
    out = textwrap.wrap(text, width)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:width - 1] + "…"
    return out


def main():
    icondir, out = sys.argv[1], sys.argv[2]
    index = {}
    states = os.path.join(icondir, "states.json")
    if os.path.exists(states):
        with open(states, encoding="utf-8") as f:
            for e in json.load(f)["icons"]:
                index[e["name"]] = e
    files = []
    for root, _, names in os.walk(icondir):
        for nm in names:
            if nm.endswith(".svg"):
                files.append(os.path.join(root, nm))
    order = {e: i for i, e in enumerate(index)}
    files.sort(key=lambda p: (order.get(os.path.basename(p)[:-4], 999), p))

    tmp = tempfile.mkdtemp()
    row_h, label_w = 60, 340
    per_col = (len(files) + 1) // 2
    cols = [  # (size, palette, symbolic, magnify)
        (16, LIGHT, True, 1), (16, DARK, True, 1), (16, MONO, True, 1), (16, LIGHT, True, 3),
        (48, LIGHT, True, 1), (48, DARK, True, 1)]
    col_w = [48, 52, 56, 64, 60, 60]
    block_w = label_w + sum(col_w) + 20
    width = 2 * block_w
    height = 30 + row_h * per_col
    args = ["convert", "-size", "%dx%d" % (width, height), "xc:#ffffff",
            "-font", "DejaVu-Sans", "-pointsize", "11", "-fill", "#000000"]
    heads = ["16", "16 dark", "16 mono", "16 ×3", "48", "48 dark"]
    for b in range(2):
        x = b * block_w + label_w
        for h, w in zip(heads, col_w):
            args += ["-annotate", "+%d+20" % (x + 2), h]
            x += w
    for r, path in enumerate(files):
        name = os.path.basename(path)[:-4]
        symbolic = name.endswith("-symbolic")
        with open(path, "rb") as f:
            data = f.read()
        x0 = (r // per_col) * block_w
        y = 30 + (r % per_col) * row_h
        e = index.get(name)
        label = name
        if e:
            label += "   %s #%s" % (e["table"], e["no"]) if e.get("table") else ""
        args += ["-annotate", "+%d+%d" % (x0 + 6, y + 18), label]
        if e:
            for k, line in enumerate(wrapped(e["meaning"]["en"], 50, 2)):
                args += ["-annotate", "+%d+%d" % (x0 + 6, y + 35 + 14 * k), line]
        x = x0 + label_w
        for c, ((size, pal, _, mag), w) in enumerate(zip(cols, col_w)):
            png = os.path.join(tmp, "%d-%d.png" % (r, c))
            render(data, png, size, pal, symbolic)
            if mag > 1:
                subprocess.run(["convert", png, "-filter", "point", "-resize",
                                "%d%%" % (mag * 100), png], check=True)
            s = size * mag
            args += ["(", "-size", "%dx%d" % (w, row_h - 2), "xc:" + pal["bg"], png,
                     "-gravity", "center", "-composite", ")", "-gravity", "northwest",
                     "-geometry", "+%d+%d" % (x, y), "-composite"]
            x += w
    args += ["-depth", "8", "-strip", out]
    subprocess.run(args, check=True)


if __name__ == "__main__":
    main()
