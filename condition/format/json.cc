// format_json: true when the whole message data is one valid JSON value (object, array,
// string, number, true, false or null; surrounding whitespace allowed).
//
// Settings: none (object.source_key is not read: the data is always inspected).
#include "condition/builder.h"
#include "core/json/path.h"

namespace sub::condition {
namespace {

class FormatJson final : public Condition {
 public:
  bool test(const Message& msg, const Context&) const override {
    if (msg.is_control()) return false;
    return json::valid(msg.data());
  }
};

}  // namespace

ConditionPtr new_format_json(const config::Settings&, ConditionBuilder&) {
  return std::make_shared<FormatJson>();
}

}  // namespace sub::condition
