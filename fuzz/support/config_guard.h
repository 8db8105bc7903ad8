// Keeps the config targets inside the process. A config may name components that read
// files, call other hosts or AWS, or read the environment when they are built (KV stores
// load their files, secrets are retrieved, AWS clients look for credentials). The targets
// build only configs that name none of them; and, in case a component slips through,
// LLVMFuzzerInitialize points every proxy and AWS endpoint at a closed loopback port.
// scripts/fuzz also runs the targets in a network namespace of their own when it can.
#pragma once

#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "config/node.h"

namespace sub::fuzz {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True for a component type that may reach outside the process (transforms, KV stores,
// secrets and metric destinations alike). Deliberately broad: a word anywhere in the name.
inline bool reaches_outside(std::string_view type) {
  const std::string t = lower(type);
  for (std::string_view word :
       {"file", "aws", "http", "dns", "gcp", "mmdb", "environment", "secret"}) {
    if (t.find(word) != std::string::npos) return true;
  }
  return t.rfind("send_", 0) == 0 && t != "send_stdout";
}

// False when any object member named `type` (in any letter case, at any depth) names a
// component that reaches_outside. Iterative: parsed configs may nest deeply.
inline bool safe_to_build(const config::Node& root) {
  std::vector<const config::Node*> todo{&root};
  while (!todo.empty()) {
    const config::Node* n = todo.back();
    todo.pop_back();
    for (const config::Node& item : n->items()) todo.push_back(&item);
    for (const auto& [key, value] : n->members()) {
      if (lower(key) == "type" && value.is_string() && reaches_outside(value.text())) return false;
      todo.push_back(&value);
    }
  }
  return true;
}

inline void cut_off_network() {
  const char* closed = "http://127.0.0.1:9";
  for (const char* var : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                          "all_proxy", "AWS_ENDPOINT_URL"}) {
    setenv(var, closed, 1);
  }
  unsetenv("NO_PROXY");
  unsetenv("no_proxy");
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  setenv("AWS_ACCESS_KEY_ID", "fuzz", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "fuzz", 1);
  setenv("AWS_REGION", "us-east-1", 1);
}

}  // namespace sub::fuzz
