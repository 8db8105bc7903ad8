// Amazon Resource Names: arn:partition:service:region:account-id:resource.
#pragma once

#include <string>
#include <string_view>

namespace sub::aws {

struct Arn {
  std::string partition;
  std::string service;
  std::string region;
  std::string account;
  std::string resource;  // everything after the fifth ':' (e.g. "stream/name", "bucket")

  // Throws sub::Error naming the value when `s` is not an ARN.
  static Arn parse(std::string_view s);
  // True when `s` has the ARN shape.
  [[nodiscard]] static bool is_arn(std::string_view s);
  // The resource without a type prefix: "stream/name" → "name", "table/t" → "t",
  // "function:f" → "f", "bucket" → "bucket".
  std::string resource_name() const;
};

}  // namespace sub::aws
