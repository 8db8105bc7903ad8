// What the enrich_kv_store_* transforms share: the store (`kv_store`, set up on the first data
// message, closed on a control message with `close_kv_store`), the required object keys, and
// the item key: the string value of object.source_key, as `<prefix>:<value>` with `prefix`.
// A message without a source value passes through unchanged; subclasses handle the others.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/object_settings.h"
#include "services/kv/store.h"
#include "transform/builder.h"

namespace sub::transform {

class KvStoreTransform : public Transform {
 public:
  // Reads object (source_key and target_key required), kv_store, prefix and close_kv_store.
  KvStoreTransform(const config::Settings& s, Builder& b)
      : obj_(read_object(s)),
        store_(b.services().kv_stores->store(s, "kv_store")),
        prefix_(s.string("prefix")),
        close_store_(s.boolean("close_kv_store")) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const final {
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
      apply(msg, key);
    }
    out.push_back(std::move(msg));
  }

 protected:
  // Does the transform's work for the item key `key` of `msg`.
  virtual void apply(Message& msg, const std::string& key) const = 0;

  const config::ObjectSettings& object() const { return obj_; }
  kv::Store& store() const { return *store_; }

 private:
  static config::ObjectSettings read_object(const config::Settings& s) {
    config::ObjectSettings obj = config::ObjectSettings::read(s);
    if (!obj.has_source()) s.missing("object.source_key");
    if (!obj.has_target()) s.missing("object.target_key");
    return obj;
  }

  const config::ObjectSettings obj_;
  const std::shared_ptr<kv::Store> store_;
  const std::string prefix_;
  const bool close_store_;
};

}  // namespace sub::transform
