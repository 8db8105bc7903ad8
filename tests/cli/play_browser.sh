#!/usr/bin/env bash
# `substation play` in a real browser: headless Chromium loads the page with `?selftest`
# (apps/cli/play/index.html), which runs every built-in example through Run (plain and
# pretty-printed) and Test, opens the docs of the type at the caret, jumps to the line an
# error cites and renders a 2,000-line config; the DOM it dumps must show the line numbers,
# the highlighted text, each example's expected output, PASS lines and the docs.
# Exits 77 (skipped) without `chromium` (scripts/install-test-tools installs it).
source "$(dirname "$0")/lib.bash" "$@"

if ! command -v chromium >/dev/null 2>&1; then
  echo "skipped: chromium is not installed (scripts/install-test-tools installs it)"
  exit 77
fi

cat >"$WORK/drive.py" <<'PY'
import html, json, os, re, signal, subprocess, sys

BINARY, SOURCE_DIR, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "cli"))
import play_support  # noqa: E402
from play_support import check  # noqa: E402


def element(dom, ident):
    """The inner HTML of the element with id `ident` ('' when absent)."""
    m = re.search(r'<(\w+) id="%s"[^>]*>(.*?)</\1>' % ident, dom, re.S)
    return m.group(2) if m else ""


def text_of(inner):
    return html.unescape(re.sub(r"<[^>]+>", "", inner))


examples = play_support.examples(SOURCE_DIR)
proc, base = play_support.start(BINARY)
try:
    try:
        # Virtual time waits for the page's fetches; the budget bounds its timers.
        browser = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update",
             "--user-data-dir=" + os.path.join(WORK, "profile"),
             "--virtual-time-budget=60000", "--dump-dom", base + "/?selftest"],
            capture_output=True, text=True, timeout=180)
        dom, log = browser.stdout, browser.stderr
    except subprocess.TimeoutExpired as e:
        dom, log = (e.stdout or b"").decode(errors="replace"), "timed out after 180 s"
    with open(os.path.join(WORK, "dom.html"), "w") as f:
        f.write(dom)
    selftest = text_of(element(dom, "selftest"))
    check("selftest finished", selftest.endswith("selftest: done\n"),
          "%r\nbrowser: %s" % (selftest[-600:], log[-600:]))

    # Run and Test, from the browser, with the page's token, Origin and Content-Type.
    lines = {}
    for line in selftest.splitlines():
        kind, _, rest = line.partition(" ")
        name, _, value = rest.partition(" ")
        lines[(kind, name)] = value
    for name, (config, _, expected) in examples.items():
        got = lines.get(("run", name))
        check("browser run " + name, got is not None and json.loads(got) == expected,
              "got %r, want %r" % (got, expected))
        got = lines.get(("pretty", name))
        want = "\n".join(json.dumps(json.loads(m), indent=2, ensure_ascii=False) for m in expected)
        check("browser pretty " + name, got is not None and json.loads(got) == want,
              "got %r, want %r" % (got, want))
        got = lines.get(("test", name))
        report = json.loads(got) if got else ""
        names = re.findall(r"^\s+name: '([^']+)'", config, re.M)
        want = "".join("--- PASS: %s\n" % re.escape(n) for n in names)
        check("browser test " + name, re.fullmatch(want + r"ok\tconfig\t\S+\t\n", report) is not None,
              repr(report))

    # Docs, pressed with the caret on `sub.tf.object.copy`: object_copy's docs.
    printed = subprocess.run([BINARY, "docs", "object_copy"], capture_output=True, text=True,
                             timeout=60).stdout
    got = lines.get(("docs", "object_copy"))
    check("browser docs", printed != "" and got is not None and json.loads(got) == printed,
          "got %r" % (got or selftest[-300:]))

    # An error citing config:3 links to line 3: clicking it marks the line and moves the caret.
    jump = re.search(r"^jump (.*)$", selftest, re.M)
    check("error jumps to its line", jump is not None and re.fullmatch(
        r"config:3(:\d+)? marked=3 Ln 3, Col \d+", jump.group(1)) is not None,
        jump.group(0) if jump else selftest[-300:])
    check("2,000 lines numbered", re.search(r"^big lines=2000 ms=\d+$", selftest, re.M) is not None,
          selftest[-300:])

    # The editor as left: the first example, numbered and highlighted.
    first = examples[next(iter(examples))][0]
    count = first.count("\n") + 1
    gutter = text_of(element(dom, "gutter"))
    check("line numbers", gutter == "\n".join(str(i) for i in range(1, count + 1)),
          "%r (want 1..%d)" % (gutter[:80], count))
    m = re.search(r'<div id="highlight"[^>]*>(.*?)</div>\s*<div id="error-line"', dom, re.S)
    shown = m.group(1) if m else ""
    rows = re.findall(r"<div>(.*?)</div>", shown, re.S)  # one a line
    check("highlight shows the text", "\n".join(text_of(r) for r in rows) == first,
          repr([text_of(r) for r in rows[:5]]))
    for cls, sample in (("t-com", "// Normalize"), ("t-kw", "local"), ("t-key", "transforms"),
                        ("t-str", "'SrcIP'"), ("t-num", "0")):
        spans = [html.unescape(s) for s in re.findall(r'<span class="%s">(.*?)</span>' % cls, shown, re.S)]
        check("highlight " + cls, any(s.startswith(sample) for s in spans), repr(spans[:5]))
    check("the page's own text", 'id="gutter"' in dom and "Substation" in dom)
finally:
    play_support.stop(proc, signal.SIGINT, "sigint")

sys.exit(1 if play_support.failures else 0)
PY

set +e
timeout 300 python3 "$WORK/drive.py" "$SUBSTATION" "$SOURCE_DIR" "$WORK"
RC=$?
set -e
if [[ $RC -ne 0 ]]; then fail "play_browser: the driver failed (exit code $RC)"; fi

finish
