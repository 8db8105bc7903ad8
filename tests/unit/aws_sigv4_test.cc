// SigV4 against the official suites in ../shared/fixtures/sigv4: aws-c-auth (header and
// query forms), botocore's aws4_testsuite (header form) and the S3 documentation examples.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/sigv4.h"

namespace sub::aws {
namespace {

namespace fs = std::filesystem;

fs::path fixture_root() {
#ifdef SUBSTATION_SOURCE_DIR
  return fs::path(SUBSTATION_SOURCE_DIR) / ".." / "shared" / "fixtures" / "sigv4";
#else
  return fs::path("/work/shared/fixtures/sigv4");
#endif
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

#define REQUIRE_FIXTURES(dir)                                                  \
  do {                                                                         \
    if (!fs::exists(dir)) {                                                    \
      if (in_ci()) FAIL() << "SigV4 fixtures missing: " << (dir);              \
      GTEST_SKIP() << "SigV4 fixtures not found at " << (dir) << " (skipped)"; \
    }                                                                          \
  } while (0)

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A raw request as the suites write it: "METHOD URI HTTP/1.1", headers (continuation lines
// start with whitespace), a blank line, the body.
Request parse_request(const std::string& text) {
  Request req;
  req.scheme = "https";
  size_t eol = text.find('\n');
  std::string line = text.substr(0, eol);
  size_t sp1 = line.find(' ');
  size_t sp2 = line.rfind(' ');
  req.method = line.substr(0, sp1);
  std::string uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t q = uri.find('?');
  req.path = uri.substr(0, q);
  req.query = q == std::string::npos ? "" : uri.substr(q + 1);
  size_t pos = eol == std::string::npos ? text.size() : eol + 1;
  while (pos < text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string::npos) e = text.size();
    std::string l = text.substr(pos, e - pos);
    pos = e + 1;
    if (l.empty()) {
      if (pos <= text.size()) req.body = text.substr(std::min(pos, text.size()));
      break;
    }
    if ((l[0] == ' ' || l[0] == '\t') && !req.headers.empty()) {
      req.headers.back().second += "\n" + l;
      continue;
    }
    size_t colon = l.find(':');
    req.headers.emplace_back(l.substr(0, colon), l.substr(colon + 1));
  }
  if (const std::string* h = req.header("Host")) req.host = *h;
  return req;
}

std::chrono::system_clock::time_point parse_time(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

struct Context {
  Credentials creds;
  SigningOptions opts;
  bool sign_body = false;
  std::string payload_header;
};

Context read_context(const fs::path& dir) {
  std::string js = slurp(dir / "context.json");
  Context c;
  c.creds.access_key_id = json::get(js, "credentials.access_key_id").to_string();
  c.creds.secret_access_key = json::get(js, "credentials.secret_access_key").to_string();
  c.creds.session_token = json::get(js, "credentials.token").to_string();
  c.opts.region = json::get(js, "region").to_string();
  c.opts.service = json::get(js, "service").to_string();
  c.opts.time = parse_time(json::get(js, "timestamp").to_string());
  c.opts.normalize_path = json::get(js, "normalize").to_bool();
  json::Value dbl = json::get(js, "double_uri_encode");
  c.opts.double_uri_encode = !dbl.exists() || dbl.to_bool();
  c.opts.omit_session_token = json::get(js, "omit_session_token").to_bool();
  json::Value exp = json::get(js, "expiration_in_seconds");
  if (exp.exists()) c.opts.expires = std::chrono::seconds(exp.to_int());
  c.sign_body = json::get(js, "sign_body").to_bool();
  c.payload_header = json::get(js, "payload_hash_header").to_string();
  return c;
}

// Header lines of a signed request, sorted, plus the request line and body.
struct Wire {
  std::string request_line;
  std::vector<std::string> headers;
  std::string body;
};

// The request line with its query parameters sorted (their order carries no meaning).
std::string request_line(const std::string& method, const std::string& path,
                         const std::string& query) {
  std::vector<std::string> params;
  size_t i = 0;
  while (!query.empty() && i <= query.size()) {
    size_t j = std::min(query.find('&', i), query.size());
    params.push_back(query.substr(i, j - i));
    i = j + 1;
  }
  std::sort(params.begin(), params.end());
  std::string line = method + " " + path;
  for (size_t k = 0; k < params.size(); ++k) line += (k == 0 ? "?" : "&") + params[k];
  return line + " HTTP/1.1";
}

Wire wire_of(const std::string& text) {
  Request r = parse_request(text);
  Wire w;
  w.request_line = request_line(r.method, r.path, r.query);
  for (auto& [k, v] : r.headers) w.headers.push_back(k + ":" + v);
  std::sort(w.headers.begin(), w.headers.end());
  w.body = r.body;
  return w;
}

Wire wire_of(const Request& r) {
  Wire w;
  w.request_line = request_line(r.method, r.path, r.query);
  for (auto& [k, v] : r.headers) w.headers.push_back(k + ":" + v);
  std::sort(w.headers.begin(), w.headers.end());
  w.body = r.body;
  return w;
}

void expect_file(const fs::path& p, const std::string& got, const std::string& what) {
  if (!fs::exists(p)) return;
  EXPECT_EQ(slurp(p), got) << what << " of " << p.parent_path().filename();
}

std::vector<fs::path> case_dirs(const fs::path& root, const std::string& marker) {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().filename() == marker) {
      dirs.push_back(e.path().parent_path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(AwsSigV4, AwsCAuthSuite) {
  fs::path root = fixture_root() / "aws-c-auth" / "aws-signing-test-suite" / "v4";
  REQUIRE_FIXTURES(root);
  int passed = 0;
  std::vector<fs::path> dirs = case_dirs(root, "context.json");
  ASSERT_GE(dirs.size(), 37u);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    int failures_before =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    Context c = read_context(dir);
    std::string raw = slurp(dir / "request.txt");
    {
      Request req = parse_request(raw);
      SigningOptions o = c.opts;
      o.payload_hash = c.sign_body ? sha256_hex(req.body) : std::string(kEmptySha256);
      o.payload_hash_header = c.sign_body;
      SigningResult r = sign_request(req, c.creds, o);
      expect_file(dir / "header-canonical-request.txt", r.canonical_request, "header creq");
      expect_file(dir / "header-string-to-sign.txt", r.string_to_sign, "header sts");
      expect_file(dir / "header-signature.txt", r.signature, "header signature");
      Wire want = wire_of(slurp(dir / "header-signed-request.txt"));
      Wire got = wire_of(req);
      EXPECT_EQ(want.request_line, got.request_line);
      EXPECT_EQ(want.headers, got.headers);
      EXPECT_EQ(want.body, got.body);
    }
    {
      Request req = parse_request(raw);
      SigningOptions o = c.opts;
      o.payload_hash = c.sign_body ? sha256_hex(req.body) : std::string(kEmptySha256);
      SigningResult r = presign_request(req, c.creds, o);
      expect_file(dir / "query-canonical-request.txt", r.canonical_request, "query creq");
      expect_file(dir / "query-string-to-sign.txt", r.string_to_sign, "query sts");
      expect_file(dir / "query-signature.txt", r.signature, "query signature");
      Wire want = wire_of(slurp(dir / "query-signed-request.txt"));
      Wire got = wire_of(req);
      EXPECT_EQ(want.request_line, got.request_line);
      EXPECT_EQ(want.headers, got.headers);
    }
    if (::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
        failures_before) {
      ++passed;
    }
  }
  std::printf("[ sigv4 ] aws-c-auth: %d/%zu cases pass (header + query forms)\n", passed,
              dirs.size());
  EXPECT_EQ(passed, static_cast<int>(dirs.size()));
}

TEST(AwsSigV4, BotocoreSuite) {
  fs::path root = fixture_root() / "botocore-aws4_testsuite";
  REQUIRE_FIXTURES(root);
  std::vector<fs::path> dirs;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".req") dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  ASSERT_EQ(dirs.size(), 34u);
  int passed = 0;
  for (const fs::path& req_path : dirs) {
    fs::path dir = req_path.parent_path();
    std::string name = req_path.stem().string();
    SCOPED_TRACE(name);
    int before =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    Request req = parse_request(slurp(req_path));
    Credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}};
    std::string creq = slurp(dir / (name + ".creq"));
    size_t t = creq.find("\nx-amz-security-token:");
    if (t != std::string::npos) {
      size_t s = t + 22;
      creds.session_token = creq.substr(s, creq.find('\n', s) - s);
    }
    SigningOptions o;
    o.region = "us-east-1";
    o.service = "service";
    o.time = parse_time("2015-08-30T12:36:00Z");
    SigningResult r = sign_request(req, creds, o);
    EXPECT_EQ(creq, r.canonical_request);
    EXPECT_EQ(slurp(dir / (name + ".sts")), r.string_to_sign);
    EXPECT_EQ(slurp(dir / (name + ".authz")), r.authorization);
    if (::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
        before) {
      ++passed;
    }
  }
  std::printf("[ sigv4 ] botocore aws4_testsuite: %d/%zu cases pass\n", passed, dirs.size());
  EXPECT_EQ(passed, static_cast<int>(dirs.size()));
}

std::string without_spaces_after_commas(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && i > 0 && s[i - 1] == ',') continue;
    out.push_back(s[i]);
  }
  return out;
}

TEST(AwsSigV4, S3DocsExamples) {
  fs::path root = fixture_root() / "s3-docs-examples";
  REQUIRE_FIXTURES(root);
  std::vector<fs::path> dirs = case_dirs(root, "context.json");
  ASSERT_EQ(dirs.size(), 5u);
  int passed = 0;
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    int before =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    Context c = read_context(dir);
    Request req = parse_request(slurp(dir / "request.txt"));
    SigningOptions o = c.opts;
    if (fs::exists(dir / "header-canonical-request.txt")) {
      o.payload_hash = c.sign_body ? sha256_hex(req.body) : std::string(kEmptySha256);
      o.payload_hash_header = !c.payload_header.empty();
      SigningResult r = sign_request(req, c.creds, o);
      expect_file(dir / "header-canonical-request.txt", r.canonical_request, "creq");
      expect_file(dir / "header-string-to-sign.txt", r.string_to_sign, "sts");
      expect_file(dir / "header-signature.txt", r.signature, "signature");
      EXPECT_EQ(without_spaces_after_commas(slurp(dir / "header-authorization.txt")),
                without_spaces_after_commas(r.authorization));
    } else {
      o.payload_hash = std::string(kUnsignedPayload);
      SigningResult r = presign_request(req, c.creds, o);
      expect_file(dir / "query-canonical-request.txt", r.canonical_request, "creq");
      expect_file(dir / "query-string-to-sign.txt", r.string_to_sign, "sts");
      expect_file(dir / "query-signature.txt", r.signature, "signature");
      EXPECT_EQ(wire_of(slurp(dir / "query-signed-request.txt")).request_line,
                wire_of(req).request_line);
    }
    if (::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
        before) {
      ++passed;
    }
  }
  std::printf("[ sigv4 ] S3 documentation examples: %d/%zu cases pass\n", passed, dirs.size());
  EXPECT_EQ(passed, static_cast<int>(dirs.size()));
}

TEST(AwsSigV4, EncodingHelpers) {
  EXPECT_EQ(uri_encode("a b/c~d$", true), "a%20b/c~d%24");
  EXPECT_EQ(uri_encode("a/b", false), "a%2Fb");
  EXPECT_EQ(uri_decode("a%20b%2f%zz"), "a b/%zz");
  std::string query, form;
  append_query(query, "k y", "a b+c");
  append_form(form, "k y", "a b+c");
  append_form(form, "Message", "x/y=1&z");
  EXPECT_EQ(query, "k%20y=a%20b%2Bc");
  EXPECT_EQ(form, "k+y=a+b%2Bc&Message=x%2Fy%3D1%26z");  // as Go's url.Values.Encode
  EXPECT_EQ(sha256_hex(""), kEmptySha256);
}

TEST(AwsSigV4, MissingCredentialsIsAnError) {
  Request req;
  req.host = "example.amazonaws.com";
  SigningOptions o;
  o.region = "us-east-1";
  o.service = "s3";
  EXPECT_THROW(sign_request(req, Credentials{}, o), sub::Error);
}

}  // namespace
}  // namespace sub::aws
