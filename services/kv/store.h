// The KV store interface.
//
// Values are Go's decoded interface{} (nil, bool, float64, string, []any, map[string]any),
// modelled by config::Node: what a store hands back is what the reference's transforms
// would write with SetValue, so maps come back with sorted keys and numbers as float64.
// A null Node means "nothing stored".
//
// Every store is safe for concurrent use. Stores backed by a file load it lazily in
// setup() (the transforms call it on first use) and drop it in close(); the next setup()
// loads it again. New store types (aws_dynamodb) implement this interface and are added
// to KvStores with add_type().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/node.h"

namespace sub::kv {

class Store {
 public:
  virtual ~Store() = default;

  // The configured type name ("memory", "csv_file", ...), used in error messages.
  virtual std::string_view type() const = 0;

  // Makes the store ready (loads its file, opens its database). Idempotent.
  virtual void setup() = 0;
  virtual bool enabled() const = 0;
  // Releases what setup() acquired. Idempotent.
  virtual void close() = 0;

  // The value at `key`, or a null Node when there is none (or it expired).
  virtual config::Node get(const std::string& key) = 0;

  // Writers; read-only stores throw `kv: <type>: set not supported`. `ttl` is the Unix
  // time (seconds) after which the item is gone; 0 means no expiry.
  virtual void set(const std::string& key, const config::Node& value) {
    set_with_ttl(key, value, 0);
  }
  virtual void set_with_ttl(const std::string& key, const config::Node& value, int64_t ttl);
  // Adds `value` to the set stored at `key` (created if absent) and stores `ttl` with it.
  virtual void set_add_with_ttl(const std::string& key, const config::Node& value, int64_t ttl);

  // Locking (meta_kv_store_lock): true when the lock on `key` was taken, false when it is
  // held by someone else and has not expired. Stores that cannot lock throw.
  virtual bool supports_lock() const { return false; }
  [[nodiscard]] virtual bool lock(const std::string& key, int64_t ttl);
  virtual void unlock(const std::string& key);

 protected:
  [[noreturn]] void unsupported(std::string_view what) const;
};

}  // namespace sub::kv
