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
#include "config/object_settings.h"
#include "services/kv/value.h"
#include "transform/builder.h"
#include "transform/enrich/kv_ttl.h"

namespace sub {
namespace {

class EnrichKvStoreItemSet final : public Transform {
 public:
  EnrichKvStoreItemSet(ObjectSettings obj, KvTtl ttl, std::shared_ptr<kv::Store> store,
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
      const config::Node item = kv::from_value(msg.get(obj_.target_key));
      const int64_t ttl = ttl_.compute(msg);
      if (ttl != 0) {
        store_->set_with_ttl(key, item, ttl);
      } else {
        store_->set(key, item);
      }
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

std::shared_ptr<Transform> new_enrich_kv_store_item_set(const config::Settings& s, Builder& b) {
  ObjectSettings obj = ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  if (!obj.has_target()) s.missing("object.target_key");
  std::shared_ptr<kv::Store> store = b.services().kv_stores->store(s, "kv_store");
  KvTtl ttl = KvTtl::read(s, obj.ttl_key);
  return std::make_shared<EnrichKvStoreItemSet>(std::move(obj), std::move(ttl), std::move(store),
                                                s.string("prefix"), s.boolean("close_kv_store"));
}

}  // namespace sub
