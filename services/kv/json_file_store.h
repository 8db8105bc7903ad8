// The `json_file` KV store: a read-only JSON document queried by path.
//
// Settings:
//   file      (required) local path or http(s) URL
//   is_lines  the file is JSON Lines (default false)
// The key is a gjson path into the document. With is_lines the key is queried as
// `..#.<key>` (every line's value) and the first non-null one is the result; when no line
// has one, the query's own result is returned, as the reference does (an empty array).
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "services/kv/store.h"

namespace sub::kv {

class JsonFileStore final : public Store {
 public:
  JsonFileStore(std::string file, bool is_lines);

  std::string_view type() const override { return "json_file"; }
  void setup() override;
  bool enabled() const override;
  void close() override;
  config::Node get(const std::string& key) override;

 private:
  const std::string file_;
  const bool is_lines_;
  mutable std::mutex mu_;
  std::optional<std::string> doc_;
};

}  // namespace sub::kv
