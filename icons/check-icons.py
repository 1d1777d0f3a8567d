#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the icon set against the rules GTK's symbolic recolouring imposes (TAP output).

GTK 4 recolours a -symbolic SVG by wrapping it in a stylesheet that says
`rect,circle,path { fill: <fg> !important }` and `.success/.warning/.error { fill: ... }`.
So only path/rect/circle are recoloured, the state class must sit on that element itself
(a class on a <g> loses to the element rule), and a stroke keeps its baked-in colour and
vanishes on a dark theme.  Also checks that states.json and the files agree and that every
row of the manual's tables 7-1 ... 7-5 has its icon.

usage: check-icons.py ICONDIR
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
DRAWN = {"path", "rect", "circle"}
ALLOWED = DRAWN | {"svg", "g", "clipPath"}
CLASSES = {"success", "warning", "error"}
FG = "#2e3436"
MAX_BYTES = 4096
# rows per table in the manual (§7)
TABLE_ROWS = {"表 7-1": 4, "表 7-2": 17, "表 7-3": 4, "表 7-4": 2, "表 7-5": 3}

results = []


def ok(cond, what, why=""):
    results.append((bool(cond), what, why))


def local(tag):
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def check_symbolic(path, name):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        ok(False, name, "not well-formed XML: %s" % e)
        return
    if root.tag != SVG + "svg":
        problems.append("root is not an SVG <svg>")
    size = (root.get("viewBox"), root.get("width"), root.get("height"))
    if size != ("0 0 16 16", "16", "16"):
        problems.append("needs width=16 height=16 viewBox='0 0 16 16'")
    for el in root.iter():
        tag = local(el.tag)
        if not el.tag.startswith(SVG):
            problems.append("foreign element %s" % el.tag)
            continue
        if tag not in ALLOWED:
            problems.append("element <%s> is not recoloured by GTK" % tag)
        for attr in el.attrib:
            if attr.startswith("{"):
                problems.append("editor/foreign attribute %s" % attr)
        if "stroke" in el.attrib or "stroke" in el.get("style", ""):
            problems.append("stroke on <%s> survives no recolouring" % tag)
        cls = el.get("class")
        if cls is not None:
            if cls not in CLASSES:
                problems.append("class '%s' is not one GTK recolours" % cls)
            if tag not in DRAWN:
                problems.append("class on <%s> is overridden by the path rule" % tag)
        if tag in DRAWN and el not in root.findall(".//%sclipPath/*" % SVG):
            if el.get("fill") != FG:
                problems.append("<%s> fill is %s, not %s" % (tag, el.get("fill"), FG))
    if os.path.getsize(path) > MAX_BYTES:
        problems.append("larger than %d bytes" % MAX_BYTES)
    ok(not problems, name, "; ".join(problems))


def main():
    icondir = sys.argv[1]
    status = os.path.join(icondir, "scalable", "status")
    files = sorted(f for f in os.listdir(status) if f.endswith(".svg"))
    for f in files:
        ok(f.startswith("bn-") and f.endswith("-symbolic.svg"), "name " + f,
           "status icons are bn-*-symbolic.svg")
        check_symbolic(os.path.join(status, f), f)

    sym_app = os.path.join(icondir, "hicolor", "symbolic", "apps",
                           "io.github.bladenav.Navigator-symbolic.svg")
    check_symbolic(sym_app, os.path.basename(sym_app))
    app = os.path.join(icondir, "hicolor", "scalable", "apps", "io.github.bladenav.Navigator.svg")
    try:
        root = ET.parse(app).getroot()
        ok(root.get("viewBox") == "0 0 128 128", "application icon is 128x128")
    except ET.ParseError as e:
        ok(False, "application icon parses", str(e))

    with open(os.path.join(icondir, "states.json"), encoding="utf-8") as f:
        index = json.load(f)["icons"]
    names = [e["name"] for e in index]
    ok(len(names) == len(set(names)), "states.json names are unique")
    on_disk = {f[:-4] for f in files}
    ok(set(names) == on_disk, "states.json and scalable/status/ list the same icons",
       "only in json: %s; only on disk: %s" % (sorted(set(names) - on_disk),
                                               sorted(on_disk - set(names))))
    rows = {}
    for e in index:
        m = e.get("meaning", {})
        ok(m.get("en") and m.get("ja"), "meaning of " + e["name"], "needs en and ja")
        ok(e.get("cue") in (None, "success", "warning", "error"), "cue of " + e["name"])
        if e.get("table"):
            rows.setdefault(e["table"], []).append(e["no"])
    for table, count in TABLE_ROWS.items():
        got = sorted(rows.get(table, []))
        ok(got == list(range(1, count + 1)), "%s rows 1-%d each have one icon" % (table, count),
           "got %s" % got)

    print("TAP version 13")
    print("1..%d" % len(results))
    for i, (passed, what, why) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", i, what))
        if not passed and why:
            print("# " + why)
    return 0 if all(r[0] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
