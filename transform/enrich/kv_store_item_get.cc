// enrich_kv_store_item_get (alias enrich_kv_store_get): looks a message value up in a KV
// store and writes what is stored.
//
// Settings:
//   object.source_key  (required) the key to look up (its string value)
//   object.target_key  (required) where the stored value is written (null when absent)
//   kv_store           (required) `{type, settings}` of the store (services/kv)
//   prefix             prepended to the key as `<prefix>:<key>`
//   close_kv_store     close the store on a control message (default false)
// The store is set up on the first data message. A missing source value passes the
// message through unchanged.
#include "services/kv/value.h"
#include "transform/enrich/kv_store_transform.h"

namespace sub::transform {
namespace {

class EnrichKvStoreItemGet final : public KvStoreTransform {
 public:
  using KvStoreTransform::KvStoreTransform;

 private:
  void apply(Message& msg, const std::string& key) const override {
    kv::write(msg, object().target_key, store().get(key));
  }
};

}  // namespace

std::shared_ptr<Transform> new_enrich_kv_store_item_get(const config::Settings& s, Builder& b) {
  return std::make_shared<EnrichKvStoreItemGet>(s, b);
}

}  // namespace sub::transform
