#include "config/jsonnet_position.h"

#include <utility>

namespace sub::config {
namespace {

// A decimal number making up all of `s` (at most 9 digits), or nullopt.
std::optional<size_t> whole_number(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  size_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

// `L:C` as a pair, or nullopt.
std::optional<std::pair<size_t, size_t>> line_column(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::optional<size_t> line = whole_number(s.substr(0, colon));
  const std::optional<size_t> column = whole_number(s.substr(colon + 1));
  if (!line || !column) return std::nullopt;
  return std::pair{*line, *column};
}

// `file:(L1:C1)-(L2:C2)`.
std::optional<JsonnetPosition> parse_range(std::string_view token) {
  const size_t dash = token.rfind(")-(");
  if (dash == std::string_view::npos || token.back() != ')') return std::nullopt;
  const size_t open = token.rfind(":(", dash);
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  const auto from = line_column(token.substr(open + 2, dash - open - 2));
  const auto to = line_column(token.substr(dash + 3, token.size() - dash - 4));
  if (!from || !to) return std::nullopt;
  return JsonnetPosition{std::string(token.substr(0, open)), from->first, from->second, to->first,
                         to->second};
}

// `file:L:C` or `file:L:C-E`.
std::optional<JsonnetPosition> parse_point(std::string_view token) {
  const size_t column_colon = token.rfind(':');
  if (column_colon == std::string_view::npos || column_colon == 0) return std::nullopt;
  const size_t line_colon = token.rfind(':', column_colon - 1);
  if (line_colon == std::string_view::npos || line_colon == 0) return std::nullopt;
  const std::optional<size_t> line =
      whole_number(token.substr(line_colon + 1, column_colon - line_colon - 1));
  std::string_view columns = token.substr(column_colon + 1);
  std::optional<size_t> end = 0;
  const size_t dash = columns.find('-');
  if (dash != std::string_view::npos) {
    end = whole_number(columns.substr(dash + 1));
    columns = columns.substr(0, dash);
  }
  const std::optional<size_t> column = whole_number(columns);
  if (!line || !column || !end) return std::nullopt;
  return JsonnetPosition{std::string(token.substr(0, line_colon)), *line, *column,
                         *end == 0 ? 0 : *line, *end};
}

}  // namespace

std::optional<JsonnetPosition> JsonnetPosition::parse(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (token.back() == ')') return parse_range(token);
  return parse_point(token);
}

}  // namespace sub::config
