#include "services/aws/profile.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sub::aws {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string home_file(const char* var, const char* rel) {
  std::string p = env(var);
  if (!p.empty()) {
    if (p.starts_with("~/")) p = env("HOME") + p.substr(1);
    return p;
  }
  std::string home = env("HOME");
  return home.empty() ? "" : home + rel;
}

}  // namespace

std::map<std::string, std::string> Profile::parse_section(std::string_view ini,
                                                          std::string_view section) {
  std::map<std::string, std::string> out;
  bool in_section = false;
  size_t pos = 0;
  while (pos < ini.size()) {
    size_t eol = ini.find('\n', pos);
    if (eol == std::string_view::npos) eol = ini.size();
    std::string_view line = trim(ini.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      std::string_view name =
          close == std::string_view::npos ? line.substr(1) : line.substr(1, close - 1);
      in_section = trim(name) == section;
      continue;
    }
    if (!in_section) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out[key] = std::string(trim(line.substr(eq + 1)));
  }
  return out;
}

Profile Profile::load_active() {
  std::string name = env("AWS_PROFILE");
  if (name.empty()) name = env("AWS_DEFAULT_PROFILE");
  if (name.empty()) name = "default";
  return load(name);
}

Profile Profile::load(std::string_view name) {
  Profile p;
  p.name_ = name;
  std::string config = read_file(home_file("AWS_CONFIG_FILE", "/.aws/config"));
  auto cfg = parse_section(
      config, name == "default" ? std::string("default") : "profile " + std::string(name));
  if (cfg.empty() && name == "default") cfg = parse_section(config, "profile default");
  for (auto& [k, v] : cfg) p.values_[k] = v;
  std::string creds = read_file(home_file("AWS_SHARED_CREDENTIALS_FILE", "/.aws/credentials"));
  for (auto& [k, v] : parse_section(creds, name)) p.values_[k] = v;
  return p;
}

std::map<std::string, std::string> Profile::load_sso_session(std::string_view name) {
  std::string config = read_file(home_file("AWS_CONFIG_FILE", "/.aws/config"));
  return parse_section(config, "sso-session " + std::string(name));
}

std::string Profile::get(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? "" : it->second;
}

}  // namespace sub::aws
