#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP: the fixture fleets against data/fleet.schema.json and the rules files against
data/rules/rules.schema.json.  Skipped when the jsonschema module is not installed."""
import glob, json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3 jsonschema is not installed")
    sys.exit(0)

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

checks = []
fleet_schema = load(os.path.join(root, "data", "fleet.schema.json"))
for path in sorted(glob.glob(os.path.join(root, "tests", "checks", "fleets", "*.json"))):
    checks.append((fleet_schema, path))
rules_schema = load(os.path.join(root, "data", "rules", "rules.schema.json"))
jsonschema.Draft202012Validator.check_schema(rules_schema)
for path in sorted(glob.glob(os.path.join(root, "data", "rules", "*.json"))):
    if path.endswith(".schema.json"):
        continue
    doc = load(path)
    if doc.get("format") != "bladenav-checks/1":
        continue      # another component's file (locks.json, config-moved.json)
    checks.append((rules_schema, path))

print("1..%d" % len(checks))
failed = 0
for i, (schema, path) in enumerate(checks, 1):
    name = os.path.relpath(path, root)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(load(path)), key=str)
    if errors:
        failed += 1
        print("not ok %d - %s" % (i, name))
        for e in errors[:5]:
            print("# %s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message))
    else:
        print("ok %d - %s" % (i, name))
sys.exit(1 if failed else 0)
