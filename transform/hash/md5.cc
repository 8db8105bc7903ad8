// hash_md5: lower-case hex MD5 digest.
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the digest string to
// Modes:
//   data    the data becomes the digest of the data bytes
//   object  target := digest of String(source); a missing source leaves the message
//           unchanged
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/hash/digest.h"

namespace sub::transform {
namespace {

class HashMd5 final : public Transform {
 public:
  explicit HashMd5(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(digest_.hex(msg.data()));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string sum = digest_.hex(v.to_string());
    msg.set_string(obj_.target_key, sum);
  }

  const config::ObjectSettings obj_;
  const Digest digest_{"MD5", EVP_md5()};
};

}  // namespace

std::shared_ptr<Transform> new_hash_md5(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<HashMd5>(std::move(obj));
}

}  // namespace sub::transform
