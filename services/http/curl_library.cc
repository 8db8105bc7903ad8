#include "services/http/curl_library.h"

#include <dlfcn.h>

#include <string>

#include "core/error.h"

namespace sub::http {
namespace {

constexpr const char* kSoname = "libcurl.so.4";

struct Loaded {
  CurlLibrary api{};
  std::string error;  // empty when loaded
};

template <typename Fn>
bool find(void* handle, const char* name, Fn*& out, std::string& error) {
  void* sym = dlsym(handle, name);
  if (sym == nullptr) {
    error = std::string(kSoname) + " has no " + name;
    return false;
  }
  out = reinterpret_cast<Fn*>(sym);
  return true;
}

Loaded load() {
  Loaded out;
  // Never closed: handles and connections live as long as the process.
  void* handle = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    out.error = why != nullptr ? why : kSoname;
    return out;
  }
  CurlLibrary& a = out.api;
  CURLcode (*global_init)(long) = nullptr;
  if (!find(handle, "curl_global_init", global_init, out.error) ||
      !find(handle, "curl_easy_init", a.easy_init, out.error) ||
      !find(handle, "curl_easy_setopt", a.easy_setopt, out.error) ||
      !find(handle, "curl_easy_perform", a.easy_perform, out.error) ||
      !find(handle, "curl_easy_getinfo", a.easy_getinfo, out.error) ||
      !find(handle, "curl_easy_reset", a.easy_reset, out.error) ||
      !find(handle, "curl_easy_cleanup", a.easy_cleanup, out.error) ||
      !find(handle, "curl_easy_strerror", a.easy_strerror, out.error) ||
      !find(handle, "curl_slist_append", a.slist_append, out.error) ||
      !find(handle, "curl_slist_free_all", a.slist_free_all, out.error)) {
    return out;
  }
  const CURLcode rc = global_init(CURL_GLOBAL_DEFAULT);
  if (rc != CURLE_OK) {
    out.error = "curl_global_init failed with code " + std::to_string(static_cast<int>(rc));
  }
  return out;
}

}  // namespace

const CurlLibrary& curl_library() {
  // Initialised once, by the first caller, and read-only afterwards.
  static const Loaded loaded = load();
  if (!loaded.error.empty()) throw Error("cannot load libcurl: " + loaded.error);
  return loaded.api;
}

}  // namespace sub::http
