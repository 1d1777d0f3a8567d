#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every error id and message id the code and the stage tables name exists in the
catalogue (data/errors/), so no operator ever sees a bare id instead of the manual's
message and remedy (TAP output).

usage: check-catalogue-refs.py SOURCE_ROOT
"""
import glob
import json
import os
import re
import sys

root = sys.argv[1]
catalogue = json.load(open(os.path.join(root, "data/errors/catalogue.json")))
messages = json.load(open(os.path.join(root, "data/errors/messages.json")))
error_ids = {e["id"] for e in catalogue["entries"]}
message_ids = {m["id"] for m in messages["messages"]}

# calls whose string arguments are error ids, and those whose are message ids
ERROR_CALLS = re.compile(r"\b(bn_error_set_catalogue|bn_sim_migration_transfer_finished|"
                         r"bn_sim_reply_new_error|reply_error|bn_sim_migration_cancel_for|"
                         r"bn_catalogue_lookup_error|bn_catalogue_has_error|"
                         r"bn_catalogue_get_remedy|bn_migration_get_error_id)\b")
MESSAGE_CALLS = re.compile(r"\bbn_catalogue_get_message\b")
ID = re.compile(r'"((?:mms|mmc|hvm|mover|recovery)-[a-z0-9-]+)"')
LITERAL = re.compile(r'"([a-z][a-z0-9-]+)"')

results = []


def check(ok, what):
    results.append((ok, what))


for path in sorted(glob.glob(os.path.join(root, "src/**/*.c"), recursive=True)):
    text = open(path, encoding="utf-8").read()
    rel = os.path.relpath(path, root)
    # statements, roughly: enough to keep a call and its arguments together
    for statement in re.split(r";|\{|\}", text):
        if ERROR_CALLS.search(statement):
            for m in ID.finditer(statement):
                check(m.group(1) in error_ids, f"{rel}: error id {m.group(1)}")
        if MESSAGE_CALLS.search(statement):
            call = statement[MESSAGE_CALLS.search(statement).end():]
            for m in LITERAL.finditer(call):
                check(m.group(1) in message_ids, f"{rel}: message id {m.group(1)}")

for path in sorted(glob.glob(os.path.join(root, "data/stages/*.json"))):
    if path.endswith(".schema.json"):
        continue
    rel = os.path.relpath(path, root)
    stages = json.load(open(path))
    for step in stages.get("steps", []):
        eid = step.get("error_on_failure")
        if eid:
            check(eid in error_ids, f"{rel}: step {step.get('id')} error_on_failure {eid}")
    for kind, eid in stages.get("communication_errors", {}).items():
        check(eid in error_ids, f"{rel}: communication_errors.{kind} {eid}")

if not results:
    print("1..0 # SKIP nothing found (the scanner is broken)")
    sys.exit(1)
print(f"1..{len(results)}")
for i, (ok, what) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}{'' if ok else ' is not in data/errors/'}")
sys.exit(0 if all(ok for ok, _ in results) else 1)
