#include "apps/autoscale/settings.h"

#include <cerrno>
#include <cstdlib>
#include <string>

#include "core/error.h"

namespace sub::autoscale {
namespace {

// strconv.Atoi: optional sign, decimal digits only.
int64_t parse_datapoints(const char* name, const char* v) {
  const std::string s(v);
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (i == s.size()) throw Error(std::string(name) + ": invalid integer \"" + s + "\"");
  for (size_t j = i; j < s.size(); ++j) {
    if (s[j] < '0' || s[j] > '9')
      throw Error(std::string(name) + ": invalid integer \"" + s + "\"");
  }
  errno = 0;
  const long long n = std::strtoll(s.c_str(), nullptr, 10);
  if (errno == ERANGE || n > 2147483647LL || n < 1) {
    throw Error(std::string(name) + ": datapoints must be between 1 and 2147483647, got \"" + s +
                "\"");
  }
  return n;
}

double parse_threshold(const char* name, const char* v) {
  const std::string s(v);
  char* end = nullptr;
  errno = 0;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE ||
      s.find_first_of(" \t\n") != std::string::npos) {
    throw Error(std::string(name) + ": invalid number \"" + s + "\"");
  }
  return d;
}

}  // namespace

Settings Settings::from_env(const Getenv& getenv) {
  Settings s;
  if (const char* v = getenv("AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS")) {
    s.downscale_datapoints = parse_datapoints("AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS", v);
  }
  if (const char* v = getenv("AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS")) {
    s.upscale_datapoints = parse_datapoints("AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS", v);
  }
  if (const char* v = getenv("AUTOSCALE_KINESIS_THRESHOLD")) {
    const double t = parse_threshold("AUTOSCALE_KINESIS_THRESHOLD", v);
    if (t >= 0.4 && t <= 0.9) s.threshold = t;
  }
  return s;
}

}  // namespace sub::autoscale
