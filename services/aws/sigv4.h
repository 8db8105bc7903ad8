// AWS Signature Version 4: the Authorization-header form and the presigned-URL (query) form.
//
// The signer works on the wire form of a Request. Canonical URI: the wire path, optionally
// normalised (dot segments removed, repeated slashes collapsed), then URI-encoded once more
// (double_uri_encode, every service but S3) or decoded and re-encoded once (S3). Canonical
// query: each parameter decoded and re-encoded with the AWS rules, sorted by key then value.
// Canonical headers: lower-case names, values trimmed with inner whitespace runs collapsed,
// repeated names joined with ',', sorted.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "services/aws/credentials_value.h"
#include "services/aws/request.h"

namespace sub::aws {

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct SigningOptions {
  std::string region;
  std::string service;  // signing name: s3, kinesis, dynamodb, sqs, sns, lambda, ...
  std::chrono::system_clock::time_point time;
  bool normalize_path = true;     // false for S3
  bool double_uri_encode = true;  // false for S3
  // The payload hash line: empty means sha256(body); or kUnsignedPayload.
  std::string payload_hash;
  // Header form: also send (and sign) the payload hash as x-amz-content-sha256 (S3).
  bool payload_hash_header = false;
  // Add X-Amz-Security-Token after signing instead of signing it.
  bool omit_session_token = false;
  std::chrono::seconds expires{3600};  // query form: X-Amz-Expires
};

// The intermediate products, for tests and debugging.
struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lower-case hex
  std::string authorization;  // header form only
};

// Signs `req` in place with the Authorization header (adds X-Amz-Date, X-Amz-Security-Token
// and x-amz-content-sha256 as options say).
SigningResult sign_request(Request& req, const Credentials& creds, const SigningOptions& opts);

// Presigns `req` in place: appends the X-Amz-* parameters and X-Amz-Signature to its query.
SigningResult presign_request(Request& req, const Credentials& creds, const SigningOptions& opts);

// Helpers shared with other services.
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw bytes
std::string hex_encode(std::string_view bytes);
// 20150830T123600Z
std::string amz_date(std::chrono::system_clock::time_point t);

}  // namespace sub::aws
