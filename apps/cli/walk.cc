#include "apps/cli/walk.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/error.h"

namespace sub::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 256;

// filepath.Join of a walked directory and an entry name.
std::string join(const std::string& dir, const std::string& name) {
  if (dir == "." || dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

void walk(const std::string& dir, bool recursive, int depth,
          const std::function<void(const std::string&)>& visit) {
  if (depth > kMaxDepth) {
    throw Error("open " + dir + ": more than " + std::to_string(kMaxDepth) + " nested directories");
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) throw Error("open " + dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    const std::string path = join(dir, name);
    if (fs::is_directory(fs::symlink_status(path, ec))) {
      if (recursive) walk(path, recursive, depth + 1, visit);
    } else {
      visit(path);
    }
  }
}

}  // namespace

bool has_extension(const std::string& path, std::initializer_list<std::string_view> exts) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  const std::string_view ext = std::string_view(path).substr(dot);
  return std::find(exts.begin(), exts.end(), ext) != exts.end();
}

void walk_files(const std::string& dir, bool recursive,
                const std::function<void(const std::string&)>& visit) {
  walk(dir, recursive, 0, visit);
}

void visit_path(const std::string& path, bool recursive,
                const std::function<void(const std::string&)>& visit) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) {
    throw Error("lstat " + path + ": no such file or directory");
  }
  if (ec) throw Error("lstat " + path + ": " + ec.message());
  if (fs::is_directory(st)) {
    walk_files(path, recursive, visit);
  } else {
    visit(path);
  }
}

}  // namespace sub::cli
