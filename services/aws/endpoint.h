// Service identities and endpoint resolution: AWS_ENDPOINT_URL_<SERVICE>, then
// AWS_ENDPOINT_URL, then the public endpoint https://<prefix>.<region>.amazonaws.com[.cn].
#pragma once

#include <string>
#include <string_view>

namespace sub::aws {

struct Service {
  std::string_view env_id;  // AWS_ENDPOINT_URL_<env_id>
  std::string_view endpoint_prefix;
  std::string_view signing_name;
};

inline constexpr Service kS3{"S3", "s3", "s3"};
inline constexpr Service kKinesis{"KINESIS", "kinesis", "kinesis"};
inline constexpr Service kDynamoDB{"DYNAMODB", "dynamodb", "dynamodb"};
inline constexpr Service kSqs{"SQS", "sqs", "sqs"};
inline constexpr Service kSns{"SNS", "sns", "sns"};
inline constexpr Service kLambda{"LAMBDA", "lambda", "lambda"};
inline constexpr Service kFirehose{"FIREHOSE", "firehose", "firehose"};
inline constexpr Service kEventBridge{"EVENTBRIDGE", "events", "events"};
inline constexpr Service kSecretsManager{"SECRETS_MANAGER", "secretsmanager", "secretsmanager"};
inline constexpr Service kCloudWatch{"CLOUDWATCH", "monitoring", "monitoring"};
inline constexpr Service kSts{"STS", "sts", "sts"};
// IAM Identity Center: the portal (GetRoleCredentials) and OIDC (CreateToken). Both are
// called with a bearer token or none, never signed.
inline constexpr Service kSso{"SSO", "portal.sso", "awsssoportal"};
inline constexpr Service kSsoOidc{"SSO_OIDC", "oidc", "sso-oauth"};

struct Endpoint {
  std::string scheme;       // http or https
  std::string host;         // host[:port]
  std::string base_path;    // "" or a path prefix without trailing '/'
  bool overridden = false;  // from AWS_ENDPOINT_URL*: S3 then uses path-style addressing
};

// Parses "scheme://host[:port][/path]". Throws sub::Error naming `what` on a bad URL.
Endpoint parse_endpoint_url(std::string_view url, std::string_view what);

Endpoint resolve_endpoint(const Service& service, std::string_view region);

// The region: `configured` if set, else AWS_REGION, else AWS_DEFAULT_REGION, else the
// `region` of the active profile in the shared config file; "" if none.
std::string resolve_region(std::string_view configured = "");

}  // namespace sub::aws
