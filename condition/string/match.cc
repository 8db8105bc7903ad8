// string_match: true when the regular expression `pattern` matches anywhere in the text.
//
// Settings:
//   pattern            RE2 syntax, as Go's regexp (required)
//   object.source_key  match this key's text (missing = ""); unset: the whole data
#include <re2/re2.h>

#include "condition/builder.h"
#include "condition/common/text.h"
#include "config/object_settings.h"

namespace sub::condition {
namespace {

class StringMatch final : public Condition {
 public:
  StringMatch(std::string source_key, std::unique_ptr<const RE2> re)
      : source_key_(std::move(source_key)), re_(std::move(re)) {}

  bool test(const Message& msg, const Context&) const override {
    if (msg.is_control()) return false;
    if (source_key_.empty()) return RE2::PartialMatch(msg.data(), *re_);
    std::string scratch;
    const Value v = msg.get(source_key_);
    return RE2::PartialMatch(value_text(v, scratch), *re_);
  }

 private:
  const std::string source_key_;
  const std::unique_ptr<const RE2> re_;
};

}  // namespace

ConditionPtr new_string_match(const config::Settings& s, ConditionBuilder&) {
  const std::string pattern = s.string("pattern");
  if (pattern.empty()) s.missing("pattern");
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<const RE2>(pattern, options);
  if (!re->ok()) {
    s.fail("pattern", std::string(kInvalidOption) + ": error parsing regexp: " + re->error());
  }
  return std::make_shared<StringMatch>(config::ObjectSettings::read(s).source_key, std::move(re));
}

}  // namespace sub::condition
