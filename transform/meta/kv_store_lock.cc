// meta_kv_store_lock: runs a chain at most once per key by taking a lock in a KV store
// first (the basis of "exactly once" pipelines).
//
// Settings:
//   kv_store           (required) `{type, settings}` of a store that can lock (memory;
//                      aws_dynamodb when the AWS layer adds it); set up at construction
//   transforms         (required) the chain run when the lock is taken
//   object.source_key  the lock key; absent or missing value: SHA-256 hex of the data
//   object.ttl_key     message value holding the lock's expiry (Unix time)
//   ttl_offset         added to ttl_key's value, or to now without ttl_key ("0s")
//   prefix             prepended to the key as `<prefix>:<key>`
// Lock taken: the chain runs and the key is remembered. Lock held: the message passes
// through without the chain. A chain error releases every key remembered since the last
// control message and fails. A control message runs through the chain and forgets the
// keys (the locks stay until they expire). Messages are handled one at a time, as in the
// reference, so the remembered keys and the chain see a consistent order.
#include <openssl/evp.h>

#include <mutex>

#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/enrich/kv_ttl.h"

namespace sub::transform {
namespace {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw Error("sha256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

class MetaKvStoreLock final : public Transform {
 public:
  MetaKvStoreLock(config::ObjectSettings obj, KvTtl ttl, std::shared_ptr<kv::Store> locker,
                  std::string prefix, Chain chain)
      : obj_(std::move(obj)),
        ttl_(std::move(ttl)),
        locker_(std::move(locker)),
        prefix_(std::move(prefix)),
        chain_(std::move(chain)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      std::vector<Message> results;
      try {
        results = chain_.apply(std::move(msg), ctx);
      } catch (...) {
        release_all();
        throw;
      }
      keys_.clear();
      for (Message& m : results) out.push_back(std::move(m));
      return;
    }

    std::string key;
    const Value v = obj_.has_source() ? msg.get(obj_.source_key) : Value();
    key = v.exists() ? v.to_string() : sha256_hex(msg.data());
    if (!prefix_.empty()) key = prefix_ + ":" + key;

    bool taken = false;
    try {
      taken = locker_->lock(key, ttl_.compute(msg));
    } catch (...) {
      release_all();
      throw;
    }
    if (!taken) {
      out.push_back(std::move(msg));
      return;
    }
    std::vector<Message> results;
    try {
      results = chain_.apply(std::move(msg), ctx);
    } catch (...) {
      // The key just taken is released too: its chain did not complete.
      keys_.push_back(key);
      release_all();
      throw;
    }
    keys_.push_back(std::move(key));
    for (Message& m : results) out.push_back(std::move(m));
  }

 private:
  void release_all() const {
    for (const std::string& k : keys_) {
      try {
        locker_->unlock(k);
      } catch (const Error&) {
        // Best effort, as in the reference: the original error is what gets reported.
      }
    }
    keys_.clear();
  }

  const config::ObjectSettings obj_;
  const KvTtl ttl_;
  const std::shared_ptr<kv::Store> locker_;
  const std::string prefix_;
  const Chain chain_;
  mutable std::mutex mu_;
  mutable std::vector<std::string> keys_;  // guarded by mu_
};

}  // namespace

std::shared_ptr<Transform> new_meta_kv_store_lock(const config::Settings& s, Builder& b) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  Chain chain = b.nested_chain(s, "transforms");
  if (chain.empty()) s.missing("transforms");
  std::shared_ptr<kv::Store> locker = b.services().kv_stores->locker(s, "kv_store");
  try {
    locker->setup();
  } catch (const ConfigError&) {
    throw;
  } catch (const Error& e) {
    s.fail("kv_store", e.what());
  }
  KvTtl ttl = KvTtl::read(s, obj.ttl_key);
  return std::make_shared<MetaKvStoreLock>(std::move(obj), std::move(ttl), std::move(locker),
                                           s.string("prefix"), std::move(chain));
}

}  // namespace sub::transform
