// enrich_kv_store_item_set (alias enrich_kv_store_set): stores a message value in a KV
// store. The message itself is not changed.
//
// Settings:
//   object.source_key  (required) the key to store under (its string value)
//   object.target_key  (required) the value to store (read, not written: the reference's
//                      naming)
//   object.ttl_key     message value holding the item's expiry (Unix time)
//   ttl_offset         added to ttl_key's value, or to now without ttl_key ("0s")
//   kv_store           (required) `{type, settings}` of the store (services/kv)
//   prefix             prepended to the key as `<prefix>:<key>`
//   close_kv_store     close the store on a control message (default false)
// A missing source value passes the message through; a missing target value stores null.
#include "services/kv/value.h"
#include "transform/enrich/kv_store_transform.h"
#include "transform/enrich/kv_ttl.h"

namespace sub::transform {
namespace {

class EnrichKvStoreItemSet final : public KvStoreTransform {
 public:
  EnrichKvStoreItemSet(const config::Settings& s, Builder& b)
      : KvStoreTransform(s, b), ttl_(KvTtl::read(s, object().ttl_key)) {}

 private:
  void apply(Message& msg, const std::string& key) const override {
    const config::Node item = kv::from_value(msg.get(object().target_key));
    const int64_t ttl = ttl_.compute(msg);
    if (ttl != 0) {
      store().set_with_ttl(key, item, ttl);
    } else {
      store().set(key, item);
    }
  }

  const KvTtl ttl_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_kv_store_item_set(const config::Settings& s, Builder& b) {
  return std::make_shared<EnrichKvStoreItemSet>(s, b);
}

}  // namespace sub::transform
