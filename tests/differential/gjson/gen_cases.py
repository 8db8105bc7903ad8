#!/usr/bin/env python3
"""Generates (json, path) cases for the gjson differential test, one JSON object a line.

Usage: gen_cases.py [count] [seed]
"""
import json
import random
import sys

DOCS = [
    {"name": {"first": "Tom", "last": "Anderson"}, "age": 37,
     "children": ["Sara", "Alex", "Jack"], "fav.movie": "Deer Hunter",
     "friends": [
         {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
         {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
         {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}]},
    {"ts": 1591367999.305988, "uid": "CMdzit1AMNsmfAIiQc", "id.orig_h": "192.168.4.76",
     "id.orig_p": 36844, "id.resp_h": "192.168.4.1", "id.resp_p": 53, "proto": "udp",
     "service": "dns", "duration": 0.06685185432434082, "orig_bytes": 62, "resp_bytes": 141,
     "conn_state": "SF", "missed_bytes": 0, "history": "Dd", "orig_pkts": 2,
     "orig_ip_bytes": 118, "resp_pkts": 2, "resp_ip_bytes": 197, "@timestamp": "2020-06-05",
     "big": 30400402455622563, "neg": -12, "exp": 1.5e3, "t": True, "f": False, "n": None,
     "tags": ["a", "b", "a", "c", "b"], "empty": [], "eobj": {}, "nums": [3, 1, 2, 3, 1.5]},
    {"eventVersion": "1.08", "userIdentity": {"type": "IAMUser", "principalId": "AIDA",
     "arn": "arn:aws:iam::123456789012:user/Alice", "accountId": "123456789012",
     "userName": "Alice", "sessionContext": {"attributes": {"mfaAuthenticated": "false",
     "creationDate": "2023-01-01T00:00:00Z"}}},
     "eventTime": "2023-01-01T00:00:00Z", "eventSource": "s3.amazonaws.com",
     "eventName": "GetObject", "awsRegion": "us-east-1", "sourceIPAddress": "10.0.0.1",
     "requestParameters": {"bucketName": "b", "key": "k/x.json", "Host": "b.s3"},
     "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::b/k"},
                   {"accountId": "123456789012", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b"}],
     "readOnly": True, "eventID": "e1", "recipientAccountId": "123456789012"},
    {"a": [[1, 2], [3, [4, 5]], 6, [], [[7]]], "b": {"c": [{"d": 1}, {"d": 2, "e": [1, 2]}]},
     "files": {"name": ["x", "y", "z"], "size": [1, 2]}, "objs": [{"a": 1}, {"b": 2}, {"a": 3}],
     "mix": [1, "a", 1, "a", True, True, None, {"a": 1}, {"a": 1}], "s": "{\"x\":1}",
     "arrstr": "[1,2]", "numstr": "12", "fstr": "1.75", "bstr": "TRUE", "q": "a\"b\\c\u00e9\u2028<>&"},
]

RAW_DOCS = [
    '{"a\\"b":1,"c\\\\d":2,"e\\u0041":"\\u00e9\\ud83d\\ude00","x.y":{"z":3},"*":4,"?":5}',
    '  {"a" : 1 , "b" :[ 1 , 2 ,3 ] ,"c":{ "d" : "e" } }  ',
    '{"a":1}\n{"a":2,"b":[1,2]}\n{"a":3,"c":{"d":"x"}}\n',
    '[1,2,3,{"a":"b"},[4,5],"six",true,false,null,-7.5e-3]',
    '{"n1":1e400,"n2":-0,"n3":0.1,"n4":123456789012345678901,"n5":9007199254740993,'
    '"n6":-9223372036854775808,"n7":18446744073709551615,"n8":1.0,"n9":-1,"n10":5e-324}',
    '{"s1":"1","s2":"-5","s3":"1e2","s4":"t","s5":"yes","s6":"1.9","s7":"","s8":" 7"}',
    '{"k":[{"v":1,"w":"x"},{"v":2,"w":"y"},{"v":3,"w":"x"},{"w":"z"},{"v":"3"},{"v":true},{"v":null}]}',
    '{"a":{"b":{"c":{"d":[{"e":1},{"e":2}]}}},"":"empty","@this":"lit","#":"hash"}',
    '{"pets":[{"n":"fido","t":"dog","age":3},{"n":"tom","t":"cat","age":5},'
    '{"n":"rex","t":"dog","age":1}],"bad":{"a":1,"a":2}}',
    '{"z":1,"a":{"y":[3,1],"b":"x"},"m":[{"q":2,"p":1}],"long":[1,2,3,4,5,6,7,8,9,10,11,12,13,'
    '14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]}',
    '{"a":1,"b":',
    '{"a":"unterminated',
    '[{"a":1},{"a":2}',
    '"just a string"',
    '12345',
    '',
    'true',
]

FIXED_PATHS = [
    "name.last", "age", "children", "children.#", "children.1", "child*.2", "c?ildren.0",
    "fav\\.movie", "friends.#.first", "friends.1.last", "friends.#(last==\"Murphy\").first",
    "friends.#(last==\"Murphy\")#.first", "friends.#(age>45)#.last",
    "friends.#(first%\"D*\").last", "friends.#(first!%\"D*\").last",
    "friends.#(nets.#(==\"fb\"))#.first", "friends.#(age>=47)#|#", "friends.#(age<47).first",
    "friends.#(age<=47)#.age", "friends.#(age!=44)#.age", "friends.#(age==44).nets.0",
    "@reverse", "children|@reverse", "children|@reverse|0", "children.@reverse.0",
    "@ugly", "@pretty", "@pretty:{\"sortKeys\":true}", "@pretty:{\"indent\":\"\\t\",\"prefix\":\"  \"}",
    "@pretty:{\"width\":20}", "@this", "@valid", "@keys", "@values", "name|@keys",
    "name|@values", "@tostr", "s|@fromstr", "s|@fromstr|x", "arrstr|@fromstr", "a|@flatten",
    "a|@flatten:{\"deep\":true}", "objs|@join", "objs|@join:{\"preserve\":true}", "files|@group",
    "@dig:d", "@dig:a", "mix|@dedupe", "tags|@dedupe", "tags.@dedupe", "name.@dedupe",
    "[name.first,age]", "{name.first,age,\"the_kids\":children}", "{name.first,age}|@pretty",
    "[name.first,age].1", "{a:age}", "[age,nope]", "{friends.#.first}", "{\"x\":age}.x",
    "..#", "..0", "..1.b", "..#.a", "..#(a>1)#.a", "..#(a==2)", "..2.c.d",
    "!true", "!false", "!null", "!{\"a\":1}", "![1,2]|#", "!\"str\"", "!-1.5", "!NaN", "!inf",
    "!{\"a\":{\"b\":2}}.a.b", "!TRUE",
    "id\\.orig_h", "id\\.resp_p", "\\@timestamp", "big", "neg", "exp", "t", "f", "n", "empty",
    "empty.#", "eobj", "nums", "nums.#", "nums.10", "nums.-1", "nope", "a.b.c",
    "eventName", "userIdentity.sessionContext.attributes.mfaAuthenticated",
    "resources.#.ARN", "resources.#(type==\"AWS::S3::Bucket\").ARN", "requestParameters.key",
    "b.c.#.d", "b.c.#.e", "b.c.#.e.#", "b.c.1.e.1", "a.#", "a.1.1.0", "a.#.#",
    "a\\\"b", "c\\\\d", "eA", "x\\.y.z", "x.y", "\\*", "\\?", "*", "?", "a*", "e?",
    "k.#(v==1).w", "k.#(v>1)#.w", "k.#(v==\"3\")#", "k.#(v==3)#", "k.#(v==true)#",
    "k.#(v==~true)#", "k.#(v==~false)#", "k.#(v==~null)#", "k.#(v==~*)#", "k.#(w=x)#.v",
    "k.#(w<y)#.w", "k.#(v)#", "k.#(!v)#", "k.#[v==2].w", "k.#(v==2)|w", "k.#(v==2)#|#",
    "k.#(w%\"?\")#.w", "k.#(v==2)#.@reverse",
    "a.b.c.d.#.e", "a.b.c.d.1.e", "", "@", "#", "@this.a", "@this|a", "@nope", "@nope.a",
    "pets.#(t==\"dog\")#.n", "pets.#(t==\"dog\")#|0.n", "pets.#(age>2)#.n|@reverse",
    "bad.a", "pets|@reverse|#.n", "pets.#.age|@reverse", "@reverse|@reverse",
    "z", "@pretty:{\"sortKeys\":true,\"width\":10}", "long|@pretty", "m|@pretty:{\"sortKeys\":true}",
    "a", "b", "0", "1", "5", "3.a", "4.1", "#", "#.a", "@flatten", "@reverse|0",
    "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "n1", "n2", "n3", "n4", "n5", "n6", "n7",
    "n8", "n9", "n10", "q", "q|@tostr", "bstr", "fstr", "numstr",
    "@this|@keys", "@this|@values|0", "[a,b]", "{a,b}", "[a,b", "{a:b", "a|", "a.", "a..b",
    "friends.#(last==\"Murphy\")#.nets|@flatten", "friends.#.nets|@flatten|@dedupe",
    "friends.#(first==Dale).age", "friends.#(age==44", "[friends.#.age,age]|@flatten",
    "{\"a\":name.first,\"b\":[age,children.0]}", "{name.first|@tostr}", "{children|@reverse}",
    "children.#(==\"Alex\")", "children.#(%\"*a*\")#", "children.#(!=\"Alex\")#",
    "friends.0.@keys", "friends.0|@values", "@this|children", "@dig:first",
    "friends.#(nets.#(==\"ig\")#|#==2)#.first",
]


def rand_value_for_query(rng, v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        if rng.random() < 0.3 and len(v) > 1:
            return json.dumps(v[: rng.randint(1, len(v))] + "*")
        return json.dumps(v)
    return "null"


def esc_key(k):
    out = []
    for ch in k:
        if ch in ".|#@*?\\!()[]{}:,\"=<>%~":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def random_path(rng, doc, depth=0):
    """A path that walks into doc, with random gjson features along the way."""
    parts = []
    cur = doc
    while True:
        if isinstance(cur, dict) and cur and rng.random() < 0.85:
            k = rng.choice(list(cur.keys()))
            key = esc_key(k)
            r = rng.random()
            if r < 0.08 and len(key) > 1 and "\\" not in key:
                key = key[:-1] + "?"
            elif r < 0.14 and len(key) > 1 and "\\" not in key:
                key = key[: rng.randint(1, len(key) - 1)] + "*"
            parts.append(key)
            cur = cur[k]
        elif isinstance(cur, list) and cur and rng.random() < 0.85:
            r = rng.random()
            if r < 0.35:
                i = rng.randrange(len(cur) + 1)
                parts.append(str(i))
                cur = cur[i] if i < len(cur) else None
            elif r < 0.5:
                parts.append("#")
                return ".".join(parts)
            elif r < 0.75:
                parts.append("#")
                elems = [e for e in cur if isinstance(e, dict) and e]
                if not elems:
                    return ".".join(parts)
                e = rng.choice(elems)
                cur = e
                continue
            else:
                elems = [e for e in cur if isinstance(e, dict) and e]
                if not elems:
                    parts.append("#")
                    return ".".join(parts)
                e = rng.choice(elems)
                k = rng.choice(list(e.keys()))
                op = rng.choice(["==", "!=", "<", "<=", ">", ">=", "%", "!%", "=", ""])
                if op:
                    q = "%s%s%s" % (esc_key(k), op, rand_value_for_query(rng, e[k]))
                else:
                    q = esc_key(k)
                all_ = "#" if rng.random() < 0.5 else ""
                parts.append("#(%s)%s" % (q, all_))
                cur = e
                continue
        else:
            break
    return ".".join(parts)


MODS = ["@reverse", "@ugly", "@pretty", "@this", "@valid", "@flatten", "@flatten:{\"deep\":true}",
        "@join", "@join:{\"preserve\":true}", "@keys", "@values", "@tostr", "@fromstr", "@group",
        "@dedupe", "#", "0", "@pretty:{\"sortKeys\":true}", "@dig:a"]


def decorate(rng, path, doc):
    r = rng.random()
    if r < 0.2:
        return path + rng.choice(["|", "."]) + rng.choice(MODS)
    if r < 0.3:
        return rng.choice(MODS) + "|" + path
    if r < 0.42:
        n = rng.randint(1, 3)
        subs = [random_path(rng, doc) for _ in range(n)]
        if rng.random() < 0.5:
            return "[" + ",".join(subs) + "]"
        named = []
        for s in subs:
            if rng.random() < 0.4:
                named.append('"%s":%s' % ("k%d" % rng.randint(0, 9), s))
            else:
                named.append(s)
        return "{" + ",".join(named) + "}"
    if r < 0.47:
        return path + "|" + random_path(rng, doc)
    return path


SPECIAL = ".|#@*?\\!()[]{}:,\"=<>%~ 0123abc"


def mutate(rng, path):
    """Random edits with path syntax characters, to reach odd corners of the parser."""
    p = list(path)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        pos = rng.randint(0, len(p))
        if op < 0.5 or not p:
            p.insert(pos, rng.choice(SPECIAL))
        elif op < 0.75:
            del p[min(pos, len(p) - 1)]
        else:
            p[min(pos, len(p) - 1)] = rng.choice(SPECIAL)
    return "".join(p)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    texts = [json.dumps(d, separators=(",", ":")) for d in DOCS]
    texts += [json.dumps(d, indent=rng.choice([None, 1, 2])) for d in DOCS]
    texts += RAW_DOCS
    out = sys.stdout
    n = 0
    for t in texts:
        for p in FIXED_PATHS:
            out.write(json.dumps({"json": t, "path": p}) + "\n")
            n += 1
    parsed = []
    for t in texts:
        try:
            parsed.append((t, json.loads(t)))
        except ValueError:
            pass
    while n < count:
        t, d = rng.choice(parsed)
        p = decorate(rng, random_path(rng, d), d)
        if rng.random() < 0.25:
            p = mutate(rng, p if rng.random() < 0.7 else rng.choice(FIXED_PATHS))
        if not p:
            continue
        out.write(json.dumps({"json": t, "path": p}) + "\n")
        n += 1


if __name__ == "__main__":
    main()
