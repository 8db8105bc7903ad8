#include "services/kv/value.h"

#include <string>

#include "core/error.h"

namespace sub::kv {

config::Node from_value(const json::Value& v) {
  switch (v.type()) {
    case json::Value::Type::kNull:
      return config::Node();
    case json::Value::Type::kTrue:
      return config::Node::make_bool(true);
    case json::Value::Type::kFalse:
      return config::Node::make_bool(false);
    case json::Value::Type::kNumber:
      return config::Node::make_number(v.num());
    case json::Value::Type::kString:
      return config::Node::make_string(std::string(v.str()));
    case json::Value::Type::kJson:
      try {
        return config::Node::parse(v.raw());
      } catch (const Error&) {
        // gjson hands out malformed raw text as is; keep it as the string it would print.
        return config::Node::make_string(std::string(v.raw()));
      }
  }
  return config::Node();
}

void write(Message& msg, std::string_view key, const config::Node& v) {
  switch (v.kind()) {
    case config::Node::Kind::kNull:
      msg.set_null(key);
      return;
    case config::Node::Kind::kBool:
      msg.set_bool(key, v.boolean());
      return;
    case config::Node::Kind::kNumber:
      msg.set_float(key, v.number());
      return;
    case config::Node::Kind::kString:
      msg.set_string(key, v.text());
      return;
    case config::Node::Kind::kArray:
    case config::Node::Kind::kObject:
      msg.set_raw(key, v.to_json());
      return;
  }
}

}  // namespace sub::kv
