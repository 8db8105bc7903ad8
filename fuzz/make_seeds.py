#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (committed; re-run to regenerate).

Seeds are hand-made here or derived from files next to the checkout: the conformance
vectors (../shared/conformance), the Lambda event and KPL fixtures (../shared/fixtures),
the Parquet test fixtures (tests/fixtures/parquet), the demo and example Jsonnet configs,
and the system time zone database. Standard library only; deterministic output.
"""
import bz2
import glob
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
import zlib

FUZZ = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(FUZZ)
SHARED = os.path.join(os.path.dirname(REPO), "shared")
CORPUS = os.path.join(FUZZ, "corpus")


def target(name):
    d = os.path.join(CORPUS, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def write(d, name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def json_get():
    d = target("json_get")
    paths = [
        "name.last", "age", "children.#", "children.1", "child*.2", "c?ildren.0", r"fav\.movie",
        "friends.#.first", "friends.1.last", 'friends.#(last=="Murphy").first',
        'friends.#(last=="Murphy")#.first', "friends.#(age>45)#.last", 'friends.#(first%"D*").last',
        'friends.#(first!%"D*").last', 'friends.#(nets.#(=="fb"))#.first', "children|@reverse",
        "children.@reverse", "@pretty", "@pretty:{\"sortKeys\":true,\"indent\":\"\\t\"}", "@ugly",
        "@this", "@valid", "deep|@flatten:{\"deep\":true}", "children|@join", "friends|@join",
        "@keys", "@values", "tags|@fromstr", "name|@tostr", "friends|@group", "@dig:first",
        "[name.first,age,children.0]", '{name.first,age,"murphys":friends.#(last=="Murphy")#.first}',
        "!true", "numbers.@dedupe", "friends.#.nets|@flatten", "escaped", "numbers.3", "empty.o",
        "bools.#(==false)", "numbers.#(>1)#", "deep.a.b.c.0.1.1.0", "friends.#.nets.#",
        "name.@reverse", "children.-1", "children.#(%\"*a*\")#", "ip", "age|@tostr|@fromstr",
    ]
    for i, p in enumerate(paths):
        write(d, "path-%02d" % i, p)
    # Paths over documents of their own (path 0x00 document).
    docs = [
        ("..#", '{"a":1}\n{"a":2}\n{"a":3}\n'),
        ("..1.a", '{"a":1}\n{"a":2}\n'),
        ("a.b", '{"a":{"b":[1,2,{"c":"\\u00e9"}]}}'),
        ("#", "[1,2,3,[4,5]]"),
        ("0.0.0", "[[[1]]]"),
        ("@pretty", "[" * 50 + "]" * 50),
        ("@dig:a", '{"x":{"a":1},"y":[{"a":2},{"b":{"a":3}}]}'),
        ("a", '{"a":1,"a":2}'),
        ("a", '{"a":"unterminated'),
        ("x.y", " { \"x\" : { \"y\" : 1.5e10 } } "),
    ]
    for i, (p, doc) in enumerate(docs):
        write(d, "doc-%02d" % i, p + "\0" + doc)
    for l in open(os.path.join(SHARED, "conformance", "message.jsonl")):
        v = json.loads(l)
        if v["op"] == "get" and isinstance(v.get("key"), str):
            doc = v["input"].get("data") or v["input"].get("metadata") or ""
            write(d, "conformance-%s" % v["id"].split(":")[-1].replace(" ", "_")[:40], v["key"] + "\0" + doc)


def json_set():
    d = target("json_set")
    sets = [  # (path, value, document or None for the sample)
        ("name.first", '"Bob"', None), ("friends.-1", '{"first":"New"}', None),
        ("children.5", "true", None), (r"a\.b.c", "1", "{}"), (":1.x", "null", "{}"),
        ("arr.1", "[1]", '{"arr":[0]}'), ("new.deep.path", '{"k":[1,2]}', None),
        ("0", "1", "[]"), ("a.3", '"x"', '{"a":[]}'), ("friends.1.nets.-1", '"ln"', None),
        ("age", "38", None), ("x", "1", ' {"a":1} '), ("x", "1", "{"), ("a.b", "2", '{"a":1}'),
        ("friends.#(first==\"Dale\").age", "45", None), ("@this", "1", '{"a":1}'),
    ]
    for i, (p, v, doc) in enumerate(sets):
        write(d, "set-%02d" % i, b"\x00" + (p + "\0" + v + ("" if doc is None else "\0" + doc)).encode())
    dels = [
        ("friends.1", None), ("children.-1", None), ("name.last", '{"name":{"last":1, "x":2}}'),
        ("a", '{"a":1}'), ("a", '{"b":1,"a":1}'), ("0", "[1,2]"), ("x.y", '{"x":{"y":1,"z":2}}'),
        ("missing", None), (r"fav\.movie", None),
    ]
    for i, (p, doc) in enumerate(dels):
        write(d, "del-%02d" % i, b"\x01" + (p + ("" if doc is None else "\0" + doc)).encode())


def json_valid():
    d = target("json_valid")
    docs = [
        "{}", "[]", "0", "-0.5e-3", '"a\\u00e9\\n"', "true", "false", "null", ' {"a" : [1, 2, {"b": null}]} ',
        "[1,]", '{"a":1,}', "01", "1.", "-", '"\x01"', '"\\x"', "[1 2]", '{"a" "b"}', "{'a':1}",
        "1e5", "1E+5", "\t\n\r[\t]\r\n", "[[[[[[[[[[]]]]]]]]]]", '{"a":{"b":{"c":{"d":[]}}}}',
        "nul", "truex", '"\xff\xfe"', "[" * 10000 + "]" * 10000, "[" * 10001 + "]" * 10001,
        "[" * 9999 + "{}" + "]" * 9999, '{"a":' * 3 + "1" + "}" * 3,
    ]
    for i, doc in enumerate(docs):
        write(d, "doc-%02d" % i, doc.encode("latin-1"))
    for name in ("transforms.jsonl", "conditions.jsonl"):
        lines = open(os.path.join(SHARED, "conformance", name)).read().splitlines()
        for i, l in enumerate(lines[:10]):
            data = json.loads(l)["input"][0].get("data", "")
            write(d, "%s-%02d" % (name.split(".")[0], i), data)


def time_layout():
    d = target("time_layout")
    pairs = [
        ("2006-01-02T15:04:05Z07:00", "2023-10-05T12:34:56+02:00"),
        ("2006-01-02T15:04:05.999999999Z07:00", "2023-10-05T12:34:56.123456789Z"),
        ("Mon Jan _2 15:04:05 MST 2006", "Thu Oct  5 12:34:56 EST 2023"),
        ("02 Jan 06 15:04 -0700", "05 Oct 23 12:34 -0400"),
        ("Monday, 02-Jan-06 15:04:05 MST", "Thursday, 05-Oct-23 12:34:56 UTC"),
        ("2006-01-02 15:04:05.000 -07:00:00", "2023-10-05 12:34:56.789 +05:30:00"),
        ("3:04PM", "11:59AM"), ("Jan _2 15:04:05.000000", "Oct  5 12:34:56.123456"),
        ("2006-002", "2023-278"), ("2006 __2", "2023  78"), ("20060102150405", "20231005123456"),
        ("2006-01-02T15:04:05.000Z", "2021-12-19T01:31:30.000Z"), ("15:04:05,999", "12:34:56,5"),
        ("January 2, 2006 at 3:04:05 pm -07", "October 5, 2023 at 1:02:03 am +09"),
        ("-070000 Z0700 Z07:00:00", "+010203 Z +01:02:03"), ("06 1 2 3 4 5", "23 10 5 1 2 3"),
    ]
    for i, (layout, value) in enumerate(pairs):
        for mode in (0, 1, 2):
            write(d, "layout-%d-%02d" % (mode, i), bytes([mode]) + (layout + "\0" + value).encode())
    # Formatting only: 8 bytes of Unix nanoseconds as the value.
    write(d, "format-nanos", b"\x02Mon Jan 2 15:04:05.000000000 MST 2006\x00" + (1639877490000000000).to_bytes(8, "little"))
    for zone in ("UTC", "America/New_York", "Asia/Kolkata", "Europe/London", "Australia/Lord_Howe"):
        path = os.path.join("/usr/share/zoneinfo", zone)
        if os.path.exists(path):
            write(d, "tzif-" + zone.replace("/", "_"), b"\x03" + read(path))


def kpl():
    d = target("kpl")
    fx = os.path.join(SHARED, "fixtures", "kpl")
    for name in sorted(os.listdir(fx)):
        if name.endswith(".bin"):
            record = read(os.path.join(fx, name))
            write(d, "record-" + name[:-4], b"\x00" + record)
            if len(record) > 20:
                write(d, "body-" + name[:-4], b"\x01" + record[4:-16])
    write(d, "records-3", b"\x02one\x00pk1\x00\x00two\x00pk2\x00\x00three\x00pk1\x00")
    write(d, "records-with-hash-keys", b"\x02one\x00pk1\x00123\x00two\x00pk2\x00456")
    write(d, "records-1", b"\x02data\x00" + b"k" * 300 + b"\x00")


def parquet():
    d = target("parquet")
    fx = os.path.join(REPO, "tests", "fixtures", "parquet")
    for name in sorted(os.listdir(fx)):
        if name.endswith(".parquet"):
            shutil.copy(os.path.join(fx, name), os.path.join(d, name))
    write(d, "magic-only", b"PAR1PAR1")


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def masked(data):
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def snappy_chunk(kind, payload, uncompressed):
    body = masked(uncompressed).to_bytes(4, "little") + payload
    return bytes([kind]) + len(body).to_bytes(3, "little") + body


def snappy():
    d = target("snappy")
    ident = b"\xff\x06\x00\x00sNaPpY"
    text = b"line one\nline two\n"
    literal = varint(len(text)) + bytes([(len(text) - 1) << 2]) + text
    abc = b"abcabcabcabc"  # literal "abc", then a 1-byte-offset copy of 9 bytes at offset 3
    copy = varint(len(abc)) + bytes([(3 - 1) << 2]) + b"abc" + bytes([((9 - 4) << 2) | 1, 3])
    write(d, "stored", ident + snappy_chunk(0x01, text, text))
    write(d, "literal", ident + snappy_chunk(0x00, literal, text))
    write(d, "copy", ident + snappy_chunk(0x00, copy, abc))
    write(d, "two-chunks-padding", ident + snappy_chunk(0x01, text, text) + b"\xfe\x02\x00\x00\x00\x00" + snappy_chunk(0x00, copy, abc))
    write(d, "ident-only", ident)
    write(d, "gzip", gzip.compress(text, mtime=0))
    write(d, "bzip2", bz2.compress(text))
    zstd = subprocess.run(["zstd", "-q", "-c"], input=text, capture_output=True)
    if zstd.returncode == 0:
        write(d, "zstd", zstd.stdout)
    write(d, "text", text)


def gzip_seeds():
    d = target("gzip")
    text = b'{"a":1}\n{"b":2}\n' * 4
    write(d, "one", gzip.compress(text, mtime=0))
    write(d, "two-members", gzip.compress(b"first\n", mtime=0) + gzip.compress(b"second\n", mtime=0))
    write(d, "empty-content", gzip.compress(b"", mtime=0))
    write(d, "truncated", gzip.compress(text, mtime=0)[:-6])
    buf = io.BytesIO()
    with gzip.GzipFile(filename="name.txt", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(text)
    write(d, "with-name", buf.getvalue())
    # FEXTRA and FCOMMENT header fields (flags 0x04 | 0x10), a stored deflate block.
    raw = zlib.compressobj(0, zlib.DEFLATED, -15)
    body = raw.compress(b"hi") + raw.flush()
    trailer = zlib.crc32(b"hi").to_bytes(4, "little") + (2).to_bytes(4, "little")
    write(d, "extra-comment", b"\x1f\x8b\x08\x14\x00\x00\x00\x00\x00\xff\x02\x00ab" + b"note\x00" + body + trailer)


def zip_seeds():
    d = target("zip")
    for name, method in (("stored", zipfile.ZIP_STORED), ("deflated", zipfile.ZIP_DEFLATED),
                         ("bzip2", zipfile.ZIP_BZIP2), ("lzma", zipfile.ZIP_LZMA)):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            for fname, data in (("a.txt", b"alpha\n"), ("dir/", b""), ("dir/b.json", b'{"b":2}'), ("empty", b"")):
                info = zipfile.ZipInfo(fname, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, data)
        write(d, name, buf.getvalue())
    write(d, "end-record-only", b"PK\x05\x06" + b"\x00" * 18)


def config_json():
    d = target("config_json")
    seen = set()
    for l in open(os.path.join(SHARED, "conformance", "transforms.jsonl")):
        v = json.loads(l)
        key = (v["type"], json.dumps(v["settings"], sort_keys=True))
        if key in seen or len([k for k in seen if k[0] == v["type"]]) >= 2:
            continue
        seen.add(key)
        cfg = {"transforms": [{"type": v["type"], "settings": v["settings"]}]}
        write(d, "tf-%s-%d" % (v["type"], len([k for k in seen if k[0] == v["type"]])), json.dumps(cfg))
    ctypes = set()
    for l in open(os.path.join(SHARED, "conformance", "conditions.jsonl")):
        v = json.loads(l)
        if v["type"] in ctypes:
            continue
        ctypes.add(v["type"])
        cfg = {"transforms": [{"type": "meta_switch", "settings": {"cases": [
            {"condition": {"type": v["type"], "settings": v["settings"]}, "transforms": [{"type": "send_stdout"}]}]}}]}
        write(d, "cnd-" + v["type"], json.dumps(cfg))
    write(d, "kv-memory", json.dumps({"concurrency": 2, "transforms": [{"type": "enrich_kv_store_item_set", "settings": {
        "object": {"source_key": "a", "target_key": "b"}, "kv_store": {"type": "memory", "settings": {"capacity": 10}}}}]}))
    write(d, "metric", json.dumps({"transforms": [{"type": "utility_metric_count", "settings": {"metric": {
        "name": "n", "destination": {"type": "aws_cloudwatch_embedded_metrics"}}}}]}))
    write(d, "empty", "{}")
    write(d, "tests", json.dumps({"transforms": [{"type": "send_stdout"}], "tests": [{"name": "t", "transforms": [
        {"type": "utility_control"}], "condition": {"type": "meta_all", "settings": {"conditions": []}}}]}))


def config_jsonnet():
    d = target("config_jsonnet")
    write(d, "demo", read(os.path.join(REPO, "apps", "cli", "demo", "config.jsonnet")))
    examples = os.path.join(REPO, "examples", "aws", "config")
    if os.path.isdir(examples):
        for name in sorted(os.listdir(examples)):
            path = os.path.join(examples, name, "config.jsonnet")
            if os.path.exists(path):
                write(d, "example-" + name, read(path))
    hand = {
        "extvar": "local sub = std.extVar('sub');\n{ transforms: [sub.tf.obj.cp({ obj: { src: 'a', trg: 'b' } }), sub.tf.send.stdout()] }\n",
        "import": "local sub = import 'substation.libsonnet';\n{ transforms: [sub.tf.meta.switch({ cases: [{ condition: sub.cnd.str.eq({ obj: { src: 'a' }, value: 'x' }), transforms: [sub.tf.util.drop()] }] })] }\n",
        "std": "{ a: std.range(0, 10), b: std.join(',', ['x', 'y']), c: std.manifestJsonEx({ k: [1, 2] }, '  '), d: std.base64('hi'), e: [x * 2 for x in std.range(1, 3)] }\n",
        "functions": "local f(x, y=2) = x + y; local o = { a: 1, b:: 2, c+: { d: 3 } }; { r: f(1), s: o { a: 5 }, t: std.objectFields(o), u: if f(1) > 2 then 'big' else 'small' }\n",
        "strings": "{ a: 'x' % 1, b: '%s-%d' % ['a', 2], c: std.format('%05.2f', 3.14159), d: |||\n  text block\n|||, e: @'verbatim\\n', f: \"\\u00e9\" }\n",
        "refused-import": "local x = importstr '/etc/passwd'; { x: x }\n",
        "error": "{ a: error 'boom' }\n",
        "assert": "local o = { assert self.a > 0 : 'a must be positive', a: 1 }; o\n",
    }
    for name, src in hand.items():
        write(d, name, src)


def lambda_events():
    d = target("lambda_events")
    fx = os.path.join(SHARED, "fixtures", "lambda-events")
    for sub_dir in sorted(os.listdir(fx)):
        full = os.path.join(fx, sub_dir)
        if not os.path.isdir(full):
            continue
        for name in sorted(os.listdir(full)):
            if name.endswith(".json"):
                write(d, sub_dir + "-" + name[:-5], read(os.path.join(full, name)))
    # The upstream event files keep their licenses (Apache-2.0, MIT-0) next to the corpus.
    licenses = os.path.join(FUZZ, "seed-licenses")
    os.makedirs(licenses, exist_ok=True)
    for project in ("aws-lambda-go", "powertools-lambda-python"):
        shutil.copy(os.path.join(fx, project, "LICENSE"), os.path.join(licenses, project + ".LICENSE"))
    write(d, "s3-lines", json.dumps({"Records": [
        {"s3": {"bucket": {"name": "b"}, "object": {"key": "line+one%0Aline+two%0A", "size": 1}}},
        {"s3": {"bucket": {"name": "b"}, "object": {"key": "missing"}}}]}))


def runtime_answer():
    # <first answer> 0x00 <second answer>, as the Runtime API would send them.
    d = target("runtime_answer")
    nxt = ("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: 8476a536\r\n"
           "Lambda-Runtime-Deadline-Ms: 1542409706888\r\nContent-Length: 13\r\n\r\n{\"hello\":\"x\"}")
    accepted = "HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}"
    write(d, "kept", nxt + "\0" + accepted)
    write(d, "chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "4;ext=1\r\nabcd\r\n0\r\nTrailer: x\r\n\r\n\0" + accepted)
    write(d, "informational", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\n"
                              "\r\nclose-framed body")
    write(d, "http10", "HTTP/1.0 500 Internal\r\nContent-Length: 2\r\n\r\n{}")
    write(d, "closed-then-new", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}\0"
                                + accepted)


def dict_token(t):
    out = []
    for ch in t.encode():
        if ch in (0x22, 0x5C) or ch < 0x20 or ch > 0x7E:
            out.append("\\x%02X" % ch)
        else:
            out.append(chr(ch))
    return '"' + "".join(out) + '"'


def write_dict(name, tokens):
    with open(os.path.join(FUZZ, name + ".dict"), "w") as f:
        f.write("# libFuzzer dictionary, written by make_seeds.py\n")
        for t in sorted(set(tokens)):
            f.write(dict_token(t) + "\n")


def dictionaries():
    json_tokens = ["{", "}", "[", "]", ":", ",", '"', "true", "false", "null", "-0.1e+2", "\\u00e9",
                   "\\ud83d\\ude00", "\\n", "\\\"", "0", "-1"]
    path_tokens = ["@reverse", "@ugly", "@pretty", "@this", "@valid", "@flatten", "@join", "@keys",
                   "@values", "@tostr", "@fromstr", "@group", "@dig", "@dedupe", "#", "#(", ")#", "==",
                   "!=", "<=", ">=", "%", "!%", "*", "?", "..", "|", "\\.", ":{", "-1", "!true", '"deep":true',
                   '"sortKeys":true', '"indent":', '"prefix":', '"width":', '"preserve":true']
    write_dict("json_get", json_tokens + path_tokens)
    write_dict("json_set", json_tokens + ["-1", ":", "\\.", ".", "#", "@", "*", "|", "1"])
    write_dict("json_valid", json_tokens + ["1E5", "\t", "\r\n"])
    write_dict("time_layout", ["2006", "06", "Jan", "January", "01", "1", "Mon", "Monday", "2", "02", "_2",
                               "002", "__2", "15", "3", "03", "4", "04", "5", "05", "PM", "pm", ".000",
                               ".999999999", ",000", "-0700", "-07:00", "-07", "-070000", "-07:00:00",
                               "Z0700", "Z07:00", "Z07", "Z070000", "Z07:00:00", "MST", "EST", "UTC", "T", "Z"])
    names = []
    for table in sorted(glob.glob(os.path.join(REPO, "catalogue", "types", "*", "*.json"))):
        with open(table) as f:
            for name, entry in json.load(f).items():
                names += [name] + entry.get("aliases", [])
    keys = ["type", "settings", "transforms", "concurrency", "tests", "object", "source_key", "target_key",
            "batch_key", "condition", "conditions", "cases", "kv_store", "memory", "metric", "destination",
            "value", "format", "location", "pattern", "replacement", "separator", "count", "size",
            "duration", "id", "transform", "retry", "error_messages", "filter", "query", "capacity"]
    write_dict("config_json", json_tokens + names + keys)
    write_dict("config_jsonnet", ["local", "function", "import", "importstr", "importbin", "if", "then",
                                  "else", "for", "in", "assert", "error", "self", "super", "$", "::", ":::",
                                  "+:", "|||", "@'", "std.", "std.extVar('sub')", "'substation.libsonnet'",
                                  "sub.tf.", "sub.cnd.", "std.range", "std.map", "std.foldl", "std.join",
                                  "std.manifestJson", "std.parseJson", "std.format", "std.length",
                                  "std.objectFields", "std.mergePatch", "tailstrict", "[x for x in ", "%"] + keys)
    write_dict("runtime_answer", ["HTTP/1.1 ", "HTTP/1.0 ", "200 OK", "100 Continue", "\r\n", "\r\n\r\n",
                                  "Content-Length: ", "Transfer-Encoding: chunked", "Connection: close",
                                  "Connection: keep-alive", "0\r\n\r\n", ";ext=", "ffffffffffffffff",
                                  "Lambda-Runtime-Aws-Request-Id: ", "\0"])
    write_dict("lambda_events", json_tokens + ["Records", "eventSource", "aws:s3", "aws:sqs", "aws:sns",
                                               "aws:kinesis", "aws:dynamodb", "body", "Message", "kinesis",
                                               "data", "s3", "bucket", "name", "key", "Sns", "dynamodb",
                                               "NewImage", "OldImage", "Keys", "eventName", "INSERT", "MODIFY",
                                               "REMOVE", "records", "recordId", "messageId", "S", "N", "B",
                                               "BOOL", "NULL", "L", "M", "SS", "NS", "BS", "s3:TestEvent",
                                               "requestContext", "headers", "resource", "path",
                                               "approximateArrivalTimestamp", "%2F", "+"])


def main():
    dictionaries()
    json_get()
    json_set()
    json_valid()
    time_layout()
    kpl()
    parquet()
    snappy()
    gzip_seeds()
    zip_seeds()
    config_json()
    config_jsonnet()
    lambda_events()
    runtime_answer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
