// meta_err: runs a chain and swallows the errors whose text matches a pattern.
//
// Settings:
//   transforms      chain to apply (may be empty)
//   error_messages  RE2 patterns searched in the error text (as v2.8 words it, without the
//                   step positions: transform/meta/error_messages.h); a match returns the original
//                   message (as it was before the chain) instead of failing. Absent or []
//                   catches nothing (the library's default is [".*"]).
// Without an error the chain's outputs are returned. Control messages go through the
// chain like data.
#include "transform/builder.h"
#include "transform/meta/error_messages.h"

namespace sub::transform {
namespace {

class MetaErr final : public Transform {
 public:
  MetaErr(Chain chain, ErrorMessages patterns)
      : chain_(std::move(chain)), patterns_(std::move(patterns)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (patterns_.empty()) {
      for (Message& m : chain_.apply(std::move(msg), ctx)) out.push_back(std::move(m));
      return;
    }
    std::vector<Message> result;
    try {
      result = chain_.apply(msg, ctx);
    } catch (const Error& e) {
      if (!patterns_.matches(e)) throw;
      out.push_back(std::move(msg));
      return;
    }
    for (Message& m : result) out.push_back(std::move(m));
  }

 private:
  const Chain chain_;
  const ErrorMessages patterns_;
};

}  // namespace

std::shared_ptr<Transform> new_meta_err(const config::Settings& s, Builder& b) {
  Chain chain = b.nested_chain(s, "transforms");
  return std::make_shared<MetaErr>(std::move(chain), ErrorMessages::read(s, "error_messages"));
}

}  // namespace sub::transform
