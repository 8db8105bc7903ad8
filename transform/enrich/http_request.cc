#include "transform/enrich/http_request.h"
#include "config/object_settings.h"

#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::transform {
namespace {

constexpr std::string_view kDataVariable = "${DATA}";

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

HttpHeaders read_http_headers(const config::Settings& s) {
  HttpHeaders out;
  for (auto& [name, value] : s.string_map("headers")) out.emplace_back(name, value);
  return out;
}

HttpHeaders interpolate_http_headers(const config::Settings& s, const HttpHeaders& headers,
                                     const secrets::Secrets& secrets) {
  HttpHeaders out;
  for (const auto& [name, value] : headers) {
    try {
      out.emplace_back(name, secrets.interpolate(value));
    } catch (const ConfigError&) {
      throw;
    } catch (const Error& e) {
      s.fail("headers." + name, e.what());
    }
  }
  return out;
}

std::optional<std::string> enrich_http_url(const std::string& url,
                                           const config::ObjectSettings& obj, const Message& msg,
                                           const secrets::Secrets& secrets) {
  std::string out = url;
  if (out.find(kDataVariable) != std::string::npos) {
    if (obj.has_source()) {
      const Value v = msg.get(obj.source_key);
      if (!v.exists()) return std::nullopt;
      replace_all(out, kDataVariable, v.to_string());
    } else {
      replace_all(out, kDataVariable, msg.data());
    }
  }
  try {
    return secrets.interpolate(out);
  } catch (const Error& e) {
    throw Error(std::string("url: ") + e.what());
  }
}

std::string enrich_http_body(const std::string& body) {
  if (!json::valid(body)) return body;
  std::string out;
  json::append_compact(out, body);
  return out;
}

}  // namespace sub::transform
