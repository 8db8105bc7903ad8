// enrich_kv_store_set_add: adds a message value to the set stored at a key of a KV store
// (memory: a list without duplicates). The message itself is not changed.
//
// Settings: as enrich_kv_store_item_set (object.source_key the key, object.target_key the
// value to add, object.ttl_key, ttl_offset, kv_store, prefix, close_kv_store).
#include "services/kv/value.h"
#include "transform/enrich/kv_store_transform.h"
#include "transform/enrich/kv_ttl.h"

namespace sub::transform {
namespace {

class EnrichKvStoreSetAdd final : public KvStoreTransform {
 public:
  EnrichKvStoreSetAdd(const config::Settings& s, Builder& b)
      : KvStoreTransform(s, b), ttl_(KvTtl::read(s, object().ttl_key)) {}

 private:
  void apply(Message& msg, const std::string& key) const override {
    store().set_add_with_ttl(key, kv::from_value(msg.get(object().target_key)), ttl_.compute(msg));
  }

  const KvTtl ttl_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_kv_store_set_add(const config::Settings& s, Builder& b) {
  return std::make_shared<EnrichKvStoreSetAdd>(s, b);
}

}  // namespace sub::transform
