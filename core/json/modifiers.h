// gjson modifiers (`@name[:arg]`), including Substation's @dedupe. Internal to the reader.
#pragma once

#include <string>
#include <string_view>

namespace sub::json::modifiers {

// The output of a modifier: either a view of its input (unchanged or a part of it) or
// new text.
struct Output {
  bool is_view = false;
  std::string_view view;
  std::string text;

  void set_view(std::string_view v) {
    is_view = true;
    view = v;
  }
  void set_text(std::string t) {
    is_view = false;
    text = std::move(t);
  }
};

// True when `name` (without '@') is a known modifier.
bool exists(std::string_view name);

// Runs modifier `name` over `json` with argument `arg` (empty when none). Returns false
// for an unknown name.
bool run(std::string_view name, std::string_view json, std::string_view arg, Output& out);

// tidwall/pretty.PrettyOptions with gjson's defaults (width 80, two-space indent).
struct PrettyOptions {
  int width = 80;
  std::string prefix;
  std::string indent = "  ";
  bool sort_keys = false;
};
std::string pretty(std::string_view json, const PrettyOptions& opts);

}  // namespace sub::json::modifiers
