#include "apps/cli/play_json.h"

#include "core/error.h"
#include "core/json/encode.h"

namespace sub::cli::play {
namespace {

constexpr std::string_view kConfigPrefix = "config: ";

[[noreturn]] void invalid(const std::string& why) { throw Error("invalid request: " + why); }

config::Node parse_object(std::string_view body) {
  config::Node root;
  try {
    root = config::Node::parse(body);
  } catch (const Error& e) {
    // Node's messages speak of a config; this is a request body.
    std::string msg = e.what();
    if (msg.starts_with(kConfigPrefix)) msg.erase(0, kConfigPrefix.size());
    invalid(msg);
  }
  if (!root.is_object()) invalid("the body must be a JSON object");
  return root;
}

}  // namespace

RequestBody::RequestBody(std::string_view body) : root_(parse_object(body)) {}

std::string RequestBody::string(std::string_view key) const {
  const config::Node* member = root_.find(key);
  if (member == nullptr) return "";
  if (!member->is_string()) invalid(std::string(key) + ": must be a string");
  return member->text();
}

std::vector<std::pair<std::string, std::string>> RequestBody::string_map(
    std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> out;
  const config::Node* member = root_.find(key);
  if (member == nullptr) return out;
  if (!member->is_object()) invalid(std::string(key) + ": must be an object of strings");
  for (const auto& [name, value] : member->members()) {
    if (!value.is_string()) invalid(std::string(key) + "." + name + ": must be a string");
    out.emplace_back(name, value.text());
  }
  return out;
}

std::string json_object(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    json::append_go_string(out, key);
    out += ':';
    json::append_go_string(out, value);
  }
  out += "}\n";
  return out;
}

std::string json_object_list(
    std::string_view key,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& objects) {
  std::string out = "{";
  json::append_go_string(out, key);
  out += ":[";
  for (size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out += ',';
    out += json_object(objects[i]);
    out.pop_back();  // the newline
  }
  out += "]}\n";
  return out;
}

std::string json_string_list(std::string_view key, const std::vector<std::string>& items) {
  std::string out = "{";
  json::append_go_string(out, key);
  out += ":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    json::append_go_string(out, items[i]);
  }
  out += "]}\n";
  return out;
}

std::string base64url_encode(std::string_view in) {
  std::string out = json::base64_encode(in);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

bool base64url_decode(std::string_view in, std::string& out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string standard(in);
  for (char& c : standard) {
    if (c == '+' || c == '/' || c == '\r' || c == '\n') return false;
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (standard.size() % 4 == 1) return false;
  while (standard.size() % 4 != 0) standard += '=';
  return json::base64_decode(standard, out);
}

std::string share_link(std::string_view config, std::string_view input) {
  std::string text(config);
  text += kShareSeparator;
  text += input;
  text += kShareSeparator;
  return "/?share=" + base64url_encode(text);
}

std::optional<std::pair<std::string, std::string>> decode_share(std::string_view param) {
  std::string text;
  if (param.empty() || !base64url_decode(param, text)) return std::nullopt;
  const size_t first = text.find(kShareSeparator);
  if (first == std::string::npos) return std::nullopt;
  const size_t second = text.find(kShareSeparator, first + kShareSeparator.size());
  if (second == std::string::npos) return std::nullopt;
  return std::make_pair(
      text.substr(0, first),
      text.substr(first + kShareSeparator.size(), second - first - kShareSeparator.size()));
}

}  // namespace sub::cli::play
