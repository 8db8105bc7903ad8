#include "transform/common/file_path.h"

#include <openssl/rand.h>

#include <vector>

#include "core/error.h"
#include "core/gotime/layout.h"

namespace sub::transform {

FilePath FilePath::read(const config::Settings& settings) {
  config::Settings fp = settings.child("file_path");
  FilePath p;
  p.prefix = fp.string("prefix");
  p.time_format = fp.string("time_format");
  p.uuid = fp.boolean("uuid");
  p.suffix = fp.string("suffix");
  if (!p.time_format.empty() && p.time_format != "unix" && p.time_format != "unix_milli") {
    p.zone = gotime::ZoneDb::system().local();
  }
  return p;
}

std::string FilePath::build(std::chrono::system_clock::time_point now,
                            std::string_view prefix_override) const {
  std::vector<std::string> parts;
  if (!prefix_override.empty()) {
    parts.emplace_back(prefix_override);
  } else if (!prefix.empty()) {
    parts.push_back(prefix);
  }
  if (!time_format.empty()) {
    const auto since_epoch = now.time_since_epoch();
    if (time_format == "unix") {
      parts.push_back(
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()));
    } else if (time_format == "unix_milli") {
      parts.push_back(std::to_string(
          std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count()));
    } else {
      const auto secs = std::chrono::floor<std::chrono::seconds>(since_epoch);
      gotime::Instant t;
      t.sec = secs.count();
      t.nsec = static_cast<int32_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - secs).count());
      parts.push_back(gotime::format(t, zone ? *zone : *gotime::Zone::utc(), time_format));
    }
  }
  if (uuid) parts.push_back(new_uuid_v4());

  // path.Join: empty elements are skipped; nothing left gives "".
  std::string joined;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += '/';
    joined += part;
  }
  if (!joined.empty()) joined = clean_path(joined);
  return joined + suffix;
}

std::string clean_path(std::string_view p) {
  if (p.empty()) return ".";
  const bool rooted = p[0] == '/';
  std::vector<std::string_view> stack;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view elem = p.substr(i, j - i);
    if (elem.empty() || elem == ".") {
      // skip
    } else if (elem == "..") {
      if (!stack.empty() && stack.back() != "..") {
        stack.pop_back();
      } else if (!rooted) {
        stack.push_back(elem);
      }
    } else {
      stack.push_back(elem);
    }
    i = j + 1;
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < stack.size(); ++k) {
    if (k) out += '/';
    out += stack[k];
  }
  if (out.empty()) return ".";
  return out;
}

std::string new_uuid_v4() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof(b)) != 1) throw Error("uuid: no random bytes available");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

}  // namespace sub::transform
