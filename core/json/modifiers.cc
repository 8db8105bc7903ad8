#include "core/json/modifiers.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/deep_stack.h"
#include "core/json/encode.h"
#include "core/json/internal.h"
#include "core/json/path.h"
#include "core/json/scan.h"

namespace sub::json::modifiers {
namespace {

using Fn = void (*)(std::string_view json, std::string_view arg, Output& out);

// gjson's unwrap: trims, then drops the outer brackets of an array or object.
std::string_view unwrap(std::string_view s) {
  while (!s.empty() && scan::is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && scan::is_space(s.back())) s.remove_suffix(1);
  if (s.size() >= 2 && (s[0] == '[' || s[0] == '{')) s = s.substr(1, s.size() - 2);
  return s;
}

bool go_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && go_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && go_space(s.back())) s.remove_suffix(1);
  return s;
}

// Reads a boolean option such as {"deep":true} from a modifier argument.
bool bool_option(std::string_view arg, std::string_view name) {
  bool result = false;
  if (arg.empty()) return false;
  internal::parse(arg).for_each([&](const Value& k, const Value& v) {
    if (k.to_string() == name) result = v.to_bool();
    return true;
  });
  return result;
}

void mod_this(std::string_view json, std::string_view, Output& out) { out.set_view(json); }

void mod_ugly(std::string_view json, std::string_view, Output& out) {
  std::string s;
  append_compact(s, json);
  out.set_text(std::move(s));
}

// The modifiers that walk nested values recursively (@pretty, @dig, @flatten:deep) give no
// value for input nested deeper than Go's encoding/json allows, the same depth at which
// json::valid says the input is not JSON: the walk never runs out of stack.
bool too_deep(std::string_view json) { return scan::nests_deeper_than(json, kMaxNestingDepth); }

// Runs a recursive walk on a stack that holds 10,000 levels when the input is not shallow.
template <class F>
void walk(std::string_view json, const F& f) {
  if (!scan::nests_deeper_than(json, kShallowNesting)) return f();
  with_deep_stack(f);
}

void mod_pretty(std::string_view json, std::string_view arg, Output& out) {
  if (too_deep(json)) return out.set_text("");
  PrettyOptions opts;
  if (!arg.empty()) {
    // Only whitespace survives in indent and prefix.
    auto ws_only = [](const std::string& s) {
      std::string r;
      for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') r.push_back(c);
      }
      return r;
    };
    internal::parse(arg).for_each([&](const Value& k, const Value& v) {
      std::string key = k.to_string();
      if (key == "sortKeys") {
        opts.sort_keys = v.to_bool();
      } else if (key == "indent") {
        opts.indent = ws_only(v.to_string());
      } else if (key == "prefix") {
        opts.prefix = ws_only(v.to_string());
      } else if (key == "width") {
        opts.width = static_cast<int>(v.to_int());
      }
      return true;
    });
  }
  walk(json, [&] { out.set_text(pretty(json, opts)); });
}

void mod_reverse(std::string_view json, std::string_view, Output& out) {
  Value res = internal::parse(json);
  if (!res.is_array() && !res.is_object()) {
    out.set_view(json);
    return;
  }
  bool obj = res.is_object();
  std::vector<std::pair<std::string_view, std::string_view>> items;
  res.for_each([&](const Value& k, const Value& v) {
    items.emplace_back(k.raw(), v.raw());
    return true;
  });
  std::string s(1, obj ? '{' : '[');
  for (size_t n = items.size(); n-- > 0;) {
    if (n + 1 != items.size()) s.push_back(',');
    if (obj) {
      s.append(items[n].first);
      s.push_back(':');
    }
    s.append(items[n].second);
  }
  s.push_back(obj ? '}' : ']');
  out.set_text(std::move(s));
}

std::string flatten(std::string_view json, bool deep) {
  std::string s = "[";
  int idx = 0;
  internal::parse(json).for_each([&](const Value&, const Value& v) {
    std::string nested;
    std::string_view raw = v.raw();
    if (v.is_array()) {
      if (deep) {
        nested = flatten(raw, true);
        raw = nested;
      }
      raw = unwrap(raw);
    }
    raw = trim_space(raw);
    if (!raw.empty()) {
      if (idx++ > 0) s.push_back(',');
      s.append(raw);
    }
    return true;
  });
  s.push_back(']');
  return s;
}

void mod_flatten(std::string_view json, std::string_view arg, Output& out) {
  if (!internal::parse(json).is_array()) {
    out.set_view(json);
    return;
  }
  const bool deep = bool_option(arg, "deep");
  if (deep && too_deep(json)) return out.set_text("");
  walk(json, [&] { out.set_text(flatten(json, deep)); });
}

void mod_keys(std::string_view json, std::string_view, Output& out) {
  Value v = internal::parse(json);
  if (!v.exists()) {
    out.set_text("[]");
    return;
  }
  bool obj = v.is_object();
  std::string s = "[";
  int i = 0;
  v.for_each([&](const Value& k, const Value&) {
    if (i++ > 0) s.push_back(',');
    s.append(obj ? k.raw() : std::string_view("null"));
    return true;
  });
  s.push_back(']');
  out.set_text(std::move(s));
}

void mod_values(std::string_view json, std::string_view, Output& out) {
  Value v = internal::parse(json);
  if (!v.exists()) {
    out.set_text("[]");
    return;
  }
  if (v.is_array()) {
    out.set_view(json);
    return;
  }
  std::string s = "[";
  int i = 0;
  v.for_each([&](const Value&, const Value& val) {
    if (i++ > 0) s.push_back(',');
    s.append(val.raw());
    return true;
  });
  s.push_back(']');
  out.set_text(std::move(s));
}

void mod_join(std::string_view json, std::string_view arg, Output& out) {
  Value res = internal::parse(json);
  if (!res.is_array()) {
    out.set_view(json);
    return;
  }
  std::string s = "{";
  if (bool_option(arg, "preserve")) {
    int idx = 0;
    res.for_each([&](const Value&, const Value& v) {
      if (!v.is_object()) return true;
      if (idx++ > 0) s.push_back(',');
      s.append(unwrap(v.raw()));
      return true;
    });
  } else {
    // Later values win; keys keep the order of their first appearance.
    std::vector<Value> keys;
    std::unordered_map<std::string, Value> vals;
    res.for_each([&](const Value&, const Value& obj) {
      if (!obj.is_object()) return true;
      obj.for_each([&](const Value& k, const Value& v) {
        auto [it, fresh] = vals.try_emplace(k.to_string(), v);
        if (fresh) {
          keys.push_back(k);
        } else {
          it->second = v;
        }
        return true;
      });
      return true;
    });
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) s.push_back(',');
      s.append(keys[i].raw());
      s.push_back(':');
      s.append(vals[keys[i].to_string()].raw());
    }
  }
  s.push_back('}');
  out.set_text(std::move(s));
}

void mod_valid(std::string_view json, std::string_view, Output& out) {
  if (valid(json)) {
    out.set_view(json);
  } else {
    out.set_text("");
  }
}

void mod_fromstr(std::string_view json, std::string_view, Output& out) {
  if (!valid(json)) {
    out.set_text("");
    return;
  }
  out.set_text(internal::parse(json).to_string());
}

void mod_tostr(std::string_view json, std::string_view, Output& out) {
  std::string s;
  append_go_string(s, json);
  out.set_text(std::move(s));
}

void mod_group(std::string_view json, std::string_view, Output& out) {
  Value res = internal::parse(json);
  if (!res.is_object()) {
    out.set_text("");
    return;
  }
  std::vector<std::string> rows;
  res.for_each([&](const Value& k, const Value& arr) {
    if (!arr.is_array()) return true;
    size_t idx = 0;
    arr.for_each([&](const Value&, const Value& v) {
      if (idx == rows.size()) rows.emplace_back();
      std::string& row = rows[idx++];
      row.push_back(',');
      row.append(k.raw());
      row.push_back(':');
      row.append(v.raw());
      return true;
    });
    return true;
  });
  std::string s = "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) s.push_back(',');
    s.push_back('{');
    s.append(std::string_view(rows[i]).substr(1));
    s.push_back('}');
  }
  s.push_back(']');
  out.set_text(std::move(s));
}

// @dig visits every value under the input once per path that reaches it. In valid JSON each
// value has one path, and the walk costs what the reference's does. In broken JSON an
// unclosed bracket makes a value's text run to the end of the input, so values overlap: a
// value turns up again under each of its siblings, and the visits grow exponentially with
// the brackets (gjson's do too: nested @dig over 20 unclosed brackets does not finish). So a
// walk over input that is not valid JSON has a budget, in values visited and in bytes (the
// text of each value visited, which the visit reads, and of each result, which it writes);
// past it @dig has no value. Small broken inputs stay well inside it and give the
// reference's bytes. A @dig nested in the path of one over broken input (`@dig:@dig:...`,
// run once per value visited) draws from the outer walk's budget, so nesting adds to the
// work instead of multiplying it.
struct DigBudget {
  size_t values;
  size_t bytes;
  bool limited;

  static DigBudget for_input(std::string_view json) {
    if (valid(json)) return {0, 0, false};
    return {4096 + 16 * json.size(), (size_t{64} << 10) + 16 * json.size(), true};
  }
  // Each returns false once the walk has used up the budget.
  bool visit(std::string_view raw) {
    if (!limited) return true;
    if (values == 0) return false;
    --values;
    return write(raw);
  }
  bool write(std::string_view text) {
    if (!limited) return true;
    if (bytes < text.size()) return false;
    bytes -= text.size();
    return true;
  }
};

bool dig(const Value& parent, std::string_view path, std::string& s, int& n, DigBudget& budget) {
  if (!budget.visit(parent.raw())) return false;
  Value res = parent.get(path);
  if (res.exists()) {
    if (!budget.write(res.raw())) return false;
    if (n++ > 0) s.push_back(',');
    s.append(res.raw());
  }
  bool ok = true;
  if (parent.is_array() || parent.is_object()) {
    parent.for_each([&](const Value&, const Value& v) {
      ok = dig(v, path, s, n, budget);
      return ok;
    });
  }
  return ok;
}

// The budget of the outermost @dig over broken input running on this thread, for the @dig
// calls nested in its path (they are reached through get(), which has no place for it). Set
// only for the duration of that walk, on the thread that runs it, and never shared between
// threads: a hidden argument rather than shared state.
thread_local DigBudget* t_outer_budget = nullptr;

void mod_dig(std::string_view json, std::string_view arg, Output& out) {
  if (too_deep(json)) return out.set_text("");
  std::string s = "[";
  int n = 0;
  DigBudget* const outer = t_outer_budget;
  DigBudget own = outer != nullptr ? DigBudget{0, 0, false} : DigBudget::for_input(json);
  DigBudget& budget = outer != nullptr ? *outer : own;
  bool ok = true;
  walk(json, [&] {
    // Set on the thread that runs the walk (a deep input runs it on a thread of its own).
    struct Scope {
      DigBudget* saved;
      explicit Scope(DigBudget* b) : saved(t_outer_budget) { t_outer_budget = b; }
      ~Scope() { t_outer_budget = saved; }
    } scope(budget.limited ? &budget : t_outer_budget);
    ok = dig(internal::parse(json), arg, s, n, budget);
  });
  if (!ok) return out.set_text("");
  s.push_back(']');
  out.set_text(std::move(s));
}

// Substation's @dedupe: drops array elements whose raw text was already seen.
void mod_dedupe(std::string_view json, std::string_view, Output& out) {
  Value res = internal::parse(json);
  if (!res.is_array()) {
    out.set_view(json);
    return;
  }
  std::unordered_set<std::string_view> seen;
  std::string s = "[";
  res.for_each([&](const Value&, const Value& v) {
    if (!seen.insert(v.raw()).second) return true;
    if (seen.size() > 1) s.push_back(',');
    s.append(v.raw());
    return true;
  });
  s.push_back(']');
  out.set_text(std::move(s));
}

struct Entry {
  std::string_view name;
  Fn fn;
};

constexpr Entry kModifiers[] = {
    {"pretty", mod_pretty}, {"ugly", mod_ugly},       {"reverse", mod_reverse},
    {"this", mod_this},     {"flatten", mod_flatten}, {"join", mod_join},
    {"valid", mod_valid},   {"keys", mod_keys},       {"values", mod_values},
    {"tostr", mod_tostr},   {"fromstr", mod_fromstr}, {"group", mod_group},
    {"dig", mod_dig},       {"dedupe", mod_dedupe},
};

Fn find(std::string_view name) {
  for (const Entry& e : kModifiers) {
    if (e.name == name) return e.fn;
  }
  return nullptr;
}

}  // namespace

bool exists(std::string_view name) { return find(name) != nullptr; }

bool run(std::string_view name, std::string_view json, std::string_view arg, Output& out) {
  Fn fn = find(name);
  if (fn == nullptr) return false;
  fn(json, arg, out);
  return true;
}

}  // namespace sub::json::modifiers
