// aggregate_from_string: splits the data on a separator into one message per part.
//
// Settings:
//   separator  (required) the byte string to split on
// Every part becomes a message with the parent's metadata, including empty parts (data
// without the separator gives one message; empty data gives one empty message). Control
// messages pass through.
#include "transform/builder.h"

namespace sub::transform {
namespace {

class AggregateFromString final : public Transform {
 public:
  explicit AggregateFromString(std::string separator) : sep_(std::move(separator)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    std::string_view data = msg.data();
    size_t start = 0;
    for (;;) {
      size_t pos = data.find(sep_, start);
      if (pos == std::string_view::npos) break;
      out.emplace_back(std::string(data.substr(start, pos - start)), msg.metadata());
      start = pos + sep_.size();
    }
    out.emplace_back(std::string(data.substr(start)), msg.metadata());
  }

 private:
  const std::string sep_;
};

}  // namespace

std::shared_ptr<Transform> new_aggregate_from_string(const config::Settings& s, Builder&) {
  std::string sep = s.string("separator");
  if (sep.empty()) s.missing("separator");
  return std::make_shared<AggregateFromString>(std::move(sep));
}

}  // namespace sub::transform
