// The request and response bodies of `substation play` (apps/cli/play.cc): reading the
// members of a JSON request, writing JSON answers the way Go's json.Encoder does (HTML-safe
// string escaping, a trailing newline), and the base64url `share` links.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/node.h"

namespace sub::cli::play {

// A request body: one JSON object. Member names match as Go's encoding/json matches struct
// fields (exactly, else case-insensitively); null is absent. Errors throw sub::Error
// `invalid request: <reason>`.
class RequestBody {
 public:
  explicit RequestBody(std::string_view body);

  // The string member `key`; "" when absent.
  std::string string(std::string_view key) const;

  // The object member `key` whose values are strings, in document order; empty when absent.
  std::vector<std::pair<std::string, std::string>> string_map(std::string_view key) const;

 private:
  config::Node root_;
};

// `{"<key>":"<value>",...}` and a newline.
std::string json_object(const std::vector<std::pair<std::string, std::string>>& members);

// `{"<key>":[{"<k>":"<v>",...},...]}` and a newline: a list of objects of strings.
std::string json_object_list(
    std::string_view key,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& objects);

// `{"<key>":["<item>",...]}` and a newline.
std::string json_string_list(std::string_view key, const std::vector<std::string>& items);

// Go's base64.URLEncoding (URL alphabet, padded).
std::string base64url_encode(std::string_view in);

// Decodes base64url, padded or not; false on invalid input.
bool base64url_decode(std::string_view in, std::string& out);

// What separates the parts of a share link's text: `config{sep}input{sep}`.
inline constexpr std::string_view kShareSeparator = "{substation-separator}";

// The link that pre-fills the editors with `config` and `input`: `/?share=<base64url>`.
std::string share_link(std::string_view config, std::string_view input);

// The config and input a `share` parameter carries; nullopt when it does not decode to
// `config{sep}input{sep}...` (the reference then shows empty editors).
std::optional<std::pair<std::string, std::string>> decode_share(std::string_view param);

}  // namespace sub::cli::play
