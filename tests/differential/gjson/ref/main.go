// Prints gjson v1.18.0 results for (json, path) cases, one JSON object per line.
// Input: JSON lines {"json": "...", "path": "..."}; output: {"exists":..,"type":..,
// "raw":..,"str":..,"int":..,"uint":..,"float":..,"bool":..}.
package main

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

type testCase struct {
	JSON string `json:"json"`
	Path string `json:"path"`
}

func main() {
	gjson.AddModifier("dedupe", func(j, arg string) string {
		r := gjson.Parse(j)
		if !r.IsArray() {
			return j
		}
		seen := map[string]bool{}
		var b strings.Builder
		b.WriteByte('[')
		n := 0
		r.ForEach(func(_, v gjson.Result) bool {
			if seen[v.Raw] {
				return true
			}
			seen[v.Raw] = true
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(v.Raw)
			n++
			return true
		})
		b.WriteByte(']')
		return b.String()
	})
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var c testCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			panic(err)
		}
		r := gjson.Get(c.JSON, c.Path)
		rec := map[string]any{
			"exists": r.Exists(),
			"type":   int(r.Type),
			"raw":    r.Raw,
			"str":    r.String(),
			"int":    strconv.FormatInt(r.Int(), 10),
			"uint":   strconv.FormatUint(r.Uint(), 10),
			"float":  strconv.FormatUint(math.Float64bits(r.Float()), 16),
			"bool":   r.Bool(),
			"valid":  gjson.Valid(c.JSON),
		}
		enc := json.NewEncoder(out)
		if err := enc.Encode(rec); err != nil {
			panic(err)
		}
	}
}
