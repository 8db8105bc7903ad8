// The IAM Identity Center (SSO) settings of a profile, in either form the AWS CLI v2 writes:
//   - sso-session: the profile has sso_session = NAME, sso_account_id and sso_role_name, and
//     "[sso-session NAME]" in the config file has sso_start_url and sso_region (and
//     sso_registration_scopes). Its token can be refreshed.
//   - legacy: the profile itself has sso_start_url, sso_region, sso_account_id and
//     sso_role_name. Its token cannot be refreshed.
#pragma once

#include <optional>
#include <string>

#include "services/aws/profile.h"

namespace sub::aws {

struct SsoProfile {
  std::string profile;  // the profile name, for messages
  std::string session;  // the sso-session name; "" in the legacy form
  std::string start_url;
  std::string region;  // sso_region: where the portal and OIDC are called
  std::string account_id;
  std::string role_name;

  // Nothing when `p` has no sso_* key; throws sub::Error when its SSO settings are
  // incomplete or contradict its sso-session section.
  static std::optional<SsoProfile> from(const Profile& p);

  // The token cache key: the session name, else the start URL.
  const std::string& cache_key() const { return session.empty() ? start_url : session; }
  // What the user runs to get a fresh token: "run `aws sso login --profile P`" (and, for an
  // sso-session, " (or `aws sso login --sso-session S`)").
  std::string login_hint() const;
};

}  // namespace sub::aws
