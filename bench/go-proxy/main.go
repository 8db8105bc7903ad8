// A stand-in for the reference CLI on workloads W1 and W2, for machines where the reference
// cannot be installed: the same libraries (gjson v1.18, sjson v1.2.5) doing the same edits
// per line, with the same line scanner and output calls. It does less than the reference
// (no message objects, no transform chain, no batching), so its speed is an upper bound
// on the reference's: a ratio against it understates ours.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "W1" && os.Args[1] != "W2") {
		fmt.Fprintln(os.Stderr, "usage: go-proxy W1|W2 FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 128*1000*1000)
	for sc.Scan() {
		data := append([]byte(nil), sc.Bytes()...)
		if os.Args[1] == "W2" {
			if v := gjson.GetBytes(data, `id\.orig_h`); v.Exists() {
				data, _ = sjson.SetBytes(data, "source.ip", v.String())
			}
			data, _ = sjson.SetBytes(data, "event.dataset", "zeek.conn")
			data, _ = sjson.DeleteBytes(data, "history")
		}
		fmt.Fprintln(out, string(data))
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
