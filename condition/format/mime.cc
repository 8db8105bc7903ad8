// format_mime: true when the media type sniffed from the message data equals `type`
// exactly, e.g. "application/x-gzip" or "text/plain; charset=utf-8" (see
// services/media/detect.h for the detection rules).
//
// Settings:
//   type  the expected media type (required)
// object.source_key is not read: the whole data is always inspected, as the reference does.
#include "condition/builder.h"
#include "services/media/detect.h"

namespace sub::condition {
namespace {

class FormatMime final : public Condition {
 public:
  explicit FormatMime(std::string type) : type_(std::move(type)) {}

  bool test(const Message& msg, const Context&) const override {
    if (msg.is_control()) return false;
    return media::detect(msg.data()) == type_;
  }

 private:
  const std::string type_;
};

}  // namespace

ConditionPtr new_format_mime(const config::Settings& s, ConditionBuilder&) {
  std::string type = s.string("type");
  if (type.empty()) s.missing("type");
  return std::make_shared<FormatMime>(std::move(type));
}

}  // namespace sub::condition
