#include "config/jsonnet_error_text.h"

#include <algorithm>
#include <vector>

#include "config/jsonnet_position.h"

namespace sub::config {
namespace {

constexpr std::string_view kStaticError = "STATIC ERROR: ";
// Lines longer than this are shown as a window around the column.
constexpr size_t kMaxExcerptBytes = 160;
constexpr size_t kBytesBeforeColumn = 60;
constexpr std::string_view kCut = "...";

std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A frame line `<position>\t<name>`, its fields joined by two spaces.
std::string frame_text(std::string_view line) {
  std::string out;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view field = trimmed(line.substr(start, end - start));
    if (!field.empty()) {
      if (!out.empty()) out += "  ";
      out += field;
    }
    start = end + 1;
  }
  return out;
}

// The position a frame line starts with.
std::optional<JsonnetPosition> frame_position(std::string_view line) {
  const size_t tab = line.find('\t');
  return JsonnetPosition::parse(tab == std::string_view::npos ? line : line.substr(0, tab));
}

// The position a STATIC ERROR message names: `STATIC ERROR: <position>: <message>`.
std::optional<JsonnetPosition> message_position(std::string_view message) {
  if (!message.starts_with(kStaticError)) return std::nullopt;
  message.remove_prefix(kStaticError.size());
  for (size_t colon = message.find(": "); colon != std::string_view::npos;
       colon = message.find(": ", colon + 1)) {
    if (auto at = JsonnetPosition::parse(message.substr(0, colon))) return at;
  }
  return std::nullopt;
}

// Whether `file` is the user's rather than a library's.
bool is_user_file(const std::string& file, const JsonnetSourceFile& evaluated) {
  if (file == evaluated.name) return true;
  if (file.empty() || file.front() == '<' || file == "std.jsonnet") return false;
  const size_t slash = file.rfind('/');
  const std::string_view base = slash == std::string::npos
                                    ? std::string_view(file)
                                    : std::string_view(file).substr(slash + 1);
  return base != "substation.libsonnet";
}

// The position as written: `file:L:C`, `file:L:C-E` or `file:(L:C)-(L2:C2)`.
std::string position_text(const JsonnetPosition& at) {
  const std::string line = std::to_string(at.line);
  const std::string column = std::to_string(at.column);
  if (at.end_column == 0) return at.file + ":" + line + ":" + column;
  if (at.end_line == at.line)
    return at.file + ":" + line + ":" + column + "-" + std::to_string(at.end_column);
  return at.file + ":(" + line + ":" + column + ")-(" + std::to_string(at.end_line) + ":" +
         std::to_string(at.end_column) + ")";
}

// The excerpt of the first position in the user's files, under its position as a heading
// unless it is the message's own (the first `in_message` positions).
std::string first_user_excerpt(const std::vector<JsonnetPosition>& positions, size_t in_message,
                               const JsonnetSourceFile& evaluated,
                               const JsonnetSourceReader& read_other) {
  for (size_t i = 0; i < positions.size(); ++i) {
    const JsonnetPosition& at = positions[i];
    if (!is_user_file(at.file, evaluated)) continue;
    std::optional<std::string> other;
    if (at.file != evaluated.name && read_other) other = read_other(at.file);
    if (at.file != evaluated.name && !other) continue;
    const std::string_view text = other ? std::string_view(*other) : evaluated.text;
    const size_t end = at.end_line == at.line ? at.end_column : 0;
    const std::string excerpt = jsonnet_source_excerpt(text, at.line, at.column, end, "    ");
    if (excerpt.empty()) continue;
    return i < in_message ? excerpt : "  " + position_text(at) + ":\n" + excerpt;
  }
  return "";
}

}  // namespace

std::string jsonnet_source_excerpt(std::string_view text, size_t line, size_t column,
                                   size_t end_column, std::string_view indent) {
  if (line == 0 || column == 0) return "";
  size_t start = 0;
  for (size_t n = 1; n < line; ++n) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return "";
    ++start;
  }
  size_t stop = text.find('\n', start);
  if (stop == std::string_view::npos) stop = text.size();
  std::string_view source = text.substr(start, stop - start);
  if (!source.empty() && source.back() == '\r') source.remove_suffix(1);

  // Byte offsets within `source` of the marked characters.
  size_t from = column - 1;
  size_t to = end_column > column ? end_column - 1 : column;
  // A column past the end of the line (Jsonnet counts some positions in characters, and a
  // position may come from another version of the file) marks the end of the line.
  from = std::min(from, source.size());
  to = std::max(to, from + 1);
  std::string before, after;
  if (source.size() > kMaxExcerptBytes) {
    const size_t first = from > kBytesBeforeColumn ? from - kBytesBeforeColumn : 0;
    const size_t last = std::min(source.size(), first + kMaxExcerptBytes);
    if (first > 0) before = kCut;
    if (last < source.size()) after = kCut;
    source = source.substr(first, last - first);
    from -= first;
    to = std::min(to - first, source.size() + 1);
  }
  from = std::min(from, source.size());
  to = std::max(to, from + 1);

  const std::string number = std::to_string(line);
  std::string out(indent);
  const std::string shown = before + std::string(source) + after;
  out += number + (shown.empty() ? " |\n" : " | " + shown + "\n");
  out += std::string(indent) + std::string(number.size(), ' ') + " | " +
         std::string(before.size(), ' ');
  // Tabs stay tabs so the caret lines up however wide the terminal draws them; a multi-byte
  // UTF-8 character takes one cell.
  for (size_t i = 0; i < from; ++i) {
    const unsigned char c = static_cast<unsigned char>(source[i]);
    if (c == '\t') {
      out += '\t';
    } else if ((c & 0xC0) != 0x80) {
      out += ' ';
    }
  }
  out += '^';
  for (size_t i = from + 1; i < to; ++i) {
    if (i < source.size() && (static_cast<unsigned char>(source[i]) & 0xC0) == 0x80) continue;
    out += '~';
  }
  out += '\n';
  return out;
}

std::string format_jsonnet_error(std::string_view raw, const JsonnetSourceFile& evaluated,
                                 const JsonnetSourceReader& read_other) {
  std::vector<std::string_view> lines = lines_of(raw);
  while (!lines.empty() && trimmed(lines.front()).empty()) lines.erase(lines.begin());
  if (lines.empty()) return "";
  const std::string_view message = trimmed(lines.front());

  std::vector<JsonnetPosition> positions;
  if (auto at = message_position(message)) positions.push_back(*at);
  const size_t in_message = positions.size();
  std::vector<std::string> frames;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = trimmed(lines[i]);
    if (line.empty()) continue;
    if (auto at = frame_position(line)) positions.push_back(*at);
    frames.push_back(frame_text(line));
  }

  std::string out(message);
  const std::string excerpt = first_user_excerpt(positions, in_message, evaluated, read_other);
  if (!excerpt.empty()) out += "\n" + excerpt.substr(0, excerpt.size() - 1);
  if (!frames.empty()) {
    out += "\n  stack trace:";
    for (const std::string& frame : frames) out += "\n    " + frame;
  }
  return out;
}

}  // namespace sub::config
