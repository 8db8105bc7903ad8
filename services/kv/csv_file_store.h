// The `csv_file` KV store: a read-only map built from a CSV file.
//
// Settings:
//   file       (required) local path or http(s) URL
//   column     (required) the header name whose value in each row is that row's key
//   delimiter  field separator, its first character (default ",")
//   header     replaces the file's first line as the header row
// A row's value is an object of the other columns' values (strings). The file is parsed
// as Go's encoding/csv does: quoted fields, "" escapes, every row with as many fields as
// the first. A row without a value in `column` is an error (`column not found`).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "services/kv/store.h"

namespace sub::kv {

class CsvFileStore final : public Store {
 public:
  CsvFileStore(std::string file, std::string column, char delimiter, std::string header);

  std::string_view type() const override { return "csv_file"; }
  void setup() override;
  bool enabled() const override;
  void close() override;
  config::Node get(const std::string& key) override;

 private:
  const std::string file_;
  const std::string column_;
  const char delimiter_;
  const std::string header_;
  mutable std::mutex mu_;
  std::optional<std::unordered_map<std::string, config::Node>> items_;
};

}  // namespace sub::kv
