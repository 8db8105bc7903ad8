#include "config/one_line_library.h"

#include <algorithm>

namespace sub::config {

std::string one_line_library(std::string_view library) {
  std::string out;
  out.reserve(library.size());
  size_t at = 0;
  while (at < library.size()) {
    size_t end = library.find('\n', at);
    if (end == std::string_view::npos) end = library.size();
    std::string_view line = library.substr(at, end - at);
    at = end + 1;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    if (line.starts_with("//") || line.starts_with("#")) continue;
    const bool unsure =
        line.find("//") != std::string_view::npos || line.find('#') != std::string_view::npos ||
        line.find("/*") != std::string_view::npos || line.find("|||") != std::string_view::npos ||
        std::count(line.begin(), line.end(), '\'') % 2 != 0 ||
        std::count(line.begin(), line.end(), '"') % 2 != 0;
    if (unsure) return {};
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    out.append(line);
    out.push_back(' ');
  }
  return out;
}

}  // namespace sub::config
