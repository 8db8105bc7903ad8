// enrich_kv_store_set_add: adds a message value to the set stored at a key of a KV store
// (memory: a list without duplicates). The message itself is not changed.
//
// Settings: as enrich_kv_store_item_set (object.source_key the key, object.target_key the
// value to add, object.ttl_key, ttl_offset, kv_store, prefix, close_kv_store).
#include "config/object_settings.h"
#include "services/kv/value.h"
#include "transform/builder.h"
#include "transform/enrich/kv_ttl.h"

namespace sub {
namespace {

class EnrichKvStoreSetAdd final : public Transform {
 public:
  EnrichKvStoreSetAdd(ObjectSettings obj, KvTtl ttl, std::shared_ptr<kv::Store> store,
                      std::string prefix, bool close_store)
      : obj_(std::move(obj)),
        ttl_(std::move(ttl)),
        store_(std::move(store)),
        prefix_(std::move(prefix)),
        close_store_(close_store) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) override {
    if (msg.is_control()) {
      if (close_store_) store_->close();
      out.push_back(std::move(msg));
      return;
    }
    if (!store_->enabled()) store_->setup();
    const Value value = msg.get(obj_.source_key);
    if (value.exists()) {
      std::string key = value.to_string();
      if (!prefix_.empty()) key = prefix_ + ":" + key;
      store_->set_add_with_ttl(key, kv::from_value(msg.get(obj_.target_key)), ttl_.compute(msg));
    }
    out.push_back(std::move(msg));
  }

 private:
  const ObjectSettings obj_;
  const KvTtl ttl_;
  const std::shared_ptr<kv::Store> store_;
  const std::string prefix_;
  const bool close_store_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_kv_store_set_add(const config::Settings& s, Builder& b) {
  ObjectSettings obj = ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  if (!obj.has_target()) s.missing("object.target_key");
  std::shared_ptr<kv::Store> store = b.services().kv_stores->store(s, "kv_store");
  KvTtl ttl = KvTtl::read(s, obj.ttl_key);
  return std::make_shared<EnrichKvStoreSetAdd>(std::move(obj), std::move(ttl), std::move(store),
                                               s.string("prefix"), s.boolean("close_kv_store"));
}

}  // namespace sub
