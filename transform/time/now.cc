// time_now: the current time as Unix nanoseconds.
//
// Settings:
//   object.target_key  write the time to, as a JSON number (optional; source_key is ignored)
// Modes:
//   target set  target := now
//   otherwise   the data becomes the decimal digits of now
#include <chrono>

#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/time/common.h"

namespace sub::transform {
namespace {

class TimeNow final : public Transform {
 public:
  explicit TimeNow(std::string target) : target_(std::move(target)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) {
      const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      if (!target_.empty()) {
        msg.set_int(target_, now);
      } else {
        msg.set_data(std::to_string(now));
      }
    }
    out.push_back(std::move(msg));
  }

 private:
  const std::string target_;
};

}  // namespace

std::shared_ptr<Transform> new_time_now(const config::Settings& s, Builder&) {
  return std::make_shared<TimeNow>(config::ObjectSettings::read(s).target_key);
}

}  // namespace sub::transform
