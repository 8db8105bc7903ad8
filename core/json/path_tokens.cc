#include "core/json/path_tokens.h"

#include "core/json/internal.h"
#include "core/json/scan.h"

namespace sub::json::path_tokens {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && scan::is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && scan::is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_op_byte(char c) { return c == '!' || c == '=' || c == '<' || c == '>' || c == '%'; }

}  // namespace

bool split_query(std::string_view path, Query& q) {
  if (path.size() < 2 || path[0] != '#' || (path[1] != '(' && path[1] != '[')) return false;
  // The operator starts at the first operator byte on the outer level of the brackets.
  size_t op_at = 0;
  const size_t close =
      walk_brackets(path, 1, Brackets::kSquareRound, q.value_escaped, [&](size_t i, int depth) {
        if (depth == 1 && op_at == 0 && is_op_byte(path[i])) {
          op_at = i;
        }
      });
  if (close == std::string_view::npos) return false;
  q.op = {};
  q.value = {};
  if (op_at == 0) {
    q.path = trim(path.substr(2, close - 2));
  } else {
    q.path = trim(path.substr(2, op_at - 2));
    std::string_view v = trim(path.substr(op_at, close - op_at));
    // The operator is one or two bytes; "==" reads as "=".
    size_t size = 0;
    if (v.size() == 1) {
      size = 1;
    } else if ((v[0] == '!' || v[0] == '<' || v[0] == '>') &&
               (v[1] == '=' || (v[0] == '!' && v[1] == '%'))) {
      size = 2;
    } else if (v[0] == '=' && v[1] == '=') {
      v.remove_prefix(1);
      size = 1;
    } else if (v[0] == '<' || v[0] == '>' || v[0] == '=' || v[0] == '%') {
      size = 1;
    }
    q.op = v.substr(0, size);
    q.value = trim(v.substr(size));
  }
  q.end = close + 1;
  return true;
}

bool split_pipe(std::string_view path, std::string_view& left, std::string_view& right) {
  if (path.find('|') == std::string_view::npos) return false;
  if (path[0] == '{') {
    std::string_view sq = scan::squash(path.substr(1));
    if (sq.size() < path.size() - 1) {
      size_t n = sq.size() + 1;
      if (path[n] == '|') {
        left = path.substr(0, n);
        right = path.substr(n + 1);
        return true;
      }
    }
    return false;
  }
  for (size_t i = 0; i < path.size(); ++i) {
    char ch = path[i];
    if (ch == '\\') {
      ++i;
    } else if (ch == '.') {
      if (i == path.size() - 1) return false;
      if (path[i + 1] != '#') continue;
      i += 2;
      if (i == path.size()) return false;
      if (path[i] != '[' && path[i] != '(') continue;
      // A query: a pipe inside it is not the one sought.
      bool quoted_backslash = false;
      i = walk_brackets(path, i, Brackets::kSame, quoted_backslash, [](size_t, int) {});
      if (i == std::string_view::npos) return false;
    } else if (ch == '|') {
      left = path.substr(0, i);
      right = path.substr(i + 1);
      return true;
    }
  }
  return false;
}

void split_modifier_arg(std::string_view rest, Modifier& m) {
  const char lead = rest[0];
  if ((lead == '{' || lead == '[' || lead == '"') && internal::parse(rest).exists()) {
    m.arg = scan::squash(rest);
  } else {
    size_t i = 0;
    for (; i < rest.size() && rest[i] != '|'; ++i) {
      const char c = rest[i];
      if (c == '{' || c == '[' || c == '"' || c == '(')
        i += scan::squash(rest.substr(i)).size() - 1;
    }
    m.arg = rest.substr(0, i);
  }
  m.rest = rest.substr(m.arg.size());
}

bool sub_selectors(std::string_view path, std::vector<SubSelector>* out, std::string_view& rest) {
  // A member is `path` or, before a ':' on the outer level, `name:path`. A ':' after a
  // modifier that starts a component (`.@` or `|@`) belongs to the modifier's argument.
  size_t modifier = 0, colon = 0, start = 1;
  auto push = [&](size_t end) {
    if (out != nullptr) {
      SubSelector sel;
      if (colon == 0) {
        sel.path = path.substr(start, end - start);
      } else {
        sel.name = path.substr(start, colon - start);
        sel.path = path.substr(colon + 1, end - colon - 1);
      }
      out->push_back(sel);
    }
    colon = 0;
    modifier = 0;
    start = end + 1;
  };
  bool quoted_backslash = false;
  const size_t close =
      walk_brackets(path, 0, Brackets::kAll, quoted_backslash, [&](size_t i, int depth) {
        switch (path[i]) {
          case '@':
            if (modifier == 0 && (path[i - 1] == '.' || path[i - 1] == '|')) modifier = i;
            break;
          case ':':
            if (modifier == 0 && colon == 0 && depth == 1) colon = i;
            break;
          case ',':
            if (depth == 1) push(i);
            break;
          default:
            break;
        }
      });
  if (close == std::string_view::npos) {
    rest = {};
    return false;
  }
  push(close);
  rest = path.substr(close + 1);
  return true;
}

bool static_literal(std::string_view path, std::string_view& lit, std::string_view& rest) {
  std::string_view name = path.substr(1);
  rest = {};
  const char lead = name.empty() ? '\0' : name[0];
  if (lead == '{' || lead == '[' || lead == '"' || lead == '+' || lead == '-' ||
      (lead >= '0' && lead <= '9')) {
    lit = name.substr(0, scan::skip_container(name, 0));
    rest = name.substr(lit.size());
    return true;
  }
  const size_t end = name_end(path, false);
  if (end < path.size()) {
    name = path.substr(1, end - 1);
    rest = path.substr(end);
  }
  for (std::string_view word : {"true", "false", "null", "nan", "inf"}) {
    if (scan::ieq(name, word)) {
      lit = name;
      return true;
    }
  }
  return false;
}

std::string_view last_name(std::string_view path) {
  for (size_t i = path.size(); i-- > 0;) {
    if (path[i] == '|' || path[i] == '.') {
      if (i > 0 && path[i - 1] == '\\') continue;
      return path.substr(i + 1);
    }
  }
  return path;
}

}  // namespace sub::json::path_tokens
