// Command gen writes differential cases for the sjson-compatible write engine: random
// (document, path, value) triples and what tidwall/sjson v1.2.5 returns for them.
//
// Output, one case per line, tab-separated base64 fields:
//
//	op doc path raw out err
//
// op is "set" (sjson.SetRawBytes) or "del" (sjson.DeleteBytes).
package main

import (
	"bufio"
	"encoding/base64"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"strings"

	"github.com/tidwall/sjson"
)

var docs = []string{
	``, `   `, `{}`, `[]`, `{ }`, `[ ]`, ` {"a":1} `, `{"a":1}`, `{"a":1,"b":2}`,
	`{"a": 1, "b" : 2 }`, `{"a":{"b":{"c":1}},"d":[1,2,3]}`, `[1,2,3]`, `[ 1 , 2 , 3 ]`,
	`{"a":[{"b":1},{"b":2}]}`, `{"a":"x","a":"y"}`, `{"a\"b":1,"a.b":2,"a\\b":3}`,
	`{"\u0061":1,"é":2}`, `{"a":null,"b":true,"c":false,"d":-1.5e3}`,
	`{"a":[[1,2],[3]],"b":{}}`, `{"a":[]}`, `{"a":{}}`, `[{"a":1},[2],"s",null,true]`,
	`{"0":1,"1":{"0":2}}`, `{"":1,"a":{"":2}}`, `{"#":2,"0":"x","1":"y","-1":"z"}`,
	`{"a":1`, `{"a":`, `{"a"`, `[1,2`, `{"a":[1,2}`, `{"a":xyz,"b":1}`, `{"a":1}}`,
	`{"a":1} trailing`, `abc`, `123`, `"str"`, `null`, `true`, `{"a":"b\"c","d":1}`,
	`{"a":"\\","b":2}`, `{"a":nan,"b":inf}`, `{"a":1,}`, `[1,,2]`, `{,"a":1}`, `[,]`,
	`{"a":{"b":"c)"}})`, `{"x":1,"a":{"b":[1,{"c":2}]}}`, "{\n  \"a\": 1,\n  \"b\": [\n    1\n  ]\n}",
	`{"a":"{\"b\":1}"}`, `{"arr":["a","b","a"]}`, `[[],[[]],{}]`, `{"a":(1,2),"b":3}`,
	`{"a":[1,2,3],"b":"x"}`, `{"k":"v","n":{"m":[0,1,{"z":null}]}}`,
}

var comps = []string{
	"a", "b", "c", "d", "x", "n", "m", "z", "k", "0", "1", "2", "3", "5", "-1", "", ":0", ":1",
	":a", "00", "01", `a\.b`, `a\"b`, `a\\b`, `\a`, `a\`, "é", "!true", "!x", "!1", "[a]", "{a}",
	"[a", "[a]b", "{a,b}", "[a]", "\\[a", "!true\\.x", "!tRUE", "#", "*", "a*", "?", "@this", "a|b", "arr", "-2", "10", "#", "\u0061", "a b", "<", "\"",
}

var raws = []string{`1`, `"v"`, `{"o":1}`, `[1,2]`, `null`, `true`, `"a\"b"`, `"é<>"`, ``, `x`}

func randDoc(r *rand.Rand) string {
	d := docs[r.Intn(len(docs))]
	switch r.Intn(10) {
	case 0:
		if len(d) > 0 {
			d = d[:r.Intn(len(d))]
		}
	case 1:
		if len(d) > 0 {
			i := r.Intn(len(d) + 1)
			chars := `{}[]",: \a1`
			ch := string(chars[r.Intn(len(chars))])
			d = d[:i] + ch + d[i:]
		}
	}
	return d
}

func randPath(r *rand.Rand) string {
	n := 1 + r.Intn(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = comps[r.Intn(len(comps))]
	}
	return strings.Join(parts, ".")
}

func run(op, doc, path, raw string) (out []byte, err error, panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	if op == "del" {
		out, err = sjson.DeleteBytes([]byte(doc), path)
	} else {
		out, err = sjson.SetRawBytes([]byte(doc), path, []byte(raw))
	}
	return out, err, false
}

func enc(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func main() {
	n := flag.Int("n", 20000, "number of cases")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewSource(*seed))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for k := 0; k < *n; k++ {
		doc := randDoc(r)
		path := randPath(r)
		if r.Intn(50) == 0 {
			path = ""
		}
		op := "set"
		raw := ""
		if r.Intn(3) == 0 {
			op = "del"
		} else {
			raw = raws[r.Intn(len(raws))]
		}
		out, err, panicked := run(op, doc, path, raw)
		if panicked {
			// sjson itself crashes on a few complex paths; nothing to compare against.
			continue
		}
		es := ""
		if err != nil {
			es = err.Error()
			out = nil
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", op, enc(doc), enc(path), enc(raw), enc(string(out)), enc(es))
	}
}
