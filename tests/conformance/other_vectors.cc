// kind = condition, message and helper vectors.
#include <cstdint>
#include <exception>
#include <string>

#include "catalogue/config_builder.h"
#include "config/settings.h"
#include "core/context.h"
#include "core/json/encode.h"
#include "core/ttl.h"
#include "services/output.h"
#include "services/services.h"
#include "tests/conformance/runner.h"

namespace sub::conformance {
namespace {

const config::Node* first_input(const config::Node& v) {
  const config::Node* in = v.find("input");
  if (in == nullptr) return nullptr;
  if (in->is_array()) return in->items().empty() ? nullptr : &in->items()[0];
  return in;
}

// Applies a `set` vector's value with the setter matching its Go type.
void set_typed(Message& msg, const std::string& key, const config::Node& v) {
  const std::string go_type = str_member(v, "value_go_type");
  const config::Node* value = v.find("value");
  if (value == nullptr) throw Error("set: no value");
  if (go_type == "string") {
    msg.set_string(key, value->text());
  } else if (go_type == "int") {
    msg.set_int(key, static_cast<int64_t>(value->number()));
  } else if (go_type == "float64") {
    msg.set_float(key, value->number());
  } else if (go_type == "[]byte") {
    std::string raw;
    if (!json::base64_decode(value->text(), raw)) throw Error("set: value: invalid base64");
    msg.set_bytes(key, raw);
  } else if (go_type == "struct") {
    msg.set_raw(key, value->to_json());
  } else {
    throw Error("set: unknown value_go_type \"" + go_type + "\"");
  }
}

}  // namespace

Outcome run_condition_vector(const config::Node& v) {
  const std::string type = str_member(v, "type");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  if (registry.condition(type) == nullptr) {
    return Outcome::not_implemented("condition type \"" + type + "\" is not registered");
  }
  services::Services services;
  services.stdout_sink = std::make_shared<services::CaptureSink>();
  catalogue::ConfigBuilder builder(registry, services);
  std::vector<std::pair<std::string, config::Node>> members;
  members.emplace_back("type", config::Node::make_string(type));
  if (const config::Node* s = v.find("settings")) members.emplace_back("settings", *s);
  const config::Node cfg = config::Node::make_object(std::move(members));
  const config::Settings parent(nullptr, "conformance");

  condition::ConditionPtr cond;
  try {
    cond = builder.nested_condition(cfg, parent, "condition");
  } catch (const std::exception& e) {
    if (is_unknown_type_error(e.what())) return Outcome::not_implemented(e.what());
    return Outcome::fail(std::string("build: ") + e.what());
  }
  const config::Node* expected = v.find("expected");
  const bool want = expected != nullptr && expected->boolean();
  try {
    ScopedTz tz(v.find("env"));
    const config::Node* in = first_input(v);
    const Message msg = in != nullptr ? message_of(*in) : Message();
    const bool got = cond->test(msg, Context{});
    if (got == want) return Outcome::pass();
    return Outcome::fail(std::string("expected ") + (want ? "true" : "false") + ", got " +
                         (got ? "true" : "false"));
  } catch (const std::exception& e) {
    return Outcome::fail(std::string("condition: ") + e.what());
  }
}

Outcome run_message_vector(const config::Node& v) {
  const std::string op = str_member(v, "op");
  const std::string key = str_member(v, "key");
  const config::Node* in = first_input(v);
  const config::Node* expected = v.find("expected");
  if (in == nullptr || expected == nullptr) return Outcome::fail("vector has no input/expected");
  try {
    Message msg = message_of(*in);
    if (op == "get") {
      const std::string want = str_member(*expected, "string");
      const std::string got = msg.get(key).to_string();
      if (got == want) return Outcome::pass();
      return Outcome::fail("expected " + quote(want) + ", got " + quote(got));
    }
    if (op == "set") {
      set_typed(msg, key, v);
    } else if (op == "delete") {
      msg.del(key);
    } else if (op != "new") {
      return Outcome::fail("unknown op \"" + op + "\"");
    }
    const bool meta = expected->find("metadata") != nullptr;
    const std::string want = bytes_of(*expected, meta ? "metadata" : "data");
    const std::string& got = meta ? msg.metadata() : msg.data();
    if (got == want) return Outcome::pass();
    return Outcome::fail(std::string(meta ? "metadata" : "data") + ": expected " + quote(want) +
                         ", got " + quote(got));
  } catch (const std::exception& e) {
    return Outcome::fail(std::string("message: ") + e.what());
  }
}

Outcome run_helper_vector(const config::Node& v) {
  const std::string fn = str_member(v, "function");
  if (fn != "truncateTTL") return Outcome::not_implemented("helper \"" + fn + "\" is unknown");
  const config::Node* in = first_input(v);
  const config::Node* expected = v.find("expected");
  if (in == nullptr || expected == nullptr) return Outcome::fail("vector has no input/expected");
  try {
    const std::string data = bytes_of(*in, "data");
    const int64_t got = truncate_ttl(bytes_to_value(data));
    const int64_t want = std::stoll(expected->text());
    if (got == want) return Outcome::pass();
    return Outcome::fail("expected " + std::to_string(want) + ", got " + std::to_string(got));
  } catch (const std::exception& e) {
    return Outcome::fail(std::string("helper: ") + e.what());
  }
}

}  // namespace sub::conformance
