#include "services/aws/sso_profile.h"

#include <vector>

#include "core/error.h"

namespace sub::aws {

namespace {

void require(const std::string& what, std::vector<std::pair<const char*, std::string>> keys) {
  std::string missing;
  for (const auto& [name, value] : keys) {
    if (!value.empty()) continue;
    if (!missing.empty()) missing += ", ";
    missing += name;
  }
  if (!missing.empty()) throw Error(what + ": missing " + missing);
}

}  // namespace

std::optional<SsoProfile> SsoProfile::from(const Profile& p) {
  SsoProfile s;
  s.profile = p.name();
  s.session = p.get("sso_session");
  s.start_url = p.get("sso_start_url");
  s.region = p.get("sso_region");
  s.account_id = p.get("sso_account_id");
  s.role_name = p.get("sso_role_name");
  if (s.session.empty() && s.start_url.empty() && s.region.empty() && s.account_id.empty() &&
      s.role_name.empty()) {
    return std::nullopt;
  }
  const std::string what = "aws profile " + s.profile + ": SSO settings";
  if (s.session.empty()) {
    require(what, {{"sso_start_url", s.start_url},
                   {"sso_region", s.region},
                   {"sso_account_id", s.account_id},
                   {"sso_role_name", s.role_name}});
    return s;
  }
  require(what, {{"sso_account_id", s.account_id}, {"sso_role_name", s.role_name}});
  auto section = Profile::load_sso_session(s.session);
  const std::string where = "aws profile " + s.profile + ": sso-session " + s.session;
  if (section.empty())
    throw Error(where + ": no [sso-session " + s.session + "] in the config file");
  // A profile may repeat the session's start URL and region, but not contradict them.
  for (const char* key : {"sso_start_url", "sso_region"}) {
    const std::string& own = std::string_view(key) == "sso_start_url" ? s.start_url : s.region;
    const std::string& shared = section[key];
    if (!own.empty() && !shared.empty() && own != shared) {
      throw Error(where + ": the profile's " + key + " differs from the session's");
    }
  }
  s.start_url = section["sso_start_url"];
  s.region = section["sso_region"];
  require(where, {{"sso_start_url", s.start_url}, {"sso_region", s.region}});
  return s;
}

std::string SsoProfile::login_hint() const {
  std::string hint = "run `aws sso login --profile " + profile + "`";
  if (!session.empty()) hint += " (or `aws sso login --sso-session " + session + "`)";
  return hint;
}

}  // namespace sub::aws
