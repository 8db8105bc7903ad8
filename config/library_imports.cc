#include "config/library_imports.h"

#include <sys/stat.h>

#include "config/jsonnet.h"

namespace sub::config {
namespace {

bool identifier_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `path`, imported from `base`, names something on disk.
bool names_a_file(std::string_view base, std::string_view path) {
  struct stat st;
  return ::stat(import_path(base, path).c_str(), &st) == 0;
}

}  // namespace

std::string import_path(std::string_view base, std::string_view rel) {
  if (!rel.empty() && rel.front() == '/') return std::string(rel);
  std::string path(base);
  path += rel;
  return path;
}

std::vector<std::pair<size_t, size_t>> library_imports(std::string_view source,
                                                       std::string_view base, bool files_refused) {
  std::vector<std::pair<size_t, size_t>> found;
  if (source.find("|||") != std::string_view::npos) return found;
  const size_t n = source.size();
  size_t i = 0;
  while (i < n) {
    const char c = source[i];
    if (c == '#' || (c == '/' && i + 1 < n && source[i + 1] == '/')) {
      const size_t eol = source.find('\n', i);
      i = eol == std::string_view::npos ? n : eol + 1;
    } else if (c == '/' && i + 1 < n && source[i + 1] == '*') {
      const size_t close = source.find("*/", i + 2);
      i = close == std::string_view::npos ? n : close + 2;
    } else if (c == '@' && i + 1 < n && (source[i + 1] == '\'' || source[i + 1] == '"')) {
      // A verbatim string: a doubled quote stands for one.
      const char q = source[i + 1];
      for (i += 2; i < n; ++i) {
        if (source[i] != q) continue;
        if (i + 1 < n && source[i + 1] == q) {
          ++i;
          continue;
        }
        ++i;
        break;
      }
    } else if (c == '\'' || c == '"') {
      for (++i; i < n && source[i] != c; ++i) {
        if (source[i] == '\\') ++i;
      }
      ++i;
    } else if (identifier_byte(c)) {
      const size_t start = i;
      while (i < n && identifier_byte(source[i])) ++i;
      if (source.substr(start, i - start) != "import") continue;
      size_t at = i;
      while (at < n && space(source[at])) ++at;
      if (at >= n || (source[at] != '\'' && source[at] != '"')) continue;
      const size_t close = source.find(source[at], at + 1);
      if (close == std::string_view::npos) continue;
      const std::string_view path = source.substr(at + 1, close - at - 1);
      if (path.find('\\') != std::string_view::npos || path.find('\n') != std::string_view::npos) {
        continue;  // escapes: left to libjsonnet
      }
      const size_t slash = path.rfind('/');
      const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
      if (last == kLibraryFileName && (files_refused || !names_a_file(base, path))) {
        found.emplace_back(start, close + 1);
      }
      i = close + 1;
    } else {
      ++i;
    }
  }
  return found;
}

}  // namespace sub::config
