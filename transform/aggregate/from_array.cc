// aggregate_from_array: splits a JSON array into one message per element.
//
// Settings:
//   object.source_key  read the array here (it is removed from the event, and the event's
//                      remaining top-level fields are merged into every element)
//   object.target_key  write each element here in a new object
// Modes:
//   neither            the data is the array (a non-array value gives one message)
//   source only        each element merged with the remaining fields (objects joined with
//                      gjson's @join, later keys win)
//   target only        {target: element}
//   both               the remaining fields plus {target: element}
// Outputs keep the parent's metadata. A missing source passes the message through;
// control messages pass through.
#include "config/node.h"
#include "config/object_settings.h"
#include "core/json/path.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

// Sets `v` at `key` the way the reference sets a decoded Go value (strings as strings,
// numbers as float64, objects and arrays re-encoded by encoding/json with sorted keys).
void set_decoded(Message& m, std::string_view key, const Value& v) {
  switch (v.type()) {
    case Value::Type::kString:
      m.set_string(key, v.str());
      return;
    case Value::Type::kNumber:
      m.set_float(key, v.num());
      return;
    case Value::Type::kTrue:
      m.set_bool(key, true);
      return;
    case Value::Type::kFalse:
      m.set_bool(key, false);
      return;
    case Value::Type::kNull:
      m.set_null(key);
      return;
    case Value::Type::kJson:
      try {
        m.set_raw(key, config::Node::parse(v.raw()).to_json());
      } catch (const Error&) {
        m.set_raw(key, v.raw());
      }
      return;
  }
}

class AggregateFromArray final : public Transform {
 public:
  explicit AggregateFromArray(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    Value value;
    if (obj_.has_source()) {
      Value found = msg.get(obj_.source_key);
      if (found.exists()) value = Value::own_raw(std::string(found.raw()));
      msg.del(obj_.source_key);
    } else {
      value = bytes_to_value(msg.data());
    }
    if (!value.exists()) {
      out.push_back(std::move(msg));
      return;
    }

    Value rest;
    if (obj_.has_source()) rest = msg.get("@this");
    for (const Value& element : value.to_array()) {
      Message o(std::string(), msg.metadata());
      if (rest.is_object()) {
        rest.for_each([&](const Value& k, const Value& v) {
          set_decoded(o, k.str(), v);
          return true;
        });
      }
      if (obj_.has_target()) {
        o.set_value(obj_.target_key, element);
      } else if (obj_.has_source()) {
        const std::string pair = "[" + o.data() + "," + element.to_string() + "]";
        o.set_data(json::get(pair, "@join").to_string());
      } else {
        o.set_data(element.to_string());
      }
      out.push_back(std::move(o));
    }
  }

 private:
  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_aggregate_from_array(const config::Settings& s, Builder&) {
  return std::make_shared<AggregateFromArray>(config::ObjectSettings::read(s));
}

}  // namespace sub::transform
