#include "services/aws/endpoint.h"

#include <cstdlib>

#include "core/error.h"
#include "services/aws/profile.h"

namespace sub::aws {

namespace {
std::string env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v == nullptr ? "" : v;
}
}  // namespace

Endpoint parse_endpoint_url(std::string_view url, std::string_view what) {
  Endpoint e;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) {
    throw Error(std::string(what) + ": invalid endpoint URL \"" + std::string(url) + "\"");
  }
  e.scheme = url.substr(0, sep);
  if (e.scheme != "http" && e.scheme != "https") {
    throw Error(std::string(what) + ": endpoint URL \"" + std::string(url) +
                "\" must use http or https");
  }
  std::string_view rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  e.host = rest.substr(0, slash);
  if (e.host.empty()) {
    throw Error(std::string(what) + ": endpoint URL \"" + std::string(url) + "\" has no host");
  }
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    e.base_path = path;
  }
  e.overridden = true;
  return e;
}

Endpoint resolve_endpoint(const Service& service, std::string_view region) {
  std::string specific = "AWS_ENDPOINT_URL_" + std::string(service.env_id);
  std::string url = env(specific);
  if (!url.empty()) return parse_endpoint_url(url, specific);
  url = env("AWS_ENDPOINT_URL");
  if (!url.empty()) return parse_endpoint_url(url, "AWS_ENDPOINT_URL");
  if (region.empty()) {
    throw Error("aws " + std::string(service.endpoint_prefix) +
                ": no region (set aws.arn, AWS_REGION or AWS_DEFAULT_REGION)");
  }
  Endpoint e;
  e.scheme = "https";
  std::string suffix = region.starts_with("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
  e.host = std::string(service.endpoint_prefix) + "." + std::string(region) + suffix;
  return e;
}

std::string resolve_region(std::string_view configured) {
  if (!configured.empty()) return std::string(configured);
  std::string r = env("AWS_REGION");
  if (!r.empty()) return r;
  r = env("AWS_DEFAULT_REGION");
  if (!r.empty()) return r;
  return Profile::load_active().get("region");
}

}  // namespace sub::aws
