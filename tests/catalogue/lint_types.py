#!/usr/bin/env python3
"""Checks the catalogue's type tables (catalogue/types/**.json):

  * the shape: every type has a summary and settings; every key a known type and a
    one-line description (or names a shared block of blocks.json);
  * with --vectors DIR (../shared/conformance): every settings key used by a conformance
    vector of a type is declared for that type (so `vet` never calls a reference test's
    config wrong).

Usage: lint_types.py CATALOGUE_DIR [--vectors DIR] [--only FAMILY...]"""
import argparse
import json
import os
import sys

TYPES = {"string", "number", "integer", "boolean", "strings", "string_map", "object",
         "objects", "duration", "transform", "transforms", "condition", "conditions",
         "component", "any"}
FIELDS = {"type", "required", "default", "description", "settings", "block", "keys"}
problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def check_key(where, key, spec, blocks):
    if not isinstance(spec, dict):
        return problem(where, "a key's spec must be an object")
    extra = set(spec) - FIELDS
    if extra:
        problem(where, f"unknown fields {sorted(extra)}")
    if "block" in spec:
        block = blocks.get(spec["block"])
        if block is None:
            return problem(where, f"no block {spec['block']!r} in blocks.json")
        for k in spec.get("keys", []):
            if k not in block.get("settings", {}):
                problem(where, f"block {spec['block']!r} has no key {k!r}")
        return
    if spec.get("type") not in TYPES:
        problem(where, f"type {spec.get('type')!r} is not one of {sorted(TYPES)}")
    desc = spec.get("description")
    if not isinstance(desc, str) or not desc or "\n" in desc:
        problem(where, "needs a one-line description")
    if "default" in spec and not isinstance(spec["default"], str):
        problem(where, "default must be text as a user would write it")
    if "required" in spec and not isinstance(spec["required"], bool):
        problem(where, "required must be true or false")
    if spec.get("type") in ("object", "objects") and "settings" in spec:
        for k, s in spec["settings"].items():
            check_key(f"{where}.{k}", k, s, blocks)


def load(root):
    with open(os.path.join(root, "blocks.json")) as f:
        blocks = json.load(f)
    table = {}
    for kind in ("transform", "condition"):
        folder = os.path.join(root, kind)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            family = name[:-5]
            with open(os.path.join(folder, name)) as f:
                types = json.load(f)
            for type_name, spec in types.items():
                where = f"{kind}/{name}: {type_name}"
                if type_name in table:
                    problem(where, "declared twice")
                if not isinstance(spec.get("summary"), str) or not spec["summary"]:
                    problem(where, "needs a summary")
                settings = spec.get("settings")
                if not isinstance(settings, dict):
                    problem(where, "needs settings (an object, {} for none)")
                    settings = {}
                for k, s in settings.items():
                    check_key(f"{where}: {k}", k, s, blocks)
                entry = dict(spec, kind=kind, family=family)
                table[type_name] = entry
                for alias in spec.get("aliases", []):
                    table[alias] = entry
    return blocks, table


def declared(spec, blocks):
    """{key: spec} of one level, with blocks expanded."""
    if "block" in spec:
        block = blocks[spec["block"]]
        subs = block.get("settings", {})
        if "keys" in spec:
            subs = {k: v for k, v in subs.items() if k in spec["keys"]}
        return dict(block, settings=subs)
    return spec


def check_config(where, settings, specs, blocks):
    if not isinstance(settings, dict):
        return
    lower = {k.lower(): v for k, v in specs.items()}
    for key, value in settings.items():
        spec = lower.get(key.lower())
        if spec is None:
            problem(where, f"vector uses undeclared key {key!r}")
            continue
        spec = declared(spec, blocks)
        if spec.get("type") == "object" and "settings" in spec:
            check_config(f"{where}.{key}", value, spec["settings"], blocks)
        elif spec.get("type") == "objects" and "settings" in spec and isinstance(value, list):
            for i, item in enumerate(value):
                check_config(f"{where}.{key}[{i}]", item, spec["settings"], blocks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--vectors")
    ap.add_argument("--only", nargs="*", default=[])
    args = ap.parse_args()
    blocks, table = load(args.root)
    if args.vectors:
        for name in ("transforms.jsonl", "conditions.jsonl"):
            with open(os.path.join(args.vectors, name)) as f:
                for line in f:
                    v = json.loads(line)
                    t = table.get(v.get("type"))
                    if args.only and (t is None or t["family"] not in args.only):
                        continue
                    if t is None:
                        problem(v["id"], f"type {v.get('type')!r} not in the catalogue")
                        continue
                    check_config(f"{v['id']} ({v['type']})", v.get("settings") or {},
                                 t["settings"], blocks)
    for p in problems:
        print(p)
    print(f"{len(table)} type names, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
