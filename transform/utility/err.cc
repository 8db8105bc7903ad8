// utility_err: fails every data message with a fixed error text; control messages pass.
//
// Settings:
//   message  the error text, returned exactly (no `transform <id> (<position>): ` prefix)
#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilityErr final : public Transform {
 public:
  explicit UtilityErr(std::string message) : message_(std::move(message)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) throw UnprefixedError(message_);
    out.push_back(std::move(msg));
  }

 private:
  const std::string message_;
};

}  // namespace

std::shared_ptr<Transform> new_utility_err(const config::Settings& s, Builder&) {
  return std::make_shared<UtilityErr>(s.string("message"));
}

}  // namespace sub::transform
