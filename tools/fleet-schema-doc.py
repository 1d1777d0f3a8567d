#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the field reference of docs/fleet-format.md from data/fleet.schema.json.

Run it after changing the schema:  tools/fleet-schema-doc.py > /tmp/ref.md  and paste the
result under "Field reference" (tests/common/test-docs checks that every schema field is
mentioned in the page).
"""
import json
import sys

schema = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "data/fleet.schema.json"))
defs = schema["$defs"]


def describe(prop):
    if "$ref" in prop:
        name = prop["$ref"].split("/")[-1]
        target = defs[name]
        text = name if "properties" in target else describe(target)
        return text + ((" — " + prop["description"]) if "description" in prop else "")
    parts = []
    if "enum" in prop:
        parts.append(" / ".join("`%s`" % json.dumps(v) for v in prop["enum"]))
    elif "type" in prop:
        t = prop["type"]
        t = " or ".join(t) if isinstance(t, list) else t
        if t == "array" and "items" in prop:
            t = "array of " + describe(prop["items"])
        parts.append(t)
    rng = []
    if "minimum" in prop:
        rng.append("≥ %s" % prop["minimum"])
    if "maximum" in prop:
        rng.append("≤ %s" % prop["maximum"])
    if "maxLength" in prop:
        rng.append("≤ %d chars" % prop["maxLength"])
    if "pattern" in prop:
        rng.append("pattern `%s`" % prop["pattern"].replace("|", "\\|"))
    if rng:
        parts.append("(" + ", ".join(rng) + ")")
    if "description" in prop:
        parts.append("— " + prop["description"])
    return " ".join(parts)


def table(name, obj):
    print("### `%s`\n" % name)
    req = set(obj.get("required", []))
    print("| field | required | value |")
    print("|---|---|---|")
    nested = []
    for key, prop in obj.get("properties", {}).items():
        print("| `%s` | %s | %s |" % (key, "yes" if key in req else "", describe(prop)))
        if prop.get("type") == "object" and "properties" in prop:
            nested.append(("%s.%s" % (name, key), prop))
    print()
    # an object described in place (not under $defs) gets its own table after its parent's
    for nested_name, prop in nested:
        table(nested_name, prop)


table("fleet (top level)", schema)
for name, d in defs.items():
    if "properties" in d:
        table(name, d)
