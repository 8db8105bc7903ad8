// The gjson-compatible reader. The structure follows gjson's own recursive descent (object
// and array walkers that consume one path component each) because many of gjson's corner
// cases fall out of that structure; matching it is what makes results identical.
#include <cstring>
#include <string>
#include <vector>

#include "core/json/simd.h"

#include "core/json/encode.h"
#include "core/json/internal.h"
#include "core/json/modifiers.h"
#include "core/json/path.h"
#include "core/json/scan.h"

namespace sub::json {
namespace {

using Type = Value::Type;

struct Ctx {
  std::string_view json;
  Value value;
  std::string_view pipe;
  bool piped = false;
};

struct Step {
  size_t i;
  bool hit;
};

Step walk_object(Ctx& c, size_t i, std::string_view path);
Step walk_array(Ctx& c, size_t i, std::string_view path);

std::string_view trim(std::string_view s) {
  while (!s.empty() && scan::is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && scan::is_space(s.back())) s.remove_suffix(1);
  return s;
}

// After a '.', a modifier, a multipath or a literal-ish selector starts a new pipe segment
// (gjson's isDotPiperChar). s is not empty.
bool starts_pipe_segment(std::string_view s) {
  char c = s[0];
  if (c == '@') {
    size_t i = 1;
    while (i < s.size() && s[i] != '.' && s[i] != '|' && s[i] != ':') ++i;
    return modifiers::exists(s.substr(1, i - 1));
  }
  return c == '[' || c == '{';
}

// ---- object path component ----

struct ObjectPath {
  std::string_view part, path, pipe;
  bool piped = false, wild = false, more = false;
  std::string unescaped;  // backing for `part` when the component had backslashes
};

void split_after_dot(std::string_view path, size_t i, std::string_view& rest,
                     std::string_view& pipe, bool& piped, bool& more) {
  if (i < path.size() - 1 && starts_pipe_segment(path.substr(i + 1))) {
    pipe = path.substr(i + 1);
    piped = true;
  } else {
    rest = path.substr(i + 1);
    more = true;
  }
}

void parse_object_path(std::string_view path, ObjectPath& r) {
  for (size_t i = 0; i < path.size(); ++i) {
    char ch = path[i];
    if (ch == '|') {
      r.part = path.substr(0, i);
      r.pipe = path.substr(i + 1);
      r.piped = true;
      return;
    }
    if (ch == '.') {
      r.part = path.substr(0, i);
      split_after_dot(path, i, r.path, r.pipe, r.piped, r.more);
      return;
    }
    if (ch == '*' || ch == '?') {
      r.wild = true;
      continue;
    }
    if (ch != '\\') continue;
    // Escaped component: collect it without the backslashes.
    std::string& e = r.unescaped;
    e.assign(path.substr(0, i));
    ++i;
    if (i < path.size()) {
      e.push_back(path[i]);
      for (++i; i < path.size(); ++i) {
        ch = path[i];
        if (ch == '\\') {
          ++i;
          if (i < path.size()) e.push_back(path[i]);
          continue;
        }
        if (ch == '.') {
          r.part = e;
          split_after_dot(path, i, r.path, r.pipe, r.piped, r.more);
          return;
        }
        if (ch == '|') {
          r.part = e;
          r.pipe = path.substr(i + 1);
          r.piped = true;
          return;
        }
        if (ch == '*' || ch == '?') r.wild = true;
        e.push_back(ch);
      }
    }
    r.part = e;
    return;
  }
  r.part = path;
}

// ---- array path component ----

struct ArrayPath {
  std::string_view part, path, pipe, alogkey;
  bool piped = false, more = false, alogok = false, arrch = false;
  bool query_on = false, query_all = false;
  std::string_view query_path, query_op, query_value;
  std::string query_value_buf;
};

// Splits `#(path op value)rest`; fi is the index just past the closing bracket.
bool parse_query(std::string_view q, std::string_view& path, std::string_view& op,
                 std::string_view& value, size_t& fi, bool& vesc) {
  vesc = false;
  if (q.size() < 2 || q[0] != '#' || (q[1] != '(' && q[1] != '[')) return false;
  size_t i = 2, j = 0;
  int depth = 1;
  for (; i < q.size(); ++i) {
    char ch = q[i];
    if (depth == 1 && j == 0 && (ch == '!' || ch == '=' || ch == '<' || ch == '>' || ch == '%')) {
      j = i;
      continue;
    }
    if (ch == '\\') {
      ++i;
    } else if (ch == '[' || ch == '(') {
      ++depth;
    } else if (ch == ']' || ch == ')') {
      if (--depth == 0) break;
    } else if (ch == '"') {
      for (++i; i < q.size(); ++i) {
        if (q[i] == '\\') {
          vesc = true;
          ++i;
        } else if (q[i] == '"') {
          break;
        }
      }
    }
  }
  if (depth > 0) return false;
  op = {};
  value = {};
  if (j > 0) {
    path = trim(q.substr(2, j - 2));
    std::string_view v = trim(q.substr(j, i - j));
    size_t opsz = 0;
    if (v.size() == 1) {
      opsz = 1;
    } else if ((v[0] == '!' || v[0] == '<' || v[0] == '>') &&
               (v[1] == '=' || (v[0] == '!' && v[1] == '%'))) {
      opsz = 2;
    } else if (v[0] == '=' && v[1] == '=') {
      v.remove_prefix(1);
      opsz = 1;
    } else if (v[0] == '<' || v[0] == '>' || v[0] == '=' || v[0] == '%') {
      opsz = 1;
    }
    op = v.substr(0, opsz);
    value = trim(v.substr(opsz));
  } else {
    path = trim(q.substr(2, i - 2));
  }
  fi = i + 1;
  return true;
}

void parse_array_path(std::string_view path, ArrayPath& r) {
  for (size_t i = 0; i < path.size(); ++i) {
    char ch = path[i];
    if (ch == '|') {
      r.part = path.substr(0, i);
      r.pipe = path.substr(i + 1);
      r.piped = true;
      return;
    }
    if (ch == '.') {
      r.part = path.substr(0, i);
      if (!r.arrch && i < path.size() - 1 && starts_pipe_segment(path.substr(i + 1))) {
        r.pipe = path.substr(i + 1);
        r.piped = true;
      } else {
        r.path = path.substr(i + 1);
        r.more = true;
      }
      return;
    }
    if (ch != '#') continue;
    r.arrch = true;
    if (i != 0 || path.size() <= 1) continue;
    if (path[1] == '.') {
      r.alogok = true;
      r.alogkey = path.substr(2);
      r.path = path.substr(0, 1);
    } else if (path[1] == '[' || path[1] == '(') {
      r.query_on = true;
      std::string_view qpath, op, value;
      size_t fi;
      bool vesc;
      if (!parse_query(path.substr(i), qpath, op, value, fi, vesc)) break;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
        if (vesc) {
          r.query_value_buf = scan::unescape(value);
          value = r.query_value_buf;
        }
      }
      r.query_path = qpath;
      r.query_op = op;
      r.query_value = value;
      i = fi - 1;
      if (i + 1 < path.size() && path[i + 1] == '#') r.query_all = true;
    }
  }
  r.part = path;
  r.path = {};
}

// ---- queries ----

bool truthy(const Value& v, bool want_true) {
  switch (v.type()) {
    case Type::kTrue:
      return want_true;
    case Type::kFalse:
    case Type::kNull:
      return !want_true;
    case Type::kString: {
      bool ok;
      bool b = scan::parse_bool(v.str(), ok);
      return ok && b == want_true;
    }
    case Type::kNumber:
      return (v.num() != 0) == want_true;
    default:
      return false;
  }
}

template <typename T>
bool compare(std::string_view op, const T& a, const T& b) {
  if (op == "=") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  return false;
}

bool query_matches(const ArrayPath& rp, Value value) {
  std::string_view rpv = rp.query_value;
  if (!rpv.empty() && rpv[0] == '~') {
    rpv.remove_prefix(1);
    bool ish = false, known = true;
    if (rpv == "*") {
      ish = value.exists();
    } else if (rpv == "null") {
      ish = value.type() == Type::kNull;
    } else if (rpv == "true") {
      ish = value.type() != Type::kNull && truthy(value, true);
    } else if (rpv == "false") {
      ish = truthy(value, false);
    } else {
      known = false;
    }
    if (known) {
      rpv = "true";
      value = Value::make(ish ? Type::kTrue : Type::kFalse, {}, {}, 0);
    } else {
      rpv = {};
      value = Value();
    }
  }
  if (!value.exists()) return false;
  std::string_view op = rp.query_op;
  if (op.empty()) return true;
  switch (value.type()) {
    case Type::kString:
      if (op == "%") return scan::match_limit(value.str(), rpv);
      if (op == "!%") return !scan::match_limit(value.str(), rpv);
      return compare(op, value.str(), rpv);
    case Type::kNumber:
      return compare(op, value.num(), scan::parse_float(rpv));
    case Type::kTrue:
      if (op == "=") return rpv == "true";
      if (op == "!=") return rpv != "true";
      if (op == ">") return rpv == "false";
      return op == ">=";
    case Type::kFalse:
      if (op == "=") return rpv == "false";
      if (op == "!=") return rpv != "false";
      if (op == "<") return rpv == "true";
      return op == "<=";
    default:
      return false;
  }
}

// Splits "left|right" at the first pipe that is not inside a selector.
bool split_possible_pipe(std::string_view path, std::string_view& left, std::string_view& right) {
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
      char open = path[i], close = open == '[' ? ']' : ')';
      int depth = 1;
      for (++i; i < path.size(); ++i) {
        if (path[i] == '\\') {
          ++i;
        } else if (path[i] == open) {
          ++depth;
        } else if (path[i] == close) {
          if (--depth == 0) break;
        } else if (path[i] == '"') {
          for (++i; i < path.size(); ++i) {
            if (path[i] == '\\') {
              ++i;
            } else if (path[i] == '"') {
              break;
            }
          }
        }
      }
    } else if (ch == '|') {
      left = path.substr(0, i);
      right = path.substr(i + 1);
      return true;
    }
  }
  return false;
}

// The raw text a computed result contributes to an aggregate.
void append_result(std::string& out, const Value& v) {
  if (!v.raw().empty()) {
    out.append(v.raw());
  } else {
    out.append(v.to_string());
  }
}

// ---- walkers ----

Step walk_object(Ctx& c, size_t i, std::string_view path) {
  ObjectPath rp;
  parse_object_path(path, rp);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  const std::string_view json = c.json;
  const size_t n = json.size();
  while (i < n) {
    std::string_view key;
    bool kesc = false, ok = false;
    for (; i < n; ++i) {
      if (json[i] == '"') {
        size_t s = ++i;
        i = scan::string_end(json, i, kesc, ok);
        key = ok ? json.substr(s, i - 1 - s) : json.substr(s);
        break;
      }
      if (json[i] == '}') return {i + 1, false};
    }
    if (!ok) return {i, false};
    bool pmatch;
    if (rp.wild) {
      pmatch =
          kesc ? scan::match_limit(scan::unescape(key), rp.part) : scan::match_limit(key, rp.part);
    } else {
      pmatch = kesc ? scan::unescape(key) == rp.part : key == rp.part;
    }
    bool hit = pmatch && !rp.more;
    for (; i < n; ++i) {
      const scan::ValueKind kind = scan::value_kind(json, i);
      if (kind == scan::ValueKind::kNone) continue;
      if (kind == scan::ValueKind::kContainer && pmatch && !hit) {
        // The key matched and the path goes on: descend instead of skipping.
        Step st = json[i] == '{' ? walk_object(c, i + 1, rp.path) : walk_array(c, i + 1, rp.path);
        i = st.i;
        if (st.hit) return st;
        break;
      }
      const size_t s = i;
      bool vesc, vok;
      i = scan::value_end(json, i, kind, vesc, vok);
      if (!vok) return {i, false};
      if (hit) {
        c.value = internal::value_of(kind, json.substr(s, i - s), vesc);
        return {i, true};
      }
      break;
    }
  }
  return {i, false};
}

// `#.key` projection over the elements whose starts were logged.
Value project(Ctx& c, ArrayPath& rp, const std::vector<size_t>& starts) {
  std::string_view left, right;
  if (split_possible_pipe(rp.alogkey, left, right)) {
    rp.alogkey = left;
    c.pipe = right;
    c.piped = true;
  }
  const std::string_view json = c.json;
  std::string out = "[";
  int k = 0;
  for (size_t idx : starts) {
    while (idx < json.size() &&
           (json[idx] == ' ' || json[idx] == '\t' || json[idx] == '\r' || json[idx] == '\n')) {
      ++idx;
    }
    if (idx >= json.size() || json[idx] == ']') continue;
    Value elem;
    if (!internal::parse_any(json, idx, elem)) continue;
    Value r = elem.get(rp.alogkey);
    if (!r.exists()) continue;
    if (k++ > 0) out.push_back(',');
    append_result(out, r);
  }
  out.push_back(']');
  return internal::owned_json(std::move(out));
}

Step walk_array(Ctx& c, size_t i, std::string_view path) {
  ArrayPath rp;
  parse_array_path(path, rp);
  int64_t partidx = -1;
  if (!rp.arrch) {
    uint64_t u;
    if (scan::parse_uint(rp.part, u)) partidx = static_cast<int64_t>(u);
  }
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  std::string multires;
  auto proc_query = [&](const Value& qval) -> bool {
    if (rp.query_all && multires.empty()) multires.push_back('[');
    Value res;
    if (qval.type() == Type::kJson) {
      res = qval.get(rp.query_path);
    } else {
      if (!rp.query_path.empty()) return false;
      res = qval;
    }
    if (!query_matches(rp, res)) return false;
    if (rp.more) {
      std::string_view left, right;
      if (split_possible_pipe(rp.path, left, right)) {
        rp.path = left;
        c.pipe = right;
        c.piped = true;
      }
      res = qval.get(rp.path);
    } else {
      res = qval;
    }
    if (!rp.query_all) {
      c.value = res;
      return true;
    }
    std::string text;
    append_result(text, res);
    if (!text.empty()) {
      if (multires.size() > 1) multires.push_back(',');
      multires.append(text);
    }
    return false;
  };

  const std::string_view json = c.json;
  const size_t n = json.size();
  std::vector<size_t> starts;
  int64_t h = 0;
  while (i < n + 1) {
    bool pmatch = false, hit = false;
    if (!rp.arrch) {
      pmatch = partidx == h;
      hit = pmatch && !rp.more;
    }
    ++h;
    if (rp.alogok) starts.push_back(i);
    for (;; ++i) {
      if (i > n) break;
      if (i == n || json[i] == ']') {
        // The end of the array (the end of the text counts as one, as in gjson).
        if (rp.arrch && rp.part == "#") {
          if (rp.alogok) {
            c.value = project(c, rp, starts);
            return {i + 1, true};
          }
          c.value = Value::own_raw(std::to_string(h - 1));
          return {i + 1, true};
        }
        if (!c.value.exists()) {
          if (!multires.empty()) {
            multires.push_back(']');
            c.value = internal::owned_json(std::move(multires));
          } else if (rp.query_all) {
            c.value = internal::owned_json("[]");
          }
        }
        return {i + 1, false};
      }
      const scan::ValueKind kind = scan::value_kind(json, i);
      if (kind == scan::ValueKind::kNone) continue;
      if (kind == scan::ValueKind::kContainer && pmatch && !hit) {
        // The index matched and the path goes on: descend instead of skipping.
        Step st = json[i] == '{' ? walk_object(c, i + 1, rp.path) : walk_array(c, i + 1, rp.path);
        i = st.i;
        hit = st.hit;
        if (hit && !rp.alogok) return st;
        break;
      }
      const size_t s = i;
      bool vesc, vok;
      i = scan::value_end(json, i, kind, vesc, vok);
      if (!vok) return {i, false};
      if (rp.query_on) {
        if (proc_query(internal::value_of(kind, json.substr(s, i - s), vesc))) return {i, true};
      } else if (hit && !rp.alogok) {
        c.value = internal::value_of(kind, json.substr(s, i - s), vesc);
        return {i, true};
      }
      break;
    }
  }
  return {i, false};
}

// ---- path prefixes: modifiers, literals, multipaths ----

// `@name[:arg]rest`. On success, rest is what follows the modifier and its argument.
bool exec_modifier(std::string_view json, std::string_view path, std::string_view& rest,
                   modifiers::Output& out) {
  std::string_view name = path.substr(1);
  bool has_args = false;
  rest = {};
  for (size_t i = 1; i < path.size(); ++i) {
    char ch = path[i];
    if (ch == ':') {
      rest = path.substr(i + 1);
      name = path.substr(1, i - 1);
      has_args = !rest.empty();
      break;
    }
    if (ch == '|' || ch == '.') {
      rest = path.substr(i);
      name = path.substr(1, i - 1);
      break;
    }
  }
  if (!modifiers::exists(name)) return false;
  std::string_view args;
  if (has_args) {
    bool parsed = false;
    char lead = rest[0];
    if ((lead == '{' || lead == '[' || lead == '"') && internal::parse(rest).exists()) {
      args = scan::squash(rest);
      rest.remove_prefix(args.size());
      parsed = true;
    }
    if (!parsed) {
      size_t i = 0;
      for (; i < rest.size(); ++i) {
        char ch = rest[i];
        if (ch == '|') break;
        if (ch == '{' || ch == '[' || ch == '"' || ch == '(') {
          i += scan::squash(rest.substr(i)).size() - 1;
        }
      }
      args = rest.substr(0, i);
      rest.remove_prefix(i);
    }
  }
  return modifiers::run(name, json, args, out);
}

bool lower_equals(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch != lower[i]) return false;
  }
  return true;
}

// `!literal[rest]`: a JSON value written in the path.
bool exec_static(std::string_view path, std::string_view& rest, std::string& out) {
  std::string_view name = path.substr(1);
  rest = {};
  if (!name.empty()) {
    char ch = name[0];
    if (ch == '{' || ch == '[' || ch == '"' || ch == '+' || ch == '-' || (ch >= '0' && ch <= '9')) {
      std::string_view lit = name.substr(0, scan::skip_container(name, 0));
      out.assign(lit);
      rest = name.substr(lit.size());
      return true;
    }
  }
  for (size_t i = 1; i < path.size(); ++i) {
    if (path[i] == '|' || path[i] == '.') {
      rest = path.substr(i);
      name = path.substr(1, i - 1);
      break;
    }
  }
  for (std::string_view lit : {"true", "false", "null", "nan", "inf"}) {
    if (lower_equals(name, lit)) {
      out.assign(name);
      return true;
    }
  }
  return false;
}

struct SubSelector {
  std::string_view name, path;
};

// `[a,b]` or `{a,"n":b}`: the selectors and what follows the closing bracket.
bool parse_sub_selectors(std::string_view path, std::vector<SubSelector>& sels,
                         std::string_view& rest) {
  size_t modifier = 0, colon = 0, start = 1;
  int depth = 1;
  auto push = [&](size_t i) {
    SubSelector sel;
    if (colon == 0) {
      sel.path = path.substr(start, i - start);
    } else {
      sel.name = path.substr(start, colon - start);
      sel.path = path.substr(colon + 1, i - colon - 1);
    }
    sels.push_back(sel);
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  for (size_t i = 1; i < path.size(); ++i) {
    switch (path[i]) {
      case '\\':
        ++i;
        break;
      case '@':
        if (modifier == 0 && (path[i - 1] == '.' || path[i - 1] == '|')) modifier = i;
        break;
      case ':':
        if (modifier == 0 && colon == 0 && depth == 1) colon = i;
        break;
      case ',':
        if (depth == 1) push(i);
        break;
      case '"':
        for (++i; i < path.size(); ++i) {
          if (path[i] == '\\') {
            ++i;
          } else if (path[i] == '"') {
            break;
          }
        }
        break;
      case '[':
      case '(':
      case '{':
        ++depth;
        break;
      case ']':
      case ')':
      case '}':
        if (--depth == 0) {
          push(i);
          rest = path.substr(i + 1);
          return true;
        }
        break;
      default:
        break;
    }
  }
  rest = {};
  return false;
}

// The last component of a path, used to name a multipath member.
std::string_view name_of_last(std::string_view path) {
  for (size_t i = path.size(); i-- > 0;) {
    if (path[i] == '|' || path[i] == '.') {
      if (i > 0 && path[i - 1] == '\\') continue;
      return path.substr(i + 1);
    }
  }
  return path;
}

bool is_simple_name(std::string_view s) {
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) < ' ') return false;
    switch (ch) {
      case '[':
      case ']':
      case '{':
      case '}':
      case '(':
      case ')':
      case '#':
      case '|':
      case '!':
        return false;
      default:
        break;
    }
  }
  return true;
}

Value multipath(std::string_view json, char kind, const std::vector<SubSelector>& subs) {
  std::string b(1, kind);
  int k = 0;
  for (const SubSelector& sub : subs) {
    Value res = get(json, sub.path);
    if (!res.exists()) continue;
    if (k++ > 0) b.push_back(',');
    if (kind == '{') {
      if (!sub.name.empty()) {
        if (sub.name[0] == '"' && valid(sub.name)) {
          b.append(sub.name);
        } else {
          append_go_string(b, sub.name);
        }
      } else {
        std::string_view last = name_of_last(sub.path);
        append_go_string(b, is_simple_name(last) ? last : std::string_view("_"));
      }
      b.push_back(':');
    }
    if (res.raw().empty()) {
      std::string s = res.to_string();
      b.append(s.empty() ? std::string("null") : s);
    } else {
      b.append(res.raw());
    }
  }
  b.push_back(static_cast<char>(kind + 2));  // '[' -> ']', '{' -> '}'
  return internal::owned_json(std::move(b));
}

// Runs the rest of a path over computed (owned) or viewed text.
Value continue_on(modifiers::Output& out, std::string_view rest) {
  bool go_on = !rest.empty() && (rest[0] == '|' || rest[0] == '.');
  if (out.is_view) return go_on ? get(out.view, rest.substr(1)) : internal::parse(out.view);
  if (go_on) return internal::owned_text(std::move(out.text)).get(rest.substr(1));
  return Value::own_raw(std::move(out.text));
}

// Whether an empty path can match anything in `json`. It is gjson's walk with an empty key,
// which matches only an object key that reads as "": the two bytes `""`, or a key with
// escapes whose unescaping stops at once (at a control character or a bad escape). A
// document with neither `""` nor a backslash anywhere therefore gives a miss, which is
// what an unset batch key asks of every event, so it is worth a vectorised check.
bool may_match_empty_key(std::string_view json) {
  const char* p = json.data();
  const size_t n = json.size();
  size_t i = 0;
#if SUB_JSON_SIMD
  // 16 positions at a time: a quote whose next byte is a quote, or a backslash.
  const simd::Vec quote = simd::splat('"');
  const simd::Vec slash = simd::splat('\\');
  for (; i + 17 <= n; i += 16) {
    const simd::Vec here = simd::load(p + i);
    const simd::Vec next = simd::load(p + i + 1);
    const simd::Vec pair = simd::both(simd::eq(here, quote), simd::eq(next, quote));
    if (simd::any(simd::either(pair, simd::eq(here, slash)))) return true;
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '\\' || (p[i] == '"' && i + 1 < n && p[i + 1] == '"')) return true;
  }
  return false;
}

}  // namespace

Value get(std::string_view json, std::string_view path) {
  if (path.empty() && !may_match_empty_key(json)) return Value();
  if (path.size() > 1) {
    if (path[0] == '@' || path[0] == '!') {
      std::string_view rest;
      modifiers::Output out;
      bool ok;
      if (path[0] == '@') {
        ok = exec_modifier(json, path, rest, out);
      } else {
        std::string text;
        ok = exec_static(path, rest, text);
        if (ok) out.set_text(std::move(text));
      }
      if (ok) return continue_on(out, rest);
    }
    if (path[0] == '[' || path[0] == '{') {
      char kind = path[0];
      std::vector<SubSelector> subs;
      std::string_view rest;
      bool ok = parse_sub_selectors(path, subs, rest);
      path = rest;
      if (ok && (path.empty() || path[0] == '|' || path[0] == '.')) {
        Value res = multipath(json, kind, subs);
        if (!path.empty()) return res.get(path.substr(1));
        return res;
      }
    }
  }
  Ctx c{json, {}, {}, false};
  if (path.size() >= 2 && path[0] == '.' && path[1] == '.') {
    walk_array(c, 0, path.substr(2));
  } else {
    for (size_t i = 0; i < json.size(); ++i) {
      if (json[i] == '{') {
        walk_object(c, i + 1, path);
        break;
      }
      if (json[i] == '[') {
        walk_array(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return c.value.get(c.pipe);
  return c.value;
}

}  // namespace sub::json
