#include "services/aws/sso_token_provider.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/client.h"
#include "services/aws/credentials.h"
#include "services/aws/endpoint.h"
#include "services/aws/sigv4.h"

namespace sub::aws {

namespace {

using SystemClock = std::chrono::system_clock;

std::string sha1_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(md), len));
}

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// "2026-01-02T03:04:05Z", the form the AWS CLI writes.
std::string format_iso8601(SystemClock::time_point t) {
  std::time_t secs = SystemClock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string json_string(std::string_view s) {
  std::string out;
  json::append_go_string(out, s);
  return out;
}

// Replaces (or adds) the string member `key` of the JSON object `doc`.
void set_string(std::string& doc, std::string_view key, std::string_view value) {
  std::string out;
  json::set_raw(doc, key, json_string(value), out);
  doc = std::move(out);
}

// Writes `text` to `path` through a temporary file in the same directory (mode 0600), so a
// reader never sees half a file.
void write_private_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot write \"" + tmp + "\": " + std::strerror(errno));
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error("cannot write \"" + tmp + "\": " + std::strerror(e));
    }
    off += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0600);
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    throw Error("cannot replace \"" + path + "\": " + std::strerror(e));
  }
}

}  // namespace

SsoTokenProvider::SsoTokenProvider(SsoProfile profile, std::shared_ptr<HttpClient> http)
    : profile_(std::move(profile)), http_(std::move(http)) {}

std::string SsoTokenProvider::cache_path(const std::string& key) {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw Error("HOME is not set");
  return std::string(home) + "/.aws/sso/cache/" + sha1_hex(key) + ".json";
}

std::string SsoTokenProvider::token() {
  const std::string where = "aws profile " + profile_.profile;
  const std::string login = "; " + profile_.login_hint();
  const std::string path = cache_path(profile_.cache_key());
  std::string cache;
  if (!read_text(path, cache)) {
    throw Error(where + ": no cached SSO token (" + path + ")" + login);
  }
  const std::string access = json::get(cache, "accessToken").to_string();
  const std::string expires_at = json::get(cache, "expiresAt").to_string();
  const SystemClock::time_point expires = parse_iso8601(expires_at);
  if (!json::valid(cache) || access.empty() || expires == SystemClock::time_point{}) {
    throw Error(where + ": the cached SSO token " + path + " has no accessToken or expiresAt" +
                login);
  }
  const SystemClock::time_point now = SystemClock::now();
  if (now + kRefreshWindow < expires) return access;

  std::string why;
  if (profile_.session.empty()) {
    why = "a profile without sso_session cannot refresh its token";
  } else if (json::get(cache, "refreshToken").to_string().empty() ||
             json::get(cache, "clientId").to_string().empty() ||
             json::get(cache, "clientSecret").to_string().empty()) {
    why = "the cache holds no refresh token and client registration";
  } else {
    const std::string reg = json::get(cache, "registrationExpiresAt").to_string();
    if (!reg.empty() && parse_iso8601(reg) <= now) {
      why = "the client registration expired at " + reg;
    } else {
      try {
        return refresh(path, cache);
      } catch (const Error& e) {
        why = e.what();
      }
    }
  }
  if (now < expires) return access;  // still good for a few minutes
  throw Error(where + ": the SSO token expired at " + expires_at + " and cannot be refreshed (" +
              why + ")" + login);
}

std::string SsoTokenProvider::refresh(const std::string& path, std::string& cache) {
  std::string region = json::get(cache, "region").to_string();
  if (region.empty()) region = profile_.region;
  Client oidc = credential_service_client(kSsoOidc, region, nullptr, http_);

  Request req;
  req.method = "POST";
  req.path = "/token";
  req.headers.emplace_back("Content-Type", "application/json");
  req.body = "{\"clientId\":" + json_string(json::get(cache, "clientId").to_string()) +
             ",\"clientSecret\":" + json_string(json::get(cache, "clientSecret").to_string()) +
             ",\"grantType\":\"refresh_token\",\"refreshToken\":" +
             json_string(json::get(cache, "refreshToken").to_string()) + "}";
  Client::Call call;
  call.operation = "CreateToken";
  const std::string body = oidc.send(std::move(req), call).body;

  const std::string access = json::get(body, "accessToken").to_string();
  const int64_t expires_in = json::get(body, "expiresIn").to_int();
  if (access.empty() || expires_in <= 0) {
    throw Error("aws sso-oidc CreateToken: the response has no accessToken or expiresIn");
  }
  set_string(cache, "accessToken", access);
  set_string(cache, "expiresAt",
             format_iso8601(SystemClock::now() + std::chrono::seconds(expires_in)));
  const std::string refresh_token = json::get(body, "refreshToken").to_string();
  if (!refresh_token.empty()) set_string(cache, "refreshToken", refresh_token);
  write_private_file(path, cache);
  return access;
}

}  // namespace sub::aws
