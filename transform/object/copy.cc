// object_copy: copies a value between keys, extracts a value as the whole data, or wraps
// the data under a key.
//
// Settings:
//   object.source_key  read from (gjson path, or "meta ..." for metadata)
//   object.target_key  write to (sjson path)
// Modes:
//   source and target  copy the value
//   source only        the data becomes the value (strings unquoted, JSON raw)
//   target only        the data becomes {target: data} (metadata kept; empty data unchanged)
//   neither            unchanged, unless the data has a member "" (the empty path, as
//                      gjson reads it): then `path cannot be empty`, as in v2.8
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectCopy final : public Transform {
 public:
  explicit ObjectCopy(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.has_source() && obj_.has_target()) {
      Value v = msg.get(obj_.source_key);
      if (v.exists()) msg.set_value(obj_.target_key, v);
    } else if (obj_.has_source()) {
      Value v = msg.get(obj_.source_key);
      if (v.exists()) msg.set_data(v.to_string());
    } else if (obj_.has_target()) {
      if (msg.data().empty()) return;
      Message wrapped(std::string(), msg.metadata());
      wrapped.set_bytes(obj_.target_key, msg.data());
      msg = std::move(wrapped);
    } else {
      // Neither: v2.8 still copies the empty path to itself, which reads a member "" and
      // fails to write it (`path cannot be empty`); other data passes unchanged.
      Value v = msg.get(obj_.source_key);
      if (v.exists()) msg.set_value(obj_.target_key, v);
    }
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_object_copy(const config::Settings& s, Builder&) {
  return std::make_shared<ObjectCopy>(config::ObjectSettings::read(s));
}

}  // namespace sub::transform
