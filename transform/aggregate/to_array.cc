// aggregate_to_array: buffers data per batch key and emits each full batch as one JSON
// array `[item,item,...]` (items written as is, so they should be JSON).
//
// Settings:
//   object.target_key  write the array here in a new object instead of as the data
//   object.batch_key   gjson path whose string value groups items (missing: one group "")
//   batch              {count, size, duration} limits
// Data messages are consumed. When an item does not fit its batch, the batch is emitted
// first. A control message emits every non-empty batch (keys in first-seen order), then
// itself. Blank items (only whitespace) are left out of the array, and a batch left with
// no items emits nothing. Emitted messages carry no metadata.
#include <mutex>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/common/batch.h"

namespace sub::transform {
namespace {

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') return false;
  }
  return true;
}

class AggregateToArray final : public Transform {
 public:
  AggregateToArray(config::ObjectSettings obj, const config::BatchSettings& limits)
      : obj_(std::move(obj)), batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      for (auto& [key, items] : batch_.take_all()) emit(items, out);
      out.push_back(std::move(msg));
      return;
    }
    const std::string key = msg.get(obj_.batch_key).to_string();
    batch_.add(key, msg.take_data(),
               [&](const std::string&, const Batcher::Items& items) { emit(items, out); });
  }

 private:
  void emit(const Batcher::Items& items, std::vector<Message>& out) const {
    std::string array = "[";
    bool any = false;
    for (std::string_view item : items) {
      if (blank(item)) continue;
      if (any) array += ',';
      array += item;
      any = true;
    }
    if (!any) return;
    array += ']';
    if (obj_.has_target()) {
      Message m;
      m.set_bytes(obj_.target_key, array);
      out.push_back(std::move(m));
    } else {
      out.emplace_back(std::move(array));
    }
  }

  const config::ObjectSettings obj_;
  mutable std::mutex mu_;
  mutable Batcher batch_;
};

}  // namespace

std::shared_ptr<Transform> new_aggregate_to_array(const config::Settings& s, Builder&) {
  return std::make_shared<AggregateToArray>(config::ObjectSettings::read(s),
                                            config::BatchSettings::read(s));
}

}  // namespace sub::transform
