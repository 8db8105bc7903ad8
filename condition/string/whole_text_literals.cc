#include "condition/string/whole_text_literals.h"

namespace sub::condition {
namespace {

// Bytes that stand for themselves anywhere in a pattern outside a class: no metacharacter,
// no escape, nothing a flag could change (letters would, under (?i), but a flag group is
// not a literal and is refused before).
bool plain(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '_':
    case '-':
    case ':':
    case '/':
    case ',':
    case '=':
    case '@':
    case '#':
    case '%':
    case '!':
    case '&':
    case '\'':
    case '"':
    case '<':
    case '>':
    case '~':
    case ';':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<std::vector<std::string>> whole_text_literals(std::string_view pattern) {
  if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return std::nullopt;
  std::string_view body = pattern.substr(1, pattern.size() - 2);
  if (!body.empty() && body.front() == '(') {
    if (body.back() != ')') return std::nullopt;
    body = body.substr(1, body.size() - 2);
    if (body.substr(0, 2) == "?:") body.remove_prefix(2);
  } else if (body.find('|') != std::string_view::npos) {
    // `^a|b$` is `(^a)|(b$)`: not a whole-text choice.
    return std::nullopt;
  }
  std::vector<std::string> out(1);
  for (char c : body) {
    if (c == '|') {
      out.emplace_back();
    } else if (plain(c)) {
      out.back().push_back(c);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace sub::condition
