// The `text_file` KV store: a read-only set of lines.
//
// Settings:
//   file  (required) local path or http(s) URL
// get() returns true when the key equals a line of the file, false otherwise. Lines are
// split as Go's bufio.Scanner does (a trailing "\r" removed).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "services/kv/store.h"

namespace sub::kv {

class TextFileStore final : public Store {
 public:
  explicit TextFileStore(std::string file);

  std::string_view type() const override { return "text_file"; }
  void setup() override;
  bool enabled() const override;
  void close() override;
  config::Node get(const std::string& key) override;

 private:
  const std::string file_;
  mutable std::mutex mu_;
  std::optional<std::unordered_set<std::string>> lines_;
};

}  // namespace sub::kv
