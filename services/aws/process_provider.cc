#include "services/aws/process_provider.h"

#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/credentials.h"
#include "services/aws/shell_command.h"

namespace sub::aws {

namespace {

constexpr size_t kStderrExcerpt = 200;

// The start of `err` on one line, for an error message.
std::string excerpt(std::string_view err) {
  std::string out;
  for (char c : err.substr(0, kStderrExcerpt)) {
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (err.size() > kStderrExcerpt) out += "...";
  return out;
}

}  // namespace

ProcessProvider::ProcessProvider(std::string profile, std::string command,
                                 std::chrono::milliseconds timeout)
    : profile_(std::move(profile)), command_(std::move(command)), timeout_(timeout) {}

Credentials ProcessProvider::get() {
  const std::string what = "aws profile " + profile_ + ": credential_process";
  if (command_.empty()) throw Error(what + " is empty");
  ShellCommandResult r;
  try {
    r = run_shell_command(command_, timeout_);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  if (r.timed_out) {
    throw Error(what + " did not finish within " + std::to_string(timeout_.count()) +
                " ms and was killed");
  }
  if (r.exit_status != 0) {
    std::string msg = what + " exited with status " + std::to_string(r.exit_status);
    std::string err = excerpt(r.err);
    if (!err.empty()) msg += ": " + err;
    throw Error(msg);
  }
  size_t first = r.out.find_first_not_of(" \t\r\n");
  if (!json::valid(r.out) || first == std::string::npos || r.out[first] != '{') {
    throw Error(what + ": its output is not a JSON object");
  }
  json::Value version = json::get(r.out, "Version");
  if (version.type() != json::Value::Type::kNumber || version.num() != 1) {
    throw Error(what + ": its output has no \"Version\": 1");
  }
  Credentials c;
  c.access_key_id = json::get(r.out, "AccessKeyId").to_string();
  c.secret_access_key = json::get(r.out, "SecretAccessKey").to_string();
  c.session_token = json::get(r.out, "SessionToken").to_string();
  if (c.empty()) throw Error(what + ": its output has no AccessKeyId/SecretAccessKey");
  json::Value expiration = json::get(r.out, "Expiration");
  if (expiration.exists() && expiration.type() != json::Value::Type::kNull) {
    c.expiration = parse_iso8601(expiration.to_string());
    if (!c.expires()) {
      throw Error(what + ": its Expiration is not an ISO 8601 time");
    }
  }
  return c;
}

}  // namespace sub::aws
