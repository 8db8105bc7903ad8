#include "services/aws/options.h"

#include "services/aws/arn.h"
#include "services/aws/credentials.h"

namespace sub::aws {

ClientOptions make_client_options(std::string_view region, std::string_view assume_role_arn) {
  ClientOptions o;
  o.region = resolve_region(region);
  o.http = std::make_shared<HttpClient>();
  o.retry = RetryPolicy::from_env();
  o.credentials = default_credentials(o.region, std::string(assume_role_arn), o.http);
  return o;
}

ClientOptions client_options_for_arn(std::string_view arn, std::string_view assume_role_arn) {
  std::string region;
  if (Arn::is_arn(arn)) region = Arn::parse(arn).region;
  return make_client_options(region, assume_role_arn);
}

}  // namespace sub::aws
