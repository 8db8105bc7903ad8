#include "services/kv/store.h"

#include "core/error.h"

namespace sub::kv {

void Store::unsupported(std::string_view what) const {
  throw Error("kv: " + std::string(type()) + ": " + std::string(what) + " not supported");
}

void Store::set_with_ttl(const std::string&, const config::Node&, int64_t) { unsupported("set"); }

void Store::set_add_with_ttl(const std::string&, const config::Node&, int64_t) {
  unsupported("set");
}

bool Store::lock(const std::string&, int64_t) { unsupported("lock"); }

void Store::unlock(const std::string&) { unsupported("unlock"); }

}  // namespace sub::kv
