// A named profile of the shared AWS files: ~/.aws/config (AWS_CONFIG_FILE, sections
// "[default]" and "[profile NAME]") and ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE,
// sections "[NAME]"). Keys of the credentials file win over the config file. The config file
// also holds "[sso-session NAME]" sections, which SSO profiles name with `sso_session`.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sub::aws {

class Profile {
 public:
  // The profile named by AWS_PROFILE (else "default").
  static Profile load_active();
  static Profile load(std::string_view name);
  // The keys of "[sso-session NAME]" in the config file (empty when there is no such section).
  static std::map<std::string, std::string> load_sso_session(std::string_view name);
  // Parses INI text; returns the keys of `section` (exact section header text inside []).
  static std::map<std::string, std::string> parse_section(std::string_view ini,
                                                          std::string_view section);

  const std::string& name() const { return name_; }
  bool empty() const { return values_.empty(); }
  std::string get(std::string_view key) const;  // "" when absent

 private:
  std::string name_;
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace sub::aws
