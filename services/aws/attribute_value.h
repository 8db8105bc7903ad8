// DynamoDB attribute values in their JSON wire form, converted the way the Go SDK's
// feature/dynamodb/attributevalue package converts the values encoding/json decodes into
// interface{}:
//   JSON → AV: string S (empty kept), number N (float64, strconv 'f' -1), true/false BOOL,
//              null NULL, array L, object M (an empty member name is an error).
//   AV → JSON: S string, N float64, BOOL, NULL null, L array, M object, SS/NS/BS arrays,
//              B/BS as base64 strings (encoding/json of []byte).
#pragma once

#include <string>
#include <string_view>

#include "config/node.h"
#include "core/json/value.h"

namespace sub::aws {

// Appends the AV of a JSON value (e.g. {"S":"x"}). Throws sub::Error
// "marshal failed, ..." on an empty map key or an out-of-range number.
void append_attribute_value(std::string& out, const json::Value& v);
void append_attribute_value(std::string& out, const config::Node& v);

// The AV map ({"name":{"S":..},...}) of a JSON object; throws sub::Error
// "input must be object" when `json` is not a JSON object.
std::string marshal_item(std::string_view json);

// Decodes one AV ({"S":"x"}, ...) into Go's interface{} model. Throws sub::Error on an
// unknown or malformed AV.
config::Node unmarshal_attribute_value(const json::Value& av);
// Decodes an AV map into an object Node.
config::Node unmarshal_item(const json::Value& item);

}  // namespace sub::aws
