// Patterns that name the whole text among a few literals, `^(S0|REJ|OTH)$` or `^error$`, the
// usual shape of a string_match that picks events by a code or a state. Such a pattern
// matches exactly when the text equals one of them: Go's regexp (and RE2) read `^` and `$`
// as the text's start and end without the (?m) flag, and a literal byte matches only
// itself. string_match then compares instead of running the regexp engine, which costs
// several hundred instructions even for a two-byte text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sub::condition {

// The literals when `pattern` is `^L$`, `^(L1|L2|...)$` or `^(?:L1|L2|...)$`, where every
// literal is made of bytes with no meaning in the syntax (ASCII letters, digits and
// ` _-:/,=@#%!&'"<>~;`), empty ones included; nothing for any other pattern.
std::optional<std::vector<std::string>> whole_text_literals(std::string_view pattern);

}  // namespace sub::condition
