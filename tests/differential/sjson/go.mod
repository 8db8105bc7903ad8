module sjsondiff

go 1.21

require (
	github.com/tidwall/gjson v1.18.0
	github.com/tidwall/sjson v1.2.5
)
