// kind = transform: build one transform from type + settings, feed the inputs in order,
// collect every output and compare them with `expected` by `match`.
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "core/context.h"
#include "services/output.h"
#include "services/services.h"
#include "tests/conformance/runner.h"

namespace sub::conformance {
namespace {

// Builds the `{type, settings}` config of the vector.
config::Node component_config(const config::Node& v) {
  std::vector<std::pair<std::string, config::Node>> members;
  members.emplace_back("type", config::Node::make_string(str_member(v, "type")));
  if (const config::Node* s = v.find("settings")) members.emplace_back("settings", *s);
  return config::Node::make_object(std::move(members));
}

std::string list_of(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += quote(items[i]);
  }
  return out + "]";
}

Outcome compare(const std::string& match, const std::vector<std::string>& expected,
                const std::vector<std::string>& got) {
  const std::string shown = "expected " + list_of(expected) + ", got " + list_of(got);
  if (match == "exact") {
    return expected == got ? Outcome::pass() : Outcome::fail(shown);
  }
  if (match == "each_output_in_expected") {
    for (const std::string& g : got) {
      bool found = false;
      for (const std::string& e : expected) found = found || e == g;
      if (!found) return Outcome::fail("output " + quote(g) + " not expected; " + shown);
    }
    return Outcome::pass();
  }
  if (match == "indexed") {
    if (got.size() > expected.size()) return Outcome::fail("too many outputs; " + shown);
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i] != expected[i]) return Outcome::fail("output " + std::to_string(i) + ": " + shown);
    }
    return Outcome::pass();
  }
  return Outcome::fail("unknown match mode \"" + match + "\"");
}

}  // namespace

Outcome run_transform_vector(const config::Node& v) {
  const std::string type = str_member(v, "type");
  const catalogue::Registry& registry = catalogue::Registry::builtin();
  if (registry.transform(type) == nullptr) {
    return Outcome::not_implemented("transform type \"" + type + "\" is not registered");
  }
  services::Services services;
  services.stdout_sink = std::make_shared<services::CaptureSink>();
  catalogue::ConfigBuilder builder(registry, services);

  transform::Chain chain;
  try {
    chain = transform::Chain({builder.transform(component_config(v), 0)});
  } catch (const std::exception& e) {
    if (is_unknown_type_error(e.what())) return Outcome::not_implemented(e.what());
    return Outcome::fail(std::string("build: ") + e.what());
  }

  const config::Node* skip = v.find("skip_control_outputs");
  const bool skip_control = skip != nullptr && skip->boolean();
  std::vector<std::string> got;
  try {
    ScopedTz tz(v.find("env"));
    const Context ctx;
    static const std::vector<config::Node> kNone;
    const config::Node* inputs = v.find("input");
    for (const config::Node& in : inputs != nullptr ? inputs->items() : kNone) {
      for (const Message& out : chain.apply(message_of(in), ctx)) {
        if (skip_control && out.is_control()) continue;
        got.push_back(out.data());
      }
    }
  } catch (const std::exception& e) {
    return Outcome::fail(std::string("transform: ") + e.what());
  }

  std::vector<std::string> expected;
  if (const config::Node* exp = v.find("expected")) {
    for (const config::Node& e : exp->items()) expected.push_back(bytes_of(e, "data"));
  }
  return compare(str_member(v, "match"), expected, got);
}

}  // namespace sub::conformance
