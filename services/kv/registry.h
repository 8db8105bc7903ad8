// KvStores: builds KV stores from `{type, settings}` configs and shares them.
//
// The reference keeps process-global maps of stores keyed by their config; here the cache
// belongs to the Services object of a pipeline. Two transforms with the same store config
// (same JSON, keys sorted) get the same store, so a value set by one is seen by the other.
// Lockers (meta_kv_store_lock) are cached separately from stores, as in the reference.
//
// Built-in types: memory, csv_file, json_file, text_file, mmdb. More (aws_dynamodb) are
// added with add_type() by the layer that implements them, before pipelines are built.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "config/settings.h"
#include "services/kv/store.h"

namespace sub::kv {

class KvStores {
 public:
  // Builds a store from its `settings` (the config's `settings` object; errors go through
  // settings.fail and so name the transform and the full key).
  using Factory = std::shared_ptr<Store> (*)(const config::Settings& settings);

  KvStores();

  // Registers `type`; `can_lock` marks types usable by meta_kv_store_lock.
  void add_type(std::string type, Factory factory, bool can_lock);

  // The store configured at `key` of `parent` (e.g. "kv_store"), created on first request.
  std::shared_ptr<Store> store(const config::Settings& parent, std::string_view key);
  // Same for a locker; the type must support locking.
  std::shared_ptr<Store> locker(const config::Settings& parent, std::string_view key);

 private:
  struct Type {
    Factory factory;
    bool can_lock;
  };
  std::shared_ptr<Store> get(const config::Settings& parent, std::string_view key, bool lock);

  std::mutex mu_;
  std::map<std::string, Type, std::less<>> types_;
  std::map<std::string, std::shared_ptr<Store>> stores_;
  std::map<std::string, std::shared_ptr<Store>> lockers_;
};

}  // namespace sub::kv
