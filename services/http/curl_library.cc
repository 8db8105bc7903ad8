#include "services/http/curl_library.h"

#include <string>

#include "core/shared_library.h"

namespace sub::http {
namespace {

LoadedLibrary<CurlLibrary> load() {
  LoadedLibrary<CurlLibrary> out =
      load_library<CurlLibrary>("libcurl.so.4", [](SharedLibrary& l, CurlLibrary& a) {
        l.find("curl_easy_init", a.easy_init);
        l.find("curl_easy_setopt", a.easy_setopt);
        l.find("curl_easy_perform", a.easy_perform);
        l.find("curl_easy_getinfo", a.easy_getinfo);
        l.find("curl_easy_reset", a.easy_reset);
        l.find("curl_easy_cleanup", a.easy_cleanup);
        l.find("curl_easy_strerror", a.easy_strerror);
        l.find("curl_slist_append", a.slist_append);
        l.find("curl_slist_free_all", a.slist_free_all);
        CURLcode (*global_init)(long) = nullptr;
        l.find("curl_global_init", global_init);
        if (!l.ok()) return;
        const CURLcode rc = global_init(CURL_GLOBAL_DEFAULT);
        if (rc != CURLE_OK) {
          l.fail("curl_global_init failed with code " + std::to_string(static_cast<int>(rc)));
        }
      });
  return out;
}

}  // namespace

const CurlLibrary& curl_library() {
  // Initialised once, by the first caller, and read-only afterwards.
  static const LoadedLibrary<CurlLibrary> loaded = load();
  return loaded.get("libcurl");
}

}  // namespace sub::http
