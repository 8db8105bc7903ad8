// aggregate_to_string: buffers data per batch key and emits each full batch as one message
// whose data is the items joined with a separator.
//
// Settings:
//   separator         (required) placed between items
//   object.batch_key  gjson path whose string value groups items (missing: one group "")
//   batch             {count, size, duration} limits
// Data messages are consumed. When an item does not fit its batch, the batch is emitted
// first. A control message emits every non-empty batch (keys in first-seen order), then
// itself. Emitted messages carry no metadata.
#include <mutex>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/common/batch.h"

namespace sub::transform {
namespace {

class AggregateToString final : public Transform {
 public:
  AggregateToString(std::string separator, std::string batch_key,
                    const config::BatchSettings& limits)
      : sep_(std::move(separator)), batch_key_(std::move(batch_key)), batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      for (auto& [key, items] : batch_.take_all()) out.emplace_back(join(items));
      out.push_back(std::move(msg));
      return;
    }
    const std::string key = msg.get(batch_key_).to_string();
    batch_.add(key, msg.take_data(), [&](const std::string&, const Batcher::Items& items) {
      out.emplace_back(join(items));
    });
  }

 private:
  // Room left after the joined text: an aggregate is often followed by a string_append of a
  // newline (a file of lines for S3 or gzip), which would otherwise copy the whole batch
  // into a new buffer for one byte.
  static constexpr size_t kRoomAfter = 64;

  std::string join(const Batcher::Items& items) const {
    std::string s;
    if (!items.empty()) s.reserve(items.bytes() + sep_.size() * (items.size() - 1) + kRoomAfter);
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) s += sep_;
      s += items[i];
    }
    return s;
  }

  const std::string sep_;
  const std::string batch_key_;
  mutable std::mutex mu_;
  mutable Batcher batch_;
};

}  // namespace

std::shared_ptr<Transform> new_aggregate_to_string(const config::Settings& s, Builder&) {
  std::string sep = s.string("separator");
  if (sep.empty()) s.missing("separator");
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  return std::make_shared<AggregateToString>(std::move(sep), std::move(obj.batch_key),
                                             config::BatchSettings::read(s));
}

}  // namespace sub::transform
