// The `mmdb` KV store: lookups in a MaxMind DB file (GeoIP and similar) through
// libmaxminddb.
//
// Settings:
//   file  (required) local path or http(s) URL (downloaded to a private temporary file)
// The key must be an IPv4 or IPv6 address (else `kv: mmdb: key must be IP address`); the
// value is the whole record of the network containing it, decoded as the reference's
// maxminddb reader decodes into interface{} (maps, arrays, numbers, strings, booleans,
// bytes as base64), or null when no network contains it.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "services/kv/store.h"

namespace sub::kv {

class MmdbStore final : public Store {
 public:
  explicit MmdbStore(std::string file);
  ~MmdbStore() override;

  std::string_view type() const override { return "mmdb"; }
  void setup() override;
  bool enabled() const override;
  void close() override;
  config::Node get(const std::string& key) override;

 private:
  struct Db;
  const std::string file_;
  mutable std::mutex mu_;
  std::unique_ptr<Db> db_;
};

}  // namespace sub::kv
