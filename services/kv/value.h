// Conversions between message values and KV store values (config::Node, Go's interface{}).
#pragma once

#include <string_view>

#include "config/node.h"
#include "core/json/value.h"
#include "core/message.h"

namespace sub::kv {

// gjson's Result.Value(): null for a missing value or JSON null, numbers as float64,
// objects and arrays decoded.
config::Node from_value(const json::Value& v);

// Writes `v` at `key` of `msg` as the reference's SetValue writes a Go interface{}: null,
// booleans and float64 numbers as sjson writes them, strings with the string rules,
// objects and arrays as encoding/json marshals them (sorted keys).
void write(Message& msg, std::string_view key, const config::Node& v);

}  // namespace sub::kv
