"""Shrinking a differing case to a small one that still differs in the same way.

A case is {"config": dict, "lines": [bytes], "tz": str}. `shrink(case, differs, ...)`
tries smaller variants -- fewer transforms, nested components hoisted, fewer settings,
simpler values, fewer input lines, fewer members in JSON lines -- and keeps each one for
which `differs(variant)` is still true. Greedy, first improvement wins; bounded by a number
of tests and a deadline. Standard library only.
"""

import copy
import json
import time


# --------------------------------------------------------------------------
# Config variants.

def _paths(node, path=()):
    """Every (path, value) in a JSON tree, parents before children."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


def _replace(root, path, value):
    out = copy.deepcopy(root)
    if not path:
        return value
    parent = _get(out, path[:-1])
    parent[path[-1]] = value
    return out


def _delete(root, path):
    out = copy.deepcopy(root)
    parent = _get(out, path[:-1])
    del parent[path[-1]]
    return out


def _components(node):
    """Nested components ({"type": ...} dicts) anywhere below node (not node itself)."""
    for path, v in _paths(node):
        if path and isinstance(v, dict) and isinstance(v.get("type"), str):
            yield v


def config_variants(cfg):
    """Smaller configs, roughly biggest cut first."""
    entries = list(_paths(cfg))
    # 1. Drop an element of a list (a transform, a case, a condition, a list value).
    for path, v in entries:
        if isinstance(v, list):
            for i in range(len(v)):
                yield _delete(cfg, path + (i,))
    # 2. Replace a component by one of the components nested in it (e.g. a meta_switch by
    #    the transform of its case; a meta_all by one of its conditions).
    for path, v in entries:
        if path and isinstance(v, dict) and isinstance(v.get("type"), str):
            for inner in _components(v):
                yield _replace(cfg, path, copy.deepcopy(inner))
    # 3. Drop a setting (any key of any dict but a component's "type").
    for path, v in entries:
        if isinstance(v, dict):
            for k in v:
                if k == "type" and isinstance(v[k], str):
                    continue
                yield _delete(cfg, path + (k,))
    # 4. Simpler values.
    for path, v in entries:
        if not path or path[-1] == "type":
            continue
        for simple in _simpler(v):
            yield _replace(cfg, path, simple)


def _simpler(v):
    if isinstance(v, bool) or v is None:
        return []
    if isinstance(v, str):
        out = [s for s in ("", "a") if len(s) < len(v) or (s == "" and v != "")]
        if len(v) > 8:
            out.append(v[:len(v) // 2])
        return [s for s in out if s != v]
    if isinstance(v, (int, float)):
        return [x for x in (0, 1) if x != v or type(x) is not type(v)][:2]
    if isinstance(v, (list, dict)) and v:
        return [type(v)()]
    return []


# --------------------------------------------------------------------------
# Input variants.

class _Num(str):
    """A JSON number kept as its text."""


def _parse(line):
    """Parse a JSON line keeping number texts and member order/duplicates; None if not JSON."""
    try:
        text = line.decode("utf-8")
        return json.loads(text, parse_float=_Num, parse_int=_Num,
                          parse_constant=_Num, object_pairs_hook=lambda p: ("obj", p))
    except (ValueError, UnicodeDecodeError):
        return None


def _dump(v):
    if isinstance(v, tuple):
        return "{" + ",".join(_dump_str(k) + ":" + _dump(x) for k, x in v[1]) + "}"
    if isinstance(v, list):
        return "[" + ",".join(_dump(x) for x in v) + "]"
    if isinstance(v, _Num):
        return str(v)
    if isinstance(v, str):
        return _dump_str(v)
    return json.dumps(v)


def _dump_str(s):
    return json.dumps(s, ensure_ascii=False)


def _tree_variants(v):
    """Smaller versions of a parsed JSON value."""
    if isinstance(v, tuple):
        pairs = v[1]
        for i in range(len(pairs)):
            yield ("obj", pairs[:i] + pairs[i + 1:])
        for i, (k, x) in enumerate(pairs):
            for y in _tree_variants(x):
                yield ("obj", pairs[:i] + [(k, y)] + pairs[i + 1:])
    elif isinstance(v, list):
        for i in range(len(v)):
            yield v[:i] + v[i + 1:]
        for i, x in enumerate(v):
            for y in _tree_variants(x):
                yield v[:i] + [y] + v[i + 1:]
    elif isinstance(v, _Num):
        if v not in ("0", "1"):
            yield _Num("1")
    elif isinstance(v, str) and v:
        yield ""


def line_variants(lines):
    # Drop halves, then single lines.
    n = len(lines)
    if n > 3:
        yield lines[: n // 2]
        yield lines[n // 2:]
    for i in range(n):
        yield lines[:i] + lines[i + 1:]
    for i, line in enumerate(lines):
        tree = _parse(line)
        if tree is None:
            if len(line) > 1:
                yield lines[:i] + [line[: len(line) // 2]] + lines[i + 1:]
            continue
        canon = _dump(tree).encode("utf-8")
        if canon != line:
            # First the same value written plainly; the structured cuts come after, once
            # the line is in that form.
            yield lines[:i] + [canon] + lines[i + 1:]
            continue
        for t in _tree_variants(tree):
            yield lines[:i] + [_dump(t).encode("utf-8")] + lines[i + 1:]


# --------------------------------------------------------------------------

def case_variants(case):
    for cfg in config_variants(case["config"]):
        yield dict(case, config=cfg)
    for lines in line_variants(case["lines"]):
        if lines:
            yield dict(case, lines=lines)
    if case.get("tz") != "UTC":
        yield dict(case, tz="UTC")


def size(case):
    return len(json.dumps(case["config"])) + sum(len(x) + 1 for x in case["lines"])


def shrink(case, differs, deadline, max_tests=400, pool=None, width=2):
    """Smallest case found for which differs(case) holds; returns (case, tests run).

    `pool` (a concurrent.futures executor) lets `width` variants be tried at once; the first
    one in order that still differs is taken."""
    tests = 0
    best = case
    improved = True
    while improved and tests < max_tests and time.monotonic() < deadline:
        improved = False
        batch = []
        seen = set()
        for v in case_variants(best):
            key = json.dumps([v["config"], [x.hex() for x in v["lines"]], v.get("tz")], sort_keys=True)
            if key in seen or size(v) >= size(best) and v.get("tz") == best.get("tz"):
                continue
            seen.add(key)
            batch.append(v)
            if len(batch) < width:
                continue
            hit = _try(batch, differs, pool)
            tests += len(batch)
            batch = []
            if hit is not None:
                best, improved = hit, True
                break
            if tests >= max_tests or time.monotonic() >= deadline:
                break
        if not improved and batch and tests < max_tests and time.monotonic() < deadline:
            hit = _try(batch, differs, pool)
            tests += len(batch)
            if hit is not None:
                best, improved = hit, True
    return best, tests


def _try(batch, differs, pool):
    if pool is None or len(batch) == 1:
        results = [differs(v) for v in batch]
    else:
        results = list(pool.map(differs, batch))
    for v, r in zip(batch, results):
        if r:
            return v
    return None
