#include "apps/lambda/settings.h"

#include <cstdlib>
#include <string_view>

#include "core/error.h"

namespace sub::lambda {
namespace {

const char* env(const char* name) { return std::getenv(name); }

int64_t parse_positive(std::string_view name, std::string_view value) {
  int64_t n = 0;
  if (value.empty() || value.size() > 12) {
    throw Error(std::string(name) + ": not a positive integer: \"" + std::string(value) + "\"");
  }
  for (char c : value) {
    if (c < '0' || c > '9') {
      throw Error(std::string(name) + ": not a positive integer: \"" + std::string(value) + "\"");
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

bool parse_bool(std::string_view name, std::string_view value) {
  if (value == "true" || value == "TRUE" || value == "True" || value == "1") return true;
  if (value.empty() || value == "false" || value == "FALSE" || value == "False" || value == "0") {
    return false;
  }
  throw Error(std::string(name) + ": not a boolean: \"" + std::string(value) + "\"");
}

}  // namespace

Settings Settings::from_env() {
  Settings s;
  if (const char* v = env("SUBSTATION_LAMBDA_HANDLER")) {
    s.handler = v;
    s.handler_set = true;
  }
  if (const char* v = env("SUBSTATION_CONFIG")) {
    s.config = v;
    s.config_set = true;
  }
  s.debug = env("SUBSTATION_DEBUG") != nullptr;
  if (const char* v = env("SUBSTATION_PARTIAL_BATCH_RESPONSE")) {
    s.partial_batch_response = parse_bool("SUBSTATION_PARTIAL_BATCH_RESPONSE", v);
  }
  if (const char* v = env("SUBSTATION_CONFIG_REFRESH_SECONDS")) {
    s.config_refresh = std::chrono::seconds(parse_positive("SUBSTATION_CONFIG_REFRESH_SECONDS", v));
  }
  if (const char* v = env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")) {
    const int64_t mib = parse_positive("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", v);
    if (mib > 0) s.max_line = static_cast<size_t>(static_cast<double>(mib) * 0.8 * 1e6);
  }
  return s;
}

}  // namespace sub::lambda
