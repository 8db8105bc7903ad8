#!/usr/bin/env python3
"""Namespaces follow folders: every product source declares its code in the namespace of its
folder. Prints each offending file with the namespace it uses and the one it should; exit 1
when there is any.

The rule (README, "How the code is laid out"):
  core/*.h, core/*.cc              sub            (the root vocabulary: Message, Error, ...)
  core/<x>/...                     sub::<x>       (sub::json, sub::gotime)
  config/, condition/, transform/, catalogue/ (their family subfolders too)
                                   sub::<layer>   (sub::config, sub::transform, ...)
  services/*.h, services/*.cc      sub::services  (Services, OutputSink, the logger)
  services/<x>/..., apps/<x>/...   sub::<x>       (sub::aws, sub::kv, sub::cli, sub::lambda)
A file may nest namespaces inside its own (sub::transform::detail, sub::cli::play) and use
anonymous ones. Besides its own namespace a file may open another only to forward-declare
classes (`namespace sub::http { class Transport; }`) or to specialize in namespace std.
Code outside any namespace is allowed in main.cc only. No header has `using namespace`.

Usage: check_namespaces.py SOURCE_DIR"""
import os
import re
import sys

LAYERS = ["core", "config", "services", "condition", "transform", "catalogue", "apps"]
# Layers whose folders below the top one share the layer's namespace (family folders).
FLAT = {"config", "condition", "transform", "catalogue"}
# Layers whose top folder is only a container: each subfolder is its own namespace.
CONTAINERS = {"services", "apps"}

TOKEN = re.compile(
    r'namespace\s+([A-Za-z_][\w:]*)?\s*\{'   # namespace block (named or anonymous)
    r'|extern\s+"C(?:\+\+)?"\s*\{'           # linkage block: transparent
    r'|[{}]'
    r'|[^{}\s]+')                            # anything else is content
FORWARD = re.compile(r'^(?:\s*(?:template\s*<[^<>]*>\s*)?(?:class|struct)\s+\w+\s*;)*\s*$')
HEX = set("0123456789abcdefABCDEF")
USING_NAMESPACE = re.compile(r'\busing\s+namespace\b')


def strip(text):
    """The text without comments, string and character literals, or preprocessor lines."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # A directive, with its continuation lines.
            while i < n and text[i] != "\n":
                i += 2 if text[i] == "\\" else 1
            continue
        if c == "\n":
            line_start = True
            out.append(c)
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not text[i - 1].isalnum()):
            j = text.find("(", i)
            delim = ")" + text[i + 2:j] + '"'
            k = text.find(delim, j)
            i = n if k < 0 else k + len(delim)
            out.append('""')
        elif c == "'" and i > 0 and text[i - 1] in HEX and text[i + 1:i + 2] in HEX:
            i += 1  # a digit separator (1'000)
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            out.append('""')
        else:
            out.append(c)
            i += 1
    return "".join(out)


def home(rel):
    """The namespace a file under the product folders must use, or None if not checked."""
    parts = rel.split("/")
    layer, folders = parts[0], parts[1:-1]
    if layer == "core":
        return "sub::" + folders[0] if folders else "sub"
    if layer in FLAT:
        return "sub::" + layer
    if layer in CONTAINERS:
        return "sub::" + folders[0] if folders else "sub::" + layer
    return None


def owned(root):
    """Every namespace some folder owns (a file's nested namespace may not take one)."""
    names = set()
    for layer in LAYERS:
        for folder, _, files in os.walk(os.path.join(root, layer)):
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            h = home(rel + "/x.h")
            if h:
                names.add(h)
    return names


def blocks(code):
    """The top-level structure: yields (full namespace, own content) for every namespace
    block, and ("", content) for the content outside any namespace."""
    stack = [["", []]]  # [full name, content tokens]; braces of non-namespace blocks are content
    results = []
    inner = 0
    for m in TOKEN.finditer(code):
        tok = m.group(0)
        if inner == 0 and tok.startswith("namespace"):
            name = m.group(1)
            parent = stack[-1][0]
            full = parent if not name else (f"{parent}::{name}" if parent else name)
            stack.append([full, []])
        elif inner == 0 and tok.startswith("extern"):
            stack.append([stack[-1][0], []])
        elif tok == "{":
            inner += 1
            stack[-1][1].append(tok)
        elif tok == "}":
            if inner > 0:
                inner -= 1
                stack[-1][1].append(tok)
            elif len(stack) > 1:
                full, content = stack.pop()
                results.append((full, content))
        else:
            stack[-1][1].append(tok)
    results.append(("", stack[0][1]))
    return results


def check(path, rel, want, taken):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    code = strip(text)
    problems = []
    if rel.endswith(".h") and USING_NAMESPACE.search(code):
        problems.append("`using namespace` in a header")
    for full, content in blocks(code):
        body = " ".join(content).strip()
        if not body:
            continue
        if full == "":
            if os.path.basename(rel) != "main.cc":
                problems.append(f"code outside any namespace (want {want})")
            continue
        if full == want:
            continue
        if full.startswith(want + "::") and not any(
                full == t or full.startswith(t + "::") for t in taken if t != want and
                len(t) > len(want)):
            continue
        if full == "std" or full.startswith("std::"):
            continue
        if FORWARD.match(body):
            continue
        problems.append(f"code in namespace {full} (want {want})")
    return sorted(set(problems))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    taken = owned(root)
    files = 0
    offenders = []
    for layer in LAYERS:
        for folder, _, names in os.walk(os.path.join(root, layer)):
            for name in sorted(names):
                if not name.endswith((".cc", ".h")):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                want = home(rel)
                if want is None:
                    continue
                files += 1
                for problem in check(path, rel, want, taken):
                    offenders.append(f"{rel}: {problem}")
    if files == 0:
        print(f"no sources under {root}")
        return 1
    for line in offenders:
        print(line)
    print(f"{files} files, {len(offenders)} namespaces not following their folder "
          "(the rule: README, How the code is laid out)")
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
