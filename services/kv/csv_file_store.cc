#include "services/kv/csv_file_store.h"

#include <vector>

#include "core/error.h"
#include "services/kv/file_source.h"

namespace sub::kv {
namespace {

using Row = std::vector<std::string>;

// Parses CSV text the way encoding/csv's Reader does with default options: blank lines
// are skipped, "\r\n" ends a line like "\n", quotes must surround a whole field.
std::vector<Row> parse_csv(std::string_view text, char delim) {
  std::vector<Row> rows;
  size_t pos = 0;
  size_t line = 1;
  auto fail = [&](const std::string& what) -> Error {
    return Error("parse error on line " + std::to_string(line) + ": " + what);
  };
  while (pos < text.size()) {
    // Skip blank lines.
    if (text[pos] == '\n') {
      ++pos;
      ++line;
      continue;
    }
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      pos += 2;
      ++line;
      continue;
    }
    Row row;
    for (;;) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        ++pos;
        for (;;) {
          if (pos >= text.size()) throw fail("extraneous or missing \" in quoted-field");
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          if (c == '\n') ++line;
          if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
            ++pos;
            continue;
          }
          field += c;
          ++pos;
        }
        if (pos < text.size() && text[pos] != delim && text[pos] != '\n' &&
            !(text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') &&
            text[pos] != '\r') {
          throw fail("extraneous or missing \" in quoted-field");
        }
      } else {
        while (pos < text.size() && text[pos] != delim && text[pos] != '\n') {
          if (text[pos] == '"') throw fail("bare \" in non-quoted-field");
          field += text[pos];
          ++pos;
        }
        if (!field.empty() && field.back() == '\r' && (pos >= text.size() || text[pos] == '\n')) {
          field.pop_back();
        }
      }
      row.push_back(std::move(field));
      if (pos < text.size() && text[pos] == delim) {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') {
        ++pos;
        ++line;
      }
      break;
    }
    if (!rows.empty() && row.size() != rows.front().size()) {
      throw Error("record on line " + std::to_string(line - 1) + ": wrong number of fields");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

CsvFileStore::CsvFileStore(std::string file, std::string column, char delimiter, std::string header)
    : file_(std::move(file)),
      column_(std::move(column)),
      delimiter_(delimiter),
      header_(std::move(header)) {}

void CsvFileStore::setup() {
  std::lock_guard<std::mutex> lock(mu_);
  if (items_) return;
  std::string text;
  try {
    text = load_file(file_);
  } catch (const Error& e) {
    throw Error(std::string("kv: csv_file: ") + e.what());
  }
  if (!header_.empty()) {
    const size_t nl = text.find('\n');
    text = header_ + "\n" + (nl == std::string::npos ? std::string() : text.substr(nl + 1));
  }
  std::vector<Row> rows;
  try {
    rows = parse_csv(text, delimiter_);
  } catch (const Error& e) {
    throw Error(std::string("kv: csv_file: ") + e.what());
  }
  std::unordered_map<std::string, config::Node> items;
  if (!rows.empty()) {
    const Row& head = rows.front();
    for (size_t r = 1; r < rows.size(); ++r) {
      const Row& row = rows[r];
      std::string key;
      std::map<std::string, std::string> others;
      for (size_t i = 0; i < row.size(); ++i) {
        if (head[i] == column_) {
          key = row[i];
        } else {
          others[head[i]] = row[i];
        }
      }
      if (key.empty()) throw Error("kv: csv_file: column not found");
      std::vector<std::pair<std::string, config::Node>> members;
      for (auto& [name, value] : others) {
        members.emplace_back(name, config::Node::make_string(value));
      }
      items[key] = config::Node::make_object(std::move(members));
    }
  }
  items_ = std::move(items);
}

bool CsvFileStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return items_.has_value();
}

void CsvFileStore::close() {
  std::lock_guard<std::mutex> lock(mu_);
  items_.reset();
}

config::Node CsvFileStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!items_) return config::Node();
  auto it = items_->find(key);
  return it == items_->end() ? config::Node() : it->second;
}

}  // namespace sub::kv
