#include "apps/validate/validator.h"

#include <string>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/services.h"

namespace sub::validate {
namespace {

// At most this much of a bad input is quoted back in the error.
constexpr size_t kQuoteLimit = 256;

std::string quoted(std::string_view s) {
  std::string out;
  const bool cut = s.size() > kQuoteLimit;
  json::append_go_string(out, cut ? s.substr(0, kQuoteLimit) : s);
  if (cut) out += "...";
  return out;
}

}  // namespace

void validate_event(std::string_view event) {
  if (!json::valid(event)) throw Error("validation: json: invalid event " + quoted(event));
  const json::Value root = json::get(event, "@this");
  if (!root.is_object() && root.type() != json::Value::Type::kNull) {
    throw Error("validation: json: event is not an object " + quoted(event));
  }
  const json::Value content = root.get("content");
  if (content.exists() && content.type() != json::Value::Type::kString &&
      content.type() != json::Value::Type::kNull) {
    throw Error("validation: json: content is not a string " + quoted(event));
  }
  const std::string encoded = content.to_string();
  std::string conf;
  if (!json::base64_decode(encoded, conf)) {
    throw Error("validation: base64: illegal base64 data " + quoted(encoded));
  }
  config::Node cfg;
  try {
    cfg = config::Node::parse(conf);
  } catch (const Error& e) {
    throw Error(std::string("validation: json: ") + e.what() + " " + quoted(conf));
  }
  if (!cfg.is_object() && !cfg.is_null()) {
    throw Error("validation: json: config is not an object " + quoted(conf));
  }
  try {
    services::Services services;
    catalogue::build_pipeline(cfg, services);
  } catch (const Error& e) {
    throw Error(std::string("validation: substation: ") + e.what());
  }
}

}  // namespace sub::validate
