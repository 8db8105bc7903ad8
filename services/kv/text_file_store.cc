#include "services/kv/text_file_store.h"

#include "core/error.h"
#include "services/kv/file_source.h"

namespace sub::kv {

TextFileStore::TextFileStore(std::string file) : file_(std::move(file)) {}

void TextFileStore::setup() {
  std::lock_guard<std::mutex> lock(mu_);
  if (lines_) return;
  std::string text;
  try {
    text = load_file(file_);
  } catch (const Error& e) {
    throw Error(std::string("kv: text_file: ") + e.what());
  }
  std::unordered_set<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace(line);
    start = end + 1;
  }
  lines_ = std::move(lines);
}

bool TextFileStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_.has_value();
}

void TextFileStore::close() {
  std::lock_guard<std::mutex> lock(mu_);
  lines_.reset();
}

config::Node TextFileStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  return config::Node::make_bool(lines_ && lines_->count(key) > 0);
}

}  // namespace sub::kv
