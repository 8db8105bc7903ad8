#include "services/aws/arn.h"

#include <vector>

#include "core/error.h"

namespace sub::aws {

bool Arn::is_arn(std::string_view s) {
  if (!s.starts_with("arn:")) return false;
  int colons = 0;
  for (char c : s) colons += c == ':';
  return colons >= 5;
}

Arn Arn::parse(std::string_view s) {
  if (!is_arn(s)) throw Error("aws: invalid ARN \"" + std::string(s) + "\"");
  std::vector<std::string_view> parts;
  size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    size_t c = s.find(':', pos);
    parts.push_back(s.substr(pos, c - pos));
    pos = c + 1;
  }
  Arn a;
  a.partition = parts[1];
  a.service = parts[2];
  a.region = parts[3];
  a.account = parts[4];
  a.resource = s.substr(pos);
  if (a.partition.empty() || a.service.empty()) {
    throw Error("aws: invalid ARN \"" + std::string(s) + "\"");
  }
  return a;
}

std::string Arn::resource_name() const {
  size_t slash = resource.find('/');
  size_t colon = resource.find(':');
  size_t cut = std::min(slash, colon);
  if (cut == std::string::npos) return resource;
  return resource.substr(cut + 1);
}

}  // namespace sub::aws
