// utility_delay: sleeps before passing each data message on.
//
// Settings:
//   duration  (required) Go duration to sleep per data message
// The sleep ends early when the work's Context expires (the message is still passed on).
// Control messages pass at once.
#include "transform/builder.h"
#include "transform/common/sleep.h"

namespace sub::transform {
namespace {

class UtilityDelay final : public Transform {
 public:
  explicit UtilityDelay(std::chrono::nanoseconds d) : duration_(d) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    // An interrupted delay (cancelled run, deadline) ends early; the message goes on either way.
    if (!msg.is_control()) (void)sleep_for(ctx, duration_);
    out.push_back(std::move(msg));
  }

 private:
  const std::chrono::nanoseconds duration_;
};

}  // namespace

std::shared_ptr<Transform> new_utility_delay(const config::Settings& s, Builder&) {
  if (s.string("duration").empty()) s.missing("duration");
  return std::make_shared<UtilityDelay>(s.duration("duration"));
}

}  // namespace sub::transform
