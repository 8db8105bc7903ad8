// utility_drop: drops every data message; control messages pass through.
//
// Settings: none.
#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilityDrop final : public Transform {
 public:
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) out.push_back(std::move(msg));
  }
};

}  // namespace

std::shared_ptr<Transform> new_utility_drop(const config::Settings&, Builder&) {
  return std::make_shared<UtilityDrop>();
}

}  // namespace sub::transform
