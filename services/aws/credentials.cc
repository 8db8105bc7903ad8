#include "services/aws/credentials.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/client.h"
#include "services/aws/endpoint.h"
#include "services/aws/error.h"
#include "services/aws/process_provider.h"
#include "services/aws/profile.h"
#include "services/aws/sso_profile.h"
#include "services/aws/sso_provider.h"
#include "services/aws/xml.h"

namespace sub::aws {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(std::string(what) + ": cannot read \"" + path + "\"");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string form(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  std::string out;
  for (const auto& [k, v] : kv) append_form(out, k, v);
  return out;
}

Credentials from_sts_xml(const std::string& xml, const std::string& what) {
  Credentials c;
  c.access_key_id = xml_text(xml, "AccessKeyId");
  c.secret_access_key = xml_text(xml, "SecretAccessKey");
  c.session_token = xml_text(xml, "SessionToken");
  c.expiration = parse_iso8601(xml_text(xml, "Expiration"));
  if (c.empty()) throw Error(what + ": response has no credentials");
  return c;
}

// ECS/IMDS JSON: AccessKeyId, SecretAccessKey, Token, Expiration.
Credentials from_json(const std::string& body, const std::string& what) {
  Credentials c;
  c.access_key_id = json::get(body, "AccessKeyId").to_string();
  c.secret_access_key = json::get(body, "SecretAccessKey").to_string();
  c.session_token = json::get(body, "Token").to_string();
  c.expiration = parse_iso8601(json::get(body, "Expiration").to_string());
  if (c.empty()) throw Error(what + ": response has no credentials");
  return c;
}

std::string session_name_or_default(std::string s) {
  if (!s.empty()) return s;
  return "substation-" + std::to_string(std::time(nullptr));
}

}  // namespace

std::chrono::system_clock::time_point parse_iso8601(std::string_view s) {
  if (s.size() < 19) return {};
  std::tm tm{};
  std::string head(s.substr(0, 19));
  if (strptime(head.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

Credentials EnvProvider::get() {
  Credentials c;
  c.access_key_id = env("AWS_ACCESS_KEY_ID");
  c.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  c.session_token = env("AWS_SESSION_TOKEN");
  if (c.empty()) throw Error("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY not set");
  return c;
}

ProfileProvider::ProfileProvider(std::string name, std::shared_ptr<HttpClient> http)
    : name_(std::move(name)), http_(std::move(http)) {}

Credentials ProfileProvider::get() {
  std::string name = name_;
  if (name.empty()) name = Profile::load_active().name();
  try {
    return resolve(name, 0);
  } catch (const ConfiguredSourceError&) {
    throw;
  } catch (const Error& e) {
    // A profile that names a credential source ends the search with its own error; one
    // that names none (absent, or only a region) lets the chain go on.
    const Profile p = Profile::load(name);
    for (const char* key : {"role_arn", "aws_access_key_id", "sso_session", "sso_start_url",
                            "sso_account_id", "credential_process", "web_identity_token_file"}) {
      if (!p.get(key).empty()) throw ConfiguredSourceError(e.what());
    }
    throw;
  }
}

Credentials ProfileProvider::resolve(const std::string& name, int depth) {
  if (depth > 4) throw Error("aws profile " + name + ": source_profile chain too deep");
  Profile p = Profile::load(name);
  if (p.empty()) throw Error("aws profile " + name + ": not found in the shared files");
  std::string role = p.get("role_arn");
  std::string region = resolve_region(p.get("region"));
  if (!role.empty()) {
    if (!p.get("web_identity_token_file").empty()) {
      return WebIdentityProvider(p.get("web_identity_token_file"), role, p.get("role_session_name"),
                                 region, http_)
          .get();
    }
    std::string source = p.get("source_profile");
    std::shared_ptr<CredentialsProvider> src;
    if (!source.empty() && source != name) {
      src = std::make_shared<StaticProvider>(resolve(source, depth + 1));
    } else if (!source.empty()) {
      Credentials c{p.get("aws_access_key_id"),
                    p.get("aws_secret_access_key"),
                    p.get("aws_session_token"),
                    {}};
      src = std::make_shared<StaticProvider>(c);
    } else if (p.get("credential_source") == "Environment") {
      src = std::make_shared<EnvProvider>();
    } else if (p.get("credential_source") == "EcsContainer") {
      src = std::make_shared<ContainerProvider>(http_);
    } else if (p.get("credential_source") == "Ec2InstanceMetadata") {
      src = std::make_shared<ImdsProvider>(http_);
    } else {
      throw Error("aws profile " + name + ": role_arn needs source_profile or credential_source");
    }
    return AssumeRoleProvider(src, role, p.get("role_session_name"), region, http_,
                              p.get("external_id"))
        .get();
  }
  // As the SDKs: static keys first, then SSO, then credential_process.
  Credentials c{
      p.get("aws_access_key_id"), p.get("aws_secret_access_key"), p.get("aws_session_token"), {}};
  if (!c.empty()) return c;
  if (std::optional<SsoProfile> sso = SsoProfile::from(p)) return SsoProvider(*sso, http_).get();
  if (!p.get("credential_process").empty()) {
    return ProcessProvider(name, p.get("credential_process")).get();
  }
  throw Error("aws profile " + name +
              ": no aws_access_key_id/aws_secret_access_key, SSO settings (sso_session, "
              "sso_start_url) or credential_process");
}

WebIdentityProvider::WebIdentityProvider(std::string token_file, std::string role_arn,
                                         std::string session_name, std::string region,
                                         std::shared_ptr<HttpClient> http)
    : token_file_(std::move(token_file)),
      role_arn_(std::move(role_arn)),
      session_name_(std::move(session_name)),
      region_(std::move(region)),
      http_(std::move(http)) {}

Credentials WebIdentityProvider::get() {
  std::string file = token_file_.empty() ? env("AWS_WEB_IDENTITY_TOKEN_FILE") : token_file_;
  std::string role = role_arn_.empty() ? env("AWS_ROLE_ARN") : role_arn_;
  if (file.empty() || role.empty()) {
    throw Error("AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN not set");
  }
  std::string token = read_file(file, "AWS_WEB_IDENTITY_TOKEN_FILE");
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  std::string session =
      session_name_or_default(session_name_.empty() ? env("AWS_ROLE_SESSION_NAME") : session_name_);
  Client sts =
      credential_service_client(kSts, resolve_region(region_), nullptr, http_);  // unsigned call
  std::string xml =
      sts.query("AssumeRoleWithWebIdentity", form({{"Action", "AssumeRoleWithWebIdentity"},
                                                   {"Version", "2011-06-15"},
                                                   {"RoleArn", role},
                                                   {"RoleSessionName", session},
                                                   {"WebIdentityToken", token}}));
  return from_sts_xml(xml, "aws sts AssumeRoleWithWebIdentity " + role);
}

Credentials ContainerProvider::get() {
  std::string full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  std::string rel = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  std::string url;
  if (!rel.empty()) {
    url = "http://169.254.170.2" + rel;
  } else if (!full.empty()) {
    url = full;
  } else {
    throw Error("AWS_CONTAINER_CREDENTIALS_FULL_URI/RELATIVE_URI not set");
  }
  Endpoint e = parse_endpoint_url(url, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  Request req;
  req.scheme = e.scheme;
  size_t slash = url.find('/', url.find("://") + 3);
  req.host = e.host;
  std::string path = slash == std::string::npos ? "/" : url.substr(slash);
  size_t q = path.find('?');
  req.path = path.substr(0, q);
  if (q != std::string::npos) req.query = path.substr(q + 1);
  std::string auth = env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  std::string auth_file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  if (!auth_file.empty()) {
    auth = read_file(auth_file, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    while (!auth.empty() && (auth.back() == '\n' || auth.back() == '\r')) auth.pop_back();
  }
  if (!auth.empty()) req.headers.emplace_back("Authorization", auth);
  Response resp = http_->send(req, std::chrono::steady_clock::now() + std::chrono::seconds(5));
  if (resp.status != 200) {
    throw Error("aws container credentials " + url + ": HTTP " + std::to_string(resp.status));
  }
  return from_json(resp.body, "aws container credentials " + url);
}

Credentials ImdsProvider::get() {
  if (env("AWS_EC2_METADATA_DISABLED") == "true") {
    throw Error("AWS_EC2_METADATA_DISABLED=true");
  }
  std::string base = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (base.empty()) base = "http://169.254.169.254";
  Endpoint e = parse_endpoint_url(base, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
  auto deadline = [] { return std::chrono::steady_clock::now() + std::chrono::seconds(2); };
  Request tok;
  tok.method = "PUT";
  tok.scheme = e.scheme;
  tok.host = e.host;
  tok.path = e.base_path + "/latest/api/token";
  tok.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds", "21600");
  Response t = http_->send(tok, deadline());
  if (t.status != 200) throw Error("aws imds: token request: HTTP " + std::to_string(t.status));
  Request role = tok;
  role.method = "GET";
  role.headers = {{"X-aws-ec2-metadata-token", t.body}};
  role.path = e.base_path + "/latest/meta-data/iam/security-credentials/";
  Response r = http_->send(role, deadline());
  if (r.status != 200 || r.body.empty()) {
    throw Error("aws imds: no instance role: HTTP " + std::to_string(r.status));
  }
  std::string name = r.body.substr(0, r.body.find('\n'));
  role.path += uri_encode(name, false);
  Response c = http_->send(role, deadline());
  if (c.status != 200) throw Error("aws imds: role " + name + ": HTTP " + std::to_string(c.status));
  return from_json(c.body, "aws imds role " + name);
}

AssumeRoleProvider::AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source,
                                       std::string role_arn, std::string session_name,
                                       std::string region, std::shared_ptr<HttpClient> http,
                                       std::string external_id)
    : source_(std::move(source)),
      role_arn_(std::move(role_arn)),
      session_name_(std::move(session_name)),
      region_(std::move(region)),
      external_id_(std::move(external_id)),
      http_(std::move(http)) {}

Credentials AssumeRoleProvider::get() {
  Client sts = credential_service_client(kSts, region_, source_, http_);
  std::string body = form({{"Action", "AssumeRole"},
                           {"Version", "2011-06-15"},
                           {"RoleArn", role_arn_},
                           {"RoleSessionName", session_name_or_default(session_name_)}});
  if (!external_id_.empty()) append_form(body, "ExternalId", external_id_);
  std::string xml = sts.query("AssumeRole", body);
  return from_sts_xml(xml, "aws sts AssumeRole " + role_arn_);
}

Credentials ChainProvider::get() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (chosen_) return chosen_->get();
  }
  std::string reasons;
  for (const auto& p : providers_) {
    try {
      Credentials c = p->get();
      std::lock_guard<std::mutex> lock(mu_);
      chosen_ = p;
      return c;
    } catch (const ConfiguredSourceError&) {
      throw;
    } catch (const Error& e) {
      if (!reasons.empty()) reasons += "; ";
      reasons += e.what();
    }
  }
  throw Error("aws: no credentials found (" + reasons + ")");
}

Client credential_service_client(const Service& service, std::string region,
                                 std::shared_ptr<CredentialsProvider> creds,
                                 std::shared_ptr<HttpClient> http) {
  ClientOptions o;
  o.region = region.empty() ? "us-east-1" : std::move(region);
  o.credentials = std::move(creds);
  o.http = std::move(http);
  o.retry = RetryPolicy::from_env();
  o.call_timeout = std::chrono::seconds(30);
  return Client(service, std::move(o));
}

CachingProvider::CachingProvider(std::shared_ptr<CredentialsProvider> inner,
                                 std::chrono::seconds refresh_before,
                                 std::function<Clock::time_point()> now)
    : inner_(std::move(inner)), refresh_before_(refresh_before), now_(std::move(now)) {}

Credentials CachingProvider::get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (have_ && (!cached_.expires() || now_() + refresh_before_ < cached_.expiration)) {
    return cached_;
  }
  cached_ = inner_->get();
  have_ = true;
  return cached_;
}

std::shared_ptr<CredentialsProvider> default_credentials(std::string region,
                                                         std::string assume_role_arn,
                                                         std::shared_ptr<HttpClient> http) {
  if (!http) http = std::make_shared<HttpClient>();
  std::vector<std::shared_ptr<CredentialsProvider>> chain;
  chain.push_back(std::make_shared<EnvProvider>());
  if (!env("AWS_WEB_IDENTITY_TOKEN_FILE").empty()) {
    chain.push_back(std::make_shared<WebIdentityProvider>("", "", "", region, http));
  }
  chain.push_back(std::make_shared<ProfileProvider>("", http));
  if (!env("AWS_CONTAINER_CREDENTIALS_FULL_URI").empty() ||
      !env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").empty()) {
    chain.push_back(std::make_shared<ContainerProvider>(http));
  }
  chain.push_back(std::make_shared<ImdsProvider>(http));
  std::shared_ptr<CredentialsProvider> base =
      std::make_shared<CachingProvider>(std::make_shared<ChainProvider>(std::move(chain)));
  if (assume_role_arn.empty()) return base;
  return std::make_shared<CachingProvider>(std::make_shared<AssumeRoleProvider>(
      base, std::move(assume_role_arn), "", std::move(region), std::move(http)));
}

}  // namespace sub::aws
