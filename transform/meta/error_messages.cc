#include "transform/meta/error_messages.h"

#include <string>

#include "core/error.h"
#include "transform/transform.h"

namespace sub::transform {

ErrorMessages ErrorMessages::read(const config::Settings& s, std::string_view key) {
  ErrorMessages out;
  const std::vector<std::string> patterns = s.strings(key);
  for (size_t i = 0; i < patterns.size(); ++i) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<const RE2>(patterns[i], opts);
    if (!re->ok()) {
      s.fail(std::string(key) + "[" + std::to_string(i) + "]",
             std::string(kInvalidOption) + ": " + re->error());
    }
    out.patterns_.push_back(std::move(re));
  }
  return out;
}

bool ErrorMessages::matches(const std::exception& error) const {
  const std::string error_text = reference_text(error);
  for (const auto& re : patterns_) {
    if (RE2::PartialMatch(error_text, *re)) return true;
  }
  return false;
}

void ErrorMessages::append(ErrorMessages other) {
  for (auto& re : other.patterns_) patterns_.push_back(std::move(re));
}

}  // namespace sub::transform
