#!/usr/bin/env python3
"""Dependencies point down only: each product folder may include its own floor and the floors
below it, never one above. Prints every upward include (file, line, include) and the count of
arrows between floors; exit 1 when there is any.

Usage: check_includes.py SOURCE_DIR"""
import collections
import os
import re
import sys

# Lowest first. A floor may include itself and any floor before it in this list.
FLOORS = ["core", "config", "services", "condition", "transform", "catalogue", "apps"]
INCLUDE = re.compile(r'\s*#\s*include\s+"([a-z_]+)/')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    rank = {f: i for i, f in enumerate(FLOORS)}
    arrows = collections.Counter()
    files = 0
    for floor in FLOORS:
        for folder, _, names in os.walk(os.path.join(root, floor)):
            for name in sorted(names):
                if not name.endswith((".cc", ".h", ".inc")):
                    continue
                files += 1
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if m and m.group(1) in rank and rank[m.group(1)] > rank[floor]:
                            arrows[(floor, m.group(1))] += 1
                            print(f"{os.path.relpath(path, root)}:{number}: {line.strip()} "
                                  f"({floor} may not include {m.group(1)})")
    if files == 0:
        print(f"no sources under {root}")
        return 1
    for (low, high), n in sorted(arrows.items()):
        print(f"upward: {low} -> {high}: {n}")
    print(f"{files} files, {sum(arrows.values())} upward includes")
    return 1 if arrows else 0


if __name__ == "__main__":
    sys.exit(main())
