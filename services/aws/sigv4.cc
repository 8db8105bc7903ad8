#include "services/aws/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <utility>
#include <vector>

#include "core/error.h"

namespace sub::aws {

std::string hex_encode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(md), sizeof(md)));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len) == nullptr) {
    throw Error("aws sigv4: HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string amz_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

namespace {

// RFC 3986 remove_dot_segments plus collapsing of empty segments; keeps a trailing slash.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  bool trailing = false;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    bool last = j >= path.size();
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else if (seg == ".") {
      trailing = true;
    } else if (seg.empty()) {
      trailing = true;
    } else {
      out.push_back(seg);
      trailing = false;
    }
    if (last) break;
    i = j + 1;
  }
  std::string result;
  for (std::string_view s : out) {
    result.push_back('/');
    result.append(s);
  }
  if (result.empty() || trailing) result.push_back('/');
  return result;
}

std::string canonical_uri(std::string_view wire_path, const SigningOptions& opts) {
  std::string path(wire_path.empty() ? std::string_view("/") : wire_path);
  if (opts.normalize_path) path = normalize_path(path);
  if (opts.double_uri_encode) return uri_encode(path, true);
  return uri_encode(uri_decode(path), true);
}

using Params = std::vector<std::pair<std::string, std::string>>;

// Wire query → encoded (key, value) pairs.
Params parse_query(std::string_view query) {
  Params params;
  size_t i = 0;
  while (i <= query.size() && !query.empty()) {
    size_t j = query.find('&', i);
    if (j == std::string_view::npos) j = query.size();
    std::string_view part = query.substr(i, j - i);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string_view k = part.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
      params.emplace_back(uri_encode(uri_decode(k), false), uri_encode(uri_decode(v), false));
    }
    if (j >= query.size()) break;
    i = j + 1;
  }
  return params;
}

std::string canonical_query(Params params) {
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

bool skipped_header(std::string_view lower) {
  return lower == "authorization" || lower == "user-agent" || lower == "x-amzn-trace-id" ||
         lower == "expect" || lower == "connection" || lower == "transfer-encoding";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims and collapses runs of whitespace (space, tab, CR, LF) to one space.
std::string canonical_value(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;  // "name:value\n" lines
  std::string signed_names;
};

CanonicalHeaders canonical_headers(const Request& req) {
  std::vector<std::pair<std::string, std::string>> hs;
  bool has_host = false;
  for (const auto& [name, value] : req.headers) {
    std::string n = lower(name);
    if (skipped_header(n)) continue;
    if (n == "host") has_host = true;
    hs.emplace_back(std::move(n), canonical_value(value));
  }
  if (!has_host) hs.emplace_back("host", req.host);
  std::stable_sort(hs.begin(), hs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  for (size_t i = 0; i < hs.size(); ++i) {
    if (i > 0 && hs[i].first == hs[i - 1].first) {
      out.block.pop_back();  // '\n'
      out.block.push_back(',');
      out.block += hs[i].second;
      out.block.push_back('\n');
      continue;
    }
    if (!out.signed_names.empty()) out.signed_names.push_back(';');
    out.signed_names += hs[i].first;
    out.block += hs[i].first;
    out.block.push_back(':');
    out.block += hs[i].second;
    out.block.push_back('\n');
  }
  return out;
}

std::string signing_key(const Credentials& creds, std::string_view date,
                        const SigningOptions& opts) {
  std::string k = hmac_sha256("AWS4" + creds.secret_access_key, date);
  k = hmac_sha256(k, opts.region);
  k = hmac_sha256(k, opts.service);
  return hmac_sha256(k, "aws4_request");
}

void check(const Credentials& creds, const SigningOptions& opts) {
  if (creds.empty()) throw Error("aws sigv4: no credentials to sign the request with");
  if (opts.region.empty()) throw Error("aws sigv4: no region to sign the request for");
  if (opts.service.empty()) throw Error("aws sigv4: no service name to sign the request for");
}

struct Scope {
  std::string datetime;
  std::string date;
  std::string scope;
};

Scope make_scope(const SigningOptions& opts) {
  Scope s;
  s.datetime = amz_date(opts.time);
  s.date = s.datetime.substr(0, 8);
  s.scope = s.date + "/" + opts.region + "/" + opts.service + "/aws4_request";
  return s;
}

void finish(SigningResult& r, const Credentials& creds, const Scope& scope,
            const SigningOptions& opts) {
  r.string_to_sign = "AWS4-HMAC-SHA256\n" + scope.datetime + "\n" + scope.scope + "\n" +
                     sha256_hex(r.canonical_request);
  r.signature = hex_encode(hmac_sha256(signing_key(creds, scope.date, opts), r.string_to_sign));
}

}  // namespace

SigningResult sign_request(Request& req, const Credentials& creds, const SigningOptions& opts) {
  check(creds, opts);
  Scope scope = make_scope(opts);
  std::string payload = opts.payload_hash.empty() ? sha256_hex(req.body) : opts.payload_hash;

  req.set_header("X-Amz-Date", scope.datetime);
  bool token = !creds.session_token.empty();
  if (token && !opts.omit_session_token) {
    req.set_header("X-Amz-Security-Token", creds.session_token);
  }
  if (opts.payload_hash_header) req.set_header("x-amz-content-sha256", payload);
  if (req.header("Host") == nullptr) req.set_header("Host", req.host);

  SigningResult r;
  CanonicalHeaders ch = canonical_headers(req);
  r.canonical_request = req.method + "\n" + canonical_uri(req.path, opts) + "\n" +
                        canonical_query(parse_query(req.query)) + "\n" + ch.block + "\n" +
                        ch.signed_names + "\n" + payload;
  finish(r, creds, scope, opts);
  r.authorization = "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" + scope.scope +
                    ", SignedHeaders=" + ch.signed_names + ", Signature=" + r.signature;
  req.set_header("Authorization", r.authorization);
  if (token && opts.omit_session_token) {
    req.set_header("X-Amz-Security-Token", creds.session_token);
  }
  return r;
}

SigningResult presign_request(Request& req, const Credentials& creds, const SigningOptions& opts) {
  check(creds, opts);
  Scope scope = make_scope(opts);
  std::string payload = opts.payload_hash.empty() ? sha256_hex(req.body) : opts.payload_hash;
  if (req.header("Host") == nullptr) req.set_header("Host", req.host);
  CanonicalHeaders ch = canonical_headers(req);
  bool token = !creds.session_token.empty();

  // Parameters in the order the signed URL carries them.
  std::string added;
  append_query(added, "X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  append_query(added, "X-Amz-Credential", creds.access_key_id + "/" + scope.scope);
  append_query(added, "X-Amz-Date", scope.datetime);
  append_query(added, "X-Amz-SignedHeaders", ch.signed_names);
  append_query(added, "X-Amz-Expires", std::to_string(opts.expires.count()));
  std::string token_param;
  if (token) append_query(token_param, "X-Amz-Security-Token", creds.session_token);

  std::string signed_query = req.query;
  if (!signed_query.empty()) signed_query.push_back('&');
  signed_query += added;
  if (token && !opts.omit_session_token) signed_query += "&" + token_param;

  SigningResult r;
  r.canonical_request = req.method + "\n" + canonical_uri(req.path, opts) + "\n" +
                        canonical_query(parse_query(signed_query)) + "\n" + ch.block + "\n" +
                        ch.signed_names + "\n" + payload;
  finish(r, creds, scope, opts);
  if (token && opts.omit_session_token) signed_query += "&" + token_param;
  append_query(signed_query, "X-Amz-Signature", r.signature);
  req.query = std::move(signed_query);
  return r;
}

}  // namespace sub::aws
