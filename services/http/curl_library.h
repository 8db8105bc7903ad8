// libcurl, loaded on first use instead of at start. Debian's libcurl pulls in about twenty
// libraries (GnuTLS, Kerberos, OpenLDAP, librtmp, libssh2, ...) whose loading and
// constructors were ~2 ms of every `substation` run, most of which never speak HTTP; now
// only a run that builds an HTTP or AWS transform (or a Lambda, which always does) pays it.
//
// The library is opened once per process (libcurl.so.4, through the usual search path: the
// packages bundle it and start the binary with their lib/ as the library path), its
// functions looked up, and curl_global_init called. Thread-safe; immutable once loaded.
#pragma once

#include <curl/curl.h>

namespace sub::http {

struct CurlLibrary {
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_reset)(CURL*);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// The loaded library. Throws sub::Error (`cannot load libcurl: ...`, with the loader's
// reason) when it is missing or lacks a function; every later call throws the same.
const CurlLibrary& curl_library();

}  // namespace sub::http
