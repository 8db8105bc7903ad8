// The `aws` settings block of the AWS transforms: `arn` (the resource; its region picks the
// endpoint) and `assume_role_arn`.
#pragma once

#include <string>
#include <utility>

#include "config/settings.h"
#include "core/error.h"
#include "services/aws/options.h"

namespace sub::transform {

// Reads the required `aws.arn` and builds client options for its region and
// `aws.assume_role_arn`; bad values fail naming the setting.
inline std::pair<std::string, aws::ClientOptions> read_aws_arn(const config::Settings& s,
                                                               bool required = true) {
  const config::Settings aws = s.child("aws");
  std::string arn = aws.string("arn");
  if (arn.empty() && required) aws.missing("arn");
  aws::ClientOptions options;
  try {
    options = aws::client_options_for_arn(arn, aws.string("assume_role_arn"));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  return {std::move(arn), std::move(options)};
}

}  // namespace sub::transform
