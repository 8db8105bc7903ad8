// Hex digests through OpenSSL EVP, shared by hash_md5 and hash_sha256.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sub::transform {

// One digest algorithm, fetched from OpenSSL's providers once, when the transform is built.
// EVP_Digest with a legacy EVP_sha256() / EVP_md5() looks the implementation up again on
// every call: 160 of the 1,010 ns a 1.3 KB SHA-256 took. Immutable after construction, so
// transforms on several threads share it.
class Digest {
 public:
  // `name` as OpenSSL knows it ("SHA256", "MD5"); `legacy` is used when the fetch fails
  // (a provider configuration without it), so the error surfaces where it did before.
  Digest(const char* name, const EVP_MD* legacy)
      : fetched_(EVP_MD_fetch(nullptr, name, nullptr)), legacy_(legacy) {}

  // Lower-case hex digest of `data`.
  std::string hex(std::string_view data) const {
    unsigned char sum[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    const EVP_MD* md = fetched_ ? fetched_.get() : legacy_;
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

 private:
  struct Free {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  std::unique_ptr<EVP_MD, Free> fetched_;
  const EVP_MD* legacy_;
};

}  // namespace sub::transform
