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
#include "config/object_settings.h"
#include "services/kv/value.h"
#include "transform/builder.h"

namespace sub {
namespace {

class EnrichKvStoreItemGet final : public Transform {
 public:
  EnrichKvStoreItemGet(ObjectSettings obj, std::shared_ptr<kv::Store> store, std::string prefix,
                       bool close_store)
      : obj_(std::move(obj)),
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
      kv::write(msg, obj_.target_key, store_->get(key));
    }
    out.push_back(std::move(msg));
  }

 private:
  const ObjectSettings obj_;
  const std::shared_ptr<kv::Store> store_;
  const std::string prefix_;
  const bool close_store_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_kv_store_item_get(const config::Settings& s, Builder& b) {
  ObjectSettings obj = ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  if (!obj.has_target()) s.missing("object.target_key");
  std::shared_ptr<kv::Store> store = b.services().kv_stores->store(s, "kv_store");
  return std::make_shared<EnrichKvStoreItemGet>(std::move(obj), std::move(store),
                                                s.string("prefix"), s.boolean("close_kv_store"));
}

}  // namespace sub
