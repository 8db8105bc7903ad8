// string_uuid: generates a random (version 4) UUID.
//
// Settings:
//   object.target_key  write the UUID string to; when empty the data becomes the UUID
// The 122 random bits come from OpenSSL's CSPRNG (RAND_bytes); the text is lower-case
// 8-4-4-4-12 hex.
#include <openssl/rand.h>

#include <array>
#include <cstdint>

#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

std::string new_uuid_v4() {
  std::array<unsigned char, 16> b;
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    throw Error("string_uuid: random number generator failure");
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

class StringUuid final : public Transform {
 public:
  explicit StringUuid(std::string target_key) : target_key_(std::move(target_key)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) {
      std::string id = new_uuid_v4();
      if (target_key_.empty()) {
        msg.set_data(std::move(id));
      } else {
        msg.set_string(target_key_, id);
      }
    }
    out.push_back(std::move(msg));
  }

 private:
  const std::string target_key_;
};

}  // namespace

std::shared_ptr<Transform> new_string_uuid(const config::Settings& s, Builder&) {
  return std::make_shared<StringUuid>(config::ObjectSettings::read(s).target_key);
}

}  // namespace sub::transform
