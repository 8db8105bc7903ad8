// Hex digests through OpenSSL EVP, shared by hash_md5 and hash_sha256.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "core/error.h"

namespace sub::transform {

// Lower-case hex digest of `data` with `md` (EVP_md5(), EVP_sha256()).
inline std::string hex_digest(const EVP_MD* md, std::string_view data) {
  unsigned char sum[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), sum, &len, md, nullptr) != 1) {
    throw Error("digest failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(len) * 2, '\0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[sum[i] >> 4];
    out[2 * i + 1] = kHex[sum[i] & 0x0F];
  }
  return out;
}

}  // namespace sub::transform
