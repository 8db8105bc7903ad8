// meta_for_each: runs a chain over every element of an array and collects the results.
//
// Settings:
//   object.source_key  (required) the array to read
//   object.target_key  (required) where the array of results is written
//   transforms         (required, non-empty) chain applied to each element
// Each element becomes a message (data: the element's string value; metadata: the
// parent's) run through the chain. The data of every output is decoded as the reference's
// bytesToValue does (JSON objects/arrays stay JSON, anything else becomes a string) and the
// values are written at the target as one JSON array (objects re-encoded with sorted keys;
// no outputs at all gives null). A missing or non-array source passes the message through.
// A control message goes through the chain and its outputs are returned.
#include "config/node.h"
#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

// Appends the encoding/json text of the Go value of `v`.
void append_decoded(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kString:
      json::append_go_string(out, v.str());
      return;
    case Value::Type::kNumber:
      json::append_float_json(out, v.num());
      return;
    case Value::Type::kTrue:
      out += "true";
      return;
    case Value::Type::kFalse:
      out += "false";
      return;
    case Value::Type::kNull:
      out += "null";
      return;
    case Value::Type::kJson:
      try {
        config::Node::parse(v.raw()).append_json(out);
      } catch (const Error&) {
        out += v.raw();
      }
      return;
  }
}

class MetaForEach final : public Transform {
 public:
  MetaForEach(config::ObjectSettings obj, Chain chain)
      : obj_(std::move(obj)), chain_(std::move(chain)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (msg.is_control()) {
      for (Message& m : chain_.apply(std::move(msg), ctx)) out.push_back(std::move(m));
      return;
    }
    const Value value = msg.get(obj_.source_key);
    if (!value.exists() || !value.is_array()) {
      out.push_back(std::move(msg));
      return;
    }
    std::string array;
    for (const Value& element : value.to_array()) {
      for (const Message& m : chain_.apply(Message(element.to_string(), msg.metadata()), ctx)) {
        array += array.empty() ? '[' : ',';
        append_decoded(array, bytes_to_value(m.data()));
      }
    }
    if (array.empty()) {
      array = "null";
    } else {
      array += ']';
    }
    msg.set_raw(obj_.target_key, array);
    out.push_back(std::move(msg));
  }

 private:
  const config::ObjectSettings obj_;
  const Chain chain_;
};

}  // namespace

std::shared_ptr<Transform> new_meta_for_each(const config::Settings& s, Builder& b) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  if (!obj.has_target()) s.missing("object.target_key");
  Chain chain = b.nested_chain(s, "transforms");
  if (chain.empty()) s.missing("transforms");
  return std::make_shared<MetaForEach>(std::move(obj), std::move(chain));
}

}  // namespace sub::transform
