// meta_retry: runs a chain again, after a constant delay, until it succeeds.
//
// Settings:
//   transforms            chain to apply (may be empty)
//   condition             every non-control output must pass it; absent (or without a
//                         type) always passes
//   retry.count           retries after the first attempt (attempts = count + 1);
//                         0 or absent retries without limit
//   retry.delay           (required) Go duration slept before each retry (negative: none)
//   error_messages        RE2 patterns: an error whose text (without the step positions,
//                         as v2.8 words it) matches one is retried (only
//                         this top-level list, as in v2.8: `retry.error_messages` is
//                         not read)
// Each attempt runs on a copy of the original message. An error that matches no pattern
// fails at once; running out of attempts fails with `retry limit reached`. The loop never
// outlives the work's Context: when it expires the transform fails with
// `context deadline exceeded` (or `context canceled`).
#include "transform/builder.h"
#include "transform/common/sleep.h"
#include "transform/meta/error_messages.h"

namespace sub::transform {
namespace {

class MetaRetry final : public Transform {
 public:
  MetaRetry(Chain chain, condition::ConditionPtr condition, int64_t count,
            std::chrono::nanoseconds delay, ErrorMessages patterns)
      : chain_(std::move(chain)),
        condition_(std::move(condition)),
        count_(count),
        delay_(delay),
        patterns_(std::move(patterns)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    for (int64_t attempt = 0; count_ <= 0 || attempt <= count_; ++attempt) {
      if (attempt > 0 && !sleep_for(ctx, delay_)) throw Error(context_error(ctx));
      std::vector<Message> result;
      try {
        result = chain_.apply(msg, ctx);
      } catch (const Error& e) {
        if (patterns_.matches(e)) continue;
        throw;
      }
      if (passes(result, ctx)) {
        for (Message& m : result) out.push_back(std::move(m));
        return;
      }
    }
    throw Error("retry limit reached");
  }

 private:
  bool passes(const std::vector<Message>& msgs, const Context& ctx) const {
    if (!condition_) return true;
    for (const Message& m : msgs) {
      if (!m.is_control() && !condition_->test(m, ctx)) return false;
    }
    return true;
  }

  const Chain chain_;
  const condition::ConditionPtr condition_;
  const int64_t count_;
  const std::chrono::nanoseconds delay_;
  const ErrorMessages patterns_;
};

}  // namespace

std::shared_ptr<Transform> new_meta_retry(const config::Settings& s, Builder& b) {
  Chain chain = b.nested_chain(s, "transforms");
  condition::ConditionPtr condition;
  if (const config::Node* cond = s.find("condition")) {
    const config::Node* type = cond->is_object() ? cond->find("type") : nullptr;
    const bool untyped =
        cond->is_object() && (!type || (type->is_string() && type->text().empty()));
    if (!untyped) condition = b.nested_condition(*cond, s, s.key_name("condition"));
  }
  const config::Settings retry = s.child("retry");
  const int64_t count = retry.integer("count");
  if (retry.string("delay").empty()) retry.missing("delay");
  const std::chrono::nanoseconds delay = retry.duration("delay");
  ErrorMessages patterns = ErrorMessages::read(s, "error_messages");
  return std::make_shared<MetaRetry>(std::move(chain), std::move(condition), count, delay,
                                     std::move(patterns));
}

}  // namespace sub::transform
