// object_insert: writes a configured value at a key.
//
// Settings:
//   object.target_key  write to (required)
//   value              any JSON value (required; null counts as absent). Encoded once, at
//                      construction, as the reference's SetValue encodes the decoded setting:
//                      strings by the string rules (a string holding a JSON object or array
//                      is inserted raw), numbers as float64 text without exponent, booleans,
//                      and objects/arrays as Go marshals them (keys sorted).
#include "config/node.h"
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectInsert final : public Transform {
 public:
  ObjectInsert(std::string key, std::string raw) : key_(std::move(key)), raw_(std::move(raw)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) msg.set_raw(key_, raw_);
    out.push_back(std::move(msg));
  }

 private:
  const std::string key_;
  const std::string raw_;  // the encoded value
};

// The JSON text SetValue would write for the decoded setting `v`.
std::string encode_value(const config::Node& v) {
  Message scratch;
  switch (v.kind()) {
    case config::Node::Kind::kString:
      scratch.set_string("_", v.text());
      break;
    case config::Node::Kind::kNumber:
      scratch.set_float("_", v.number());
      break;
    case config::Node::Kind::kBool:
      scratch.set_bool("_", v.boolean());
      break;
    default:
      return v.to_json();
  }
  return std::string(scratch.get("_").raw());
}

}  // namespace

std::shared_ptr<Transform> new_object_insert(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_target()) s.missing("object.target_key");
  const config::Node* value = s.find("value");
  if (value == nullptr) s.missing("value");
  return std::make_shared<ObjectInsert>(std::move(obj.target_key), encode_value(*value));
}

}  // namespace sub::transform
