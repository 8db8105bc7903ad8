// format_from_pretty_print: reassembles pretty-printed JSON objects that arrive split over
// several messages (e.g. one line per message) into compact single-line objects.
//
// Settings: none (data only).
// Bytes are appended to a buffer while `{` and `}` are counted (quoting is not considered);
// when the count returns to zero the buffer is compacted and emitted as the current message
// (metadata kept), the buffer is reset and the rest of that message's bytes are dropped.
// Until then nothing is emitted. Invalid JSON is an error.
//
// The buffer is shared by every message given to this transform: the reference keeps it
// unguarded (unsafe with concurrency > 1); here a mutex serialises access, so concurrent
// use is safe but interleaved fragments from different sources still mix.
#include <mutex>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class FormatFromPrettyPrint final : public Transform {
 public:
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    std::string compact;
    {
      std::lock_guard<std::mutex> lock(mu_);
      bool complete = false;
      for (char c : msg.data()) {
        stack_.push_back(c);
        if (c == '{') ++depth_;
        if (c == '}') --depth_;
        if (depth_ == 0) {
          complete = true;
          break;
        }
      }
      if (!complete) return;
      std::string object = std::move(stack_);
      stack_.clear();
      if (!json::valid(object)) throw Error("invalid json");
      json::append_compact(compact, object);
    }
    msg.set_data(std::move(compact));
    out.push_back(std::move(msg));
  }

 private:
  mutable std::mutex mu_;
  mutable std::string stack_;  // guarded by mu_
  mutable int64_t depth_ = 0;  // guarded by mu_
};

}  // namespace

std::shared_ptr<Transform> new_format_from_pretty_print(const config::Settings&, Builder&) {
  return std::make_shared<FormatFromPrettyPrint>();
}

}  // namespace sub::transform
