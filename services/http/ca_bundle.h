// Where TLS peers are verified from. Debian's libcurl has its CA path compiled in; on
// Amazon Linux the bundle lives elsewhere, so a packaged Lambda sets SSL_CERT_FILE and every
// transfer honours it.
#pragma once

#include <curl/curl.h>

#include <cstdlib>

#include "services/http/curl_library.h"

namespace sub::http {

inline void apply_ca_bundle(const CurlLibrary& curl, CURL* handle) {
  const char* ca = std::getenv("SSL_CERT_FILE");
  if (ca != nullptr && *ca != '\0') curl.easy_setopt(handle, CURLOPT_CAINFO, ca);
}

}  // namespace sub::http
