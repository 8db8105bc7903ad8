#include "services/http/handle_pool.h"

#include "services/http/curl_library.h"

namespace sub::http {

HandlePool::~HandlePool() {
  for (CURL* c : idle_) curl_library().easy_cleanup(c);
}

CURL* HandlePool::take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      CURL* c = idle_.back();
      idle_.pop_back();
      return c;
    }
  }
  return curl_library().easy_init();
}

void HandlePool::give_back(CURL* handle) {
  if (handle == nullptr) return;
  curl_library().easy_reset(handle);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_library().easy_cleanup(handle);
}

void HandlePool::discard(CURL* handle) {
  if (handle != nullptr) curl_library().easy_cleanup(handle);
}

}  // namespace sub::http
