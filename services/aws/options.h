// Client options from the environment and Substation's `aws` settings block.
#pragma once

#include <string>
#include <string_view>

#include "services/aws/client.h"

namespace sub::aws {

// Region from `region` (else AWS_REGION, AWS_DEFAULT_REGION, the profile), the default
// credential chain (wrapped in AssumeRole when `assume_role_arn` is set), retries from
// AWS_MAX_ATTEMPTS, one HTTP client.
ClientOptions make_client_options(std::string_view region = "",
                                  std::string_view assume_role_arn = "");

// The same for Substation's `aws {arn, assume_role_arn}`: the region is the ARN's.
ClientOptions client_options_for_arn(std::string_view arn, std::string_view assume_role_arn);

}  // namespace sub::aws
