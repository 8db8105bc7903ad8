// string_match: true when the regular expression `pattern` matches anywhere in the text.
//
// Settings:
//   pattern            RE2 syntax, as Go's regexp (required)
//   object.source_key  match this key's text (missing = ""); unset: the whole data
//
// A pattern that names the whole text among literals (`^(S0|REJ)$`) is answered by
// comparing (whole_text_literals.h); every other one by RE2.
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "condition/builder.h"
#include "condition/common/text.h"
#include "condition/string/whole_text_literals.h"
#include "config/object_settings.h"

namespace sub::condition {
namespace {

class StringMatch final : public Condition {
 public:
  StringMatch(std::string source_key, std::unique_ptr<const RE2> re,
              std::optional<std::vector<std::string>> literals)
      : source_key_(std::move(source_key)), re_(std::move(re)), literals_(std::move(literals)) {}

  bool test(const Message& msg, const Context&) const override {
    if (msg.is_control()) return false;
    if (source_key_.empty()) return matches(msg.data());
    std::string scratch;
    const Value v = msg.get(source_key_);
    return matches(value_text(v, scratch));
  }

 private:
  bool matches(std::string_view text) const {
    if (literals_) {
      return std::any_of(literals_->begin(), literals_->end(),
                         [text](const std::string& l) { return text == l; });
    }
    return RE2::PartialMatch(text, *re_);
  }

  const std::string source_key_;
  const std::unique_ptr<const RE2> re_;
  const std::optional<std::vector<std::string>> literals_;  // set: the whole text among these
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
  return std::make_shared<StringMatch>(config::ObjectSettings::read(s).source_key, std::move(re),
                                       whole_text_literals(pattern));
}

}  // namespace sub::condition
