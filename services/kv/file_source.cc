#include "services/kv/file_source.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "services/http/client.h"

namespace sub::kv {
namespace {

constexpr std::chrono::seconds kHttpTimeout{30};

bool has_prefix(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

}  // namespace

std::string load_file(const std::string& location) {
  std::string content;
  struct stat st;
  if (::stat(location.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    std::ifstream in(location, std::ios::binary);
    if (!in) throw Error("cannot open file: " + location);
    std::ostringstream buf;
    buf << in.rdbuf();
    content = std::move(buf).str();
  } else if (has_prefix(location, "http://") || has_prefix(location, "https://")) {
    http::Response resp = http::get(location, kHttpTimeout);
    if (!resp.ok()) {
      throw Error("GET " + location + ": HTTP status " + std::to_string(resp.status));
    }
    content = std::move(resp.body);
  } else {
    throw Error("no file found: " + location);
  }
  if (content.empty()) throw Error("empty file: " + location);
  return content;
}

}  // namespace sub::kv
