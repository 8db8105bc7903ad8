// test_message: injects a fixed message when a control message arrives (seeds CLI tests).
//
// Settings:
//   value  any JSON value; the injected data is its string form as the reference's
//          anyToBytes gives it (strings unquoted, numbers in shortest form, objects and
//          arrays as JSON with sorted keys, absent/null empty)
// On a control message: the new message (no metadata), then the control message. Data
// messages pass through.
#include "config/node.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class TestMessage final : public Transform {
 public:
  explicit TestMessage(std::string data) : data_(std::move(data)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) out.emplace_back(data_);
    out.push_back(std::move(msg));
  }

 private:
  const std::string data_;
};

// The reference sets the decoded value under a scratch key and reads it back as a string.
std::string value_bytes(const config::Node* value) {
  Message scratch;
  constexpr std::string_view kKey = "_";
  if (value == nullptr) {
    scratch.set_null(kKey);
  } else {
    switch (value->kind()) {
      case config::Node::Kind::kNull:
        scratch.set_null(kKey);
        break;
      case config::Node::Kind::kBool:
        scratch.set_bool(kKey, value->boolean());
        break;
      case config::Node::Kind::kNumber:
        scratch.set_float(kKey, value->number());
        break;
      case config::Node::Kind::kString:
        scratch.set_string(kKey, value->text());
        break;
      case config::Node::Kind::kArray:
      case config::Node::Kind::kObject:
        scratch.set_raw(kKey, value->to_json());
        break;
    }
  }
  return scratch.get(kKey).to_string();
}

}  // namespace

std::shared_ptr<Transform> new_test_message(const config::Settings& s, Builder&) {
  return std::make_shared<TestMessage>(value_bytes(s.find("value")));
}

}  // namespace sub::transform
