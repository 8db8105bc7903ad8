// Generates cases.tsv: Go's own results for time formatting and parsing, used by
// tests/unit/time_layout_test.cc as expectations. Standard library only.
//
//	TZ=UTC go run . > cases.tsv
//
// Columns (tab separated):
//
//	format  <zone>  <layout>  <unix nanoseconds>  <result>
//	parse   <zone>  <layout>  <value>             <unix nanoseconds> | ERR <message>
//
// <zone> is "UTC" or an IANA name.
package main

import (
	"fmt"
	"strings"
	"time"
)

func load(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func clean(s string) string {
	if strings.ContainsAny(s, "\t\n") {
		panic("tab or newline in case: " + s)
	}
	return s
}

func main() {
	zones := []string{"UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kathmandu", "Europe/Dublin"}
	instants := []int64{
		0, 1639877490000000000, 1639895490123456789, -1, 1000000001, 951782400000000000,
		1710054000000000000, 1710052200000000000, 1730613600000000000, 4102444800500000000,
		-2208988800000000000, 253402300799999999999 % (1 << 62), 1234567890012000000, 1700000000000000007,
	}
	layouts := []string{
		time.RFC3339, time.RFC3339Nano, time.RFC1123, time.RFC1123Z, time.RFC822, time.RFC822Z,
		time.RFC850, time.ANSIC, time.UnixDate, time.RubyDate, time.Kitchen, time.Stamp,
		time.StampMilli, time.StampMicro, time.StampNano, time.DateTime, time.DateOnly, time.TimeOnly,
		"2006-01-02T15:04:05Z", "2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05.000000Z",
		"2006-01-02T15:04:05.999999999Z07:00", "2006/01/02", "Jan _2 002 __2 06", "January Monday Mon",
		"3:04:05 PM pm 03", "15h04m05s", "-07 -0700 -07:00 -070000 -07:00:00", "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
		"MST", "2006-01-02 15:04:05,000", "2006-01-02 15:04:05,999", "05.9 05.99 05.00", "Janx Jan1 Monx Mon1",
		"_2006 __2006", "2006.0", "1 2 3 4 5", "0102 15:04", "20060102150405", "002 .000000000",
		"Z", "literal text", "",
	}
	for _, z := range zones {
		loc := load(z)
		for _, ns := range instants {
			for _, l := range layouts {
				out := time.Unix(0, ns).In(loc).Format(l)
				fmt.Printf("format\t%s\t%s\t%d\t%s\n", z, clean(l), ns, clean(out))
			}
		}
	}
	type pc struct{ zone, layout, value string }
	parses := []pc{
		{"UTC", "2006-01-02T15:04:05.000Z", "2021-12-19T01:31:30.000Z"},
		{"America/New_York", "2006-01-02T15:04:05.000Z", "2021-12-19T01:31:30.000Z"},
		{"UTC", "2006-01-02T15:04:05Z", "2021-03-06T00:02:57Z"},
		{"UTC", time.RFC3339, "2021-03-06T00:02:57+05:30"},
		{"UTC", time.RFC3339, "2021-03-06T00:02:57Z"},
		{"UTC", time.RFC3339, "2021-03-06T00:02:57.123456789Z"},
		{"UTC", time.RFC3339, "2021-03-06T00:02:57,5-01:00"},
		{"UTC", time.RFC3339Nano, "2021-03-06T00:02:57.1Z"},
		{"UTC", time.RFC3339Nano, "2021-03-06T00:02:57Z"},
		{"UTC", time.RFC3339Nano, "2021-03-06T00:02:57.12345678912Z"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 MST"},
		{"America/New_York", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 EST"},
		{"America/New_York", time.RFC1123, "Mon, 02 Jul 2006 15:04:05 EST"},
		{"America/New_York", time.RFC1123, "Sun, 02 Jul 2006 15:04:05 EDT"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 UTC"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 GMT"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 GMT+3"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 +05"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 ChST"},
		{"UTC", time.RFC1123, "Mon, 02 Jan 2006 15:04:05 AB"},
		{"UTC", time.RFC1123Z, "Mon, 02 Jan 2006 15:04:05 -0700"},
		{"UTC", time.ANSIC, "Mon Jan  2 15:04:05 2006"},
		{"UTC", time.ANSIC, "mon JAN  2 15:04:05 2006"},
		{"UTC", time.ANSIC, "Mon Jan 12 15:04:05 2006"},
		{"UTC", time.Kitchen, "3:04PM"},
		{"UTC", time.Kitchen, "12:04AM"},
		{"UTC", time.Kitchen, "12:04PM"},
		{"UTC", time.Kitchen, "13:04PM"},
		{"UTC", time.Kitchen, "3:04XM"},
		{"UTC", "2006-01-02", "2021-02-29"},
		{"UTC", "2006-01-02", "2020-02-29"},
		{"UTC", "2006-01-02", "2020-13-01"},
		{"UTC", "2006-01-02", "2020-1-01"},
		{"UTC", "2006-1-2", "2020-1-1"},
		{"UTC", "2006-01-02", "2020-01-02 extra"},
		{"UTC", "2006-01-02", "x"},
		{"UTC", "2006-01-02", ""},
		{"UTC", "2006 002", "2020 060"},
		{"UTC", "2006 002", "2020 366"},
		{"UTC", "2006 002", "2021 366"},
		{"UTC", "2006 __2", "2021  60"},
		{"UTC", "2006-01 002", "2020-02 061"},
		{"UTC", "2006-01-02 002", "2020-03-01 061"},
		{"UTC", "2006-01-02 002", "2020-03-02 061"},
		{"UTC", "06-01-02", "69-01-02"},
		{"UTC", "06-01-02", "68-01-02"},
		{"UTC", "15:04:05", "25:00:00"},
		{"UTC", "15:04:05", "23:60:00"},
		{"UTC", "15:04:05", "23:59:60"},
		{"UTC", "15:04:05", "23:59:59.987654321"},
		{"UTC", "15:04:05", "23:59:59,5"},
		{"UTC", "15:04:05.000", "23:59:59.98"},
		{"UTC", "15:04:05.000", "23:59:59.987"},
		{"UTC", "15:04:05.999", "23:59:59"},
		{"UTC", "15:04:05.999", "23:59:59.1234"},
		{"UTC", "-0700", "+2500"},
		{"UTC", "-07:00", "+05-30"},
		{"UTC", "Z07:00", "Z"},
		{"UTC", "Z07:00", "z"},
		{"UTC", "-07", "-03"},
		{"UTC", "-070000", "+010203"},
		{"UTC", "-07:00:00", "-01:02:03"},
		{"UTC", "Monday, 02-Jan-06", "Tuesday, 02-Jan-06"},
		{"UTC", "Monday, 02-Jan-06", "Funday, 02-Jan-06"},
		{"UTC", "Jan  2", "Jan 2"},
		{"UTC", "Jan 2", "Jan    2"},
		{"America/New_York", "2006-01-02 15:04", "2021-03-14 02:30"},
		{"America/New_York", "2006-01-02 15:04", "2021-11-07 01:30"},
		{"America/New_York", "2006-01-02 15:04", "2050-07-01 12:00"},
		{"America/New_York", "2006-01-02 15:04 -0700", "2021-07-01 12:00 -0400"},
		{"America/New_York", "2006-01-02 15:04 MST", "2021-07-01 12:00 EST"},
		{"America/New_York", "2006-01-02 15:04 MST", "2021-07-01 12:00 PST"},
		{"Australia/Lord_Howe", "2006-01-02 15:04", "2040-01-01 12:00"},
		{"Europe/Dublin", "2006-01-02 15:04 MST", "2021-01-01 12:00 GMT"},
		{"Europe/Dublin", "2006-01-02 15:04 MST", "2021-07-01 12:00 IST"},
		{"UTC", "2006-01-02T15:04:05Z", "2021-03-06T00:02:57+01:00"},
		{"UTC", "02 Jan 06 15:04 MST", "02 Jan 06 15:04 \"x\"\\é"},
		{"UTC", "2006", "-123"},
		{"UTC", "Jan", "Ja"},
	}
	for _, p := range parses {
		loc := load(p.zone)
		t, err := time.ParseInLocation(p.layout, p.value, loc)
		res := ""
		if err != nil {
			res = "ERR " + err.Error()
		} else {
			res = fmt.Sprint(t.UnixNano())
		}
		fmt.Printf("parse\t%s\t%s\t%s\t%s\n", p.zone, clean(p.layout), clean(p.value), clean(res))
	}
}
