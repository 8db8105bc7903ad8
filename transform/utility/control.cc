// utility_control: emits a control message each time a batch of data fills up, so that
// the stateful transforms after it flush by volume instead of only at the end.
//
// Settings:
//   batch  {count, size, duration} limits of the one batch
// Data passes through and is counted. When a message does not fit the batch, a new control
// message is emitted before it and the count restarts with it. An incoming control message
// resets the count and passes through.
#include <mutex>

#include "config/batch_settings.h"
#include "transform/builder.h"
#include "transform/common/batch.h"

namespace sub::transform {
namespace {

class UtilityControl final : public Transform {
 public:
  explicit UtilityControl(const config::BatchSettings& limits) : batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      batch_.take_all();
      out.push_back(std::move(msg));
      return;
    }
    bool full = false;
    batch_.add_measured(std::string(), msg.data().size(),
                        [&](const std::string&, const Batcher::Items&) { full = true; });
    if (full) out.push_back(Message::control());
    out.push_back(std::move(msg));
  }

 private:
  mutable std::mutex mu_;
  mutable Batcher batch_;
};

}  // namespace

std::shared_ptr<Transform> new_utility_control(const config::Settings& s, Builder&) {
  return std::make_shared<UtilityControl>(config::BatchSettings::read(s));
}

}  // namespace sub::transform
