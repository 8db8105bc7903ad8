// The evaluation shared by meta_all, meta_any and meta_none: nested conditions applied to
// the message, or to the value at object.source_key.
//
// Settings:
//   conditions         list of {type, settings} condition configs
//   object.source_key  optional. Unset: the conditions see the whole message. Set: a
//                      missing value answers false; an array gives one message per element
//                      (data = the element's text, metadata copied); any other value gives
//                      one such message.
// Control messages answer false.
#pragma once

#include <string>
#include <vector>

#include "condition/builder.h"

namespace sub::condition {

// How results combine. For every (message, condition) pair in order, a result equal to
// `stop_on` ends the evaluation with `on_stop`; if none does, the answer is `!on_stop`.
//   all:  stop on false, answer false (else true)
//   any:  stop on true,  answer true  (else false)
//   none: stop on true,  answer false (else true)
struct MetaRule {
  bool stop_on;
  bool on_stop;
};

class MetaCondition final : public Condition {
 public:
  MetaCondition(std::string source_key, std::vector<ConditionPtr> conditions, MetaRule rule)
      : source_key_(std::move(source_key)), conditions_(std::move(conditions)), rule_(rule) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  // True when the evaluation stopped early on `msg`.
  bool stops(const Message& msg, const Context& ctx) const;

  const std::string source_key_;
  const std::vector<ConditionPtr> conditions_;
  const MetaRule rule_;
};

// Builds the nested conditions of `settings.conditions`; `required` rejects an empty list.
std::vector<ConditionPtr> build_conditions(const config::Settings& settings,
                                           ConditionBuilder& builder, bool required);

}  // namespace sub::condition
