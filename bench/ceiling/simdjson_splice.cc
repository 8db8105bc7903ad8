// W2's ceiling: W2's edits (copy `id.orig_h` to `source.ip`, insert `event.dataset`, delete
// `history`) done by hand on each line with simdjson's On-Demand parser: one pass over the
// top-level keys finds the two fields, and the output line is spliced from slices of the
// input. Lines are read in 1 MiB blocks and written 1,000 at a time, as in W1's ceiling.
// It knows the workload's shape (a flat top-level object); it is a yardstick, not a product.
//
//   ceiling_simdjson_splice FILE > OUT
//
// bench/run.sh runs it next to W2, checks that its output equals ours and reports ours as
// a percentage of its events/s.
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "lines.h"

namespace {

constexpr size_t kBatchLines = 1000;
namespace od = simdjson::ondemand;

// Appends W2's output for one line (`line` has SIMDJSON_PADDING readable bytes after it).
bool splice(od::parser& parser, std::string_view line, std::string& out) {
  od::document doc;
  if (parser.iterate(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING).get(doc)) {
    return false;
  }
  od::object obj;
  if (doc.get_object().get(obj)) return false;
  std::string_view source_ip;
  const char* cut_begin = nullptr;  // the `"history":...` member and one comma
  const char* cut_end = nullptr;
  const char* previous_end = nullptr;  // end of the member before the current one
  for (auto field : obj) {
    od::raw_json_string key;
    if (field.key().get(key)) return false;
    const char* key_begin = key.raw() - 1;
    std::string_view name;
    if (field.unescaped_key().get(name)) return false;
    std::string_view token;
    if (field.value().raw_json_token().get(token)) return false;
    while (!token.empty() && (token.back() == ' ' || token.back() == '\n')) token.remove_suffix(1);
    const char* value_end = token.data() + token.size();
    if (name == "id.orig_h") {
      source_ip = token;
    } else if (name == "history") {
      if (previous_end) {
        cut_begin = previous_end;  // `,"history":"S"` (also right when it is the last member)
        cut_end = value_end;
      } else {
        cut_begin = key_begin;  // the first member: `"history":"S",`
        cut_end = value_end + (*value_end == ',' ? 1 : 0);
      }
    }
    previous_end = value_end;
  }
  const char* close = line.data() + line.rfind('}');
  const char* begin = line.data();
  if (cut_begin) {
    out.append(begin, cut_begin);
    out.append(cut_end, close);
  } else {
    out.append(begin, close);
  }
  if (!source_ip.empty()) {
    out += ",\"source\":{\"ip\":";
    out += source_ip;
    out += '}';
  }
  out += ",\"event\":{\"dataset\":\"zeek.conn\"}}\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int fd = ceiling::open_argument(argc, argv);
  if (fd < 0) return 1;
  od::parser parser;
  std::string batch;
  batch.reserve(2 << 20);
  size_t lines = 0;
  size_t line_no = 0;
  const bool ok =
      ceiling::for_each_line(fd, simdjson::SIMDJSON_PADDING, [&](std::string_view line) {
        ++line_no;
        if (!splice(parser, line, batch)) {
          std::fprintf(stderr, "line %zu: not a JSON object\n", line_no);
          return false;
        }
        if (++lines < kBatchLines) return true;
        lines = 0;
        const bool written = ceiling::write_all(batch.data(), batch.size());
        batch.clear();
        return written;
      });
  if (!ok || !ceiling::write_all(batch.data(), batch.size())) return 1;
  close(fd);
  return 0;
}
