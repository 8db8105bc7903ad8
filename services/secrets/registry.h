// Secrets: builds secret retrievers from `{type, settings}` configs, holds the cache of
// secret values (an LRU memory store of 1000 items, as in the reference) and interpolates
// `${SECRET:<id>}` references. One per Services object: no process-global state.
//
// Common settings of every secret type:
//   id          (required) the name used in `${SECRET:<id>}`
//   ttl_offset  how long a fetched value is used before it is fetched again ("15m")
// Built-in type: environment_variable. aws_secrets_manager is added by the AWS layer with
// add_type().
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "config/settings.h"
#include "services/kv/memory_store.h"
#include "services/secrets/retriever.h"
#include "services/secrets/source.h"

namespace sub::secrets {

class Secrets {
 public:
  // Builds a source from the secret's `settings` (errors through settings.fail).
  using Factory = std::unique_ptr<Source> (*)(const config::Settings& settings);

  static constexpr int64_t kCacheCapacity = 1000;
  static constexpr std::chrono::minutes kDefaultTtl{15};

  Secrets();

  void add_type(std::string type, Factory factory);

  // The secret configured at `key` of `parent` (e.g. "secret"). Not fetched yet.
  std::shared_ptr<Retriever> retriever(const config::Settings& parent, std::string_view key);

  // The cached value of secret `id`, or nullopt.
  std::optional<std::string> get(const std::string& id) const;

  // Replaces every `${SECRET:<id>}` in `s` with the cached value of `id`. Throws sub::Error
  // `secrets: no secret found` when an id has no value.
  std::string interpolate(std::string_view s) const;

 private:
  std::mutex mu_;
  std::map<std::string, Factory, std::less<>> types_;
  std::shared_ptr<kv::MemoryStore> cache_;
};

}  // namespace sub::secrets
