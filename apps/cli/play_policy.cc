#include "apps/cli/play_policy.h"

#include <array>

#include "apps/cli/play_engine.h"
#include "core/error.h"

namespace sub::cli::play {
namespace {

struct Rule {
  std::string_view type;  // a type name, or a prefix when it ends with '*'
  std::string_view capability;
  std::string_view why;
};

// Transform, KV store and secret types, by what they reach.
constexpr std::array kRules = {
    Rule{"send_file", "files", "writes files"},
    Rule{"csv_file", "files", "reads files"},
    Rule{"json_file", "files", "reads files"},
    Rule{"text_file", "files", "reads files"},
    Rule{"mmdb", "files", "reads files"},
    Rule{"send_http_post", "network", "sends data to other hosts"},
    Rule{"enrich_http_*", "network", "calls other hosts"},
    Rule{"enrich_dns_*", "network", "makes DNS queries"},
    Rule{"send_gcp_*", "network", "sends data to other hosts"},
    Rule{"send_aws_*", "aws", "calls AWS with your credentials"},
    Rule{"enrich_aws_*", "aws", "calls AWS with your credentials"},
    Rule{"aws_dynamodb", "aws", "calls AWS with your credentials"},
    Rule{"aws_secrets_manager", "aws", "calls AWS with your credentials"},
    Rule{"environment_variable", "env", "reads the server's environment"},
};

bool matches(std::string_view pattern, std::string_view type) {
  if (!pattern.empty() && pattern.back() == '*') {
    return type.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
  }
  return type == pattern;
}

}  // namespace

Policy Policy::parse(const std::vector<std::string>& allow) {
  Policy p;
  for (const std::string& list : allow) {
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      const std::string name = list.substr(start, end - start);
      if (name == "files") {
        p.files = true;
      } else if (name == "network") {
        p.network = true;
      } else if (name == "aws") {
        p.aws = true;
      } else if (name == "env") {
        p.env = true;
      } else if (name == "all") {
        p.files = p.network = p.aws = p.env = true;
      } else if (!name.empty()) {
        throw Error("--allow: unknown capability \"" + name +
                    "\" (want files, network, aws, env or all)");
      }
      start = end + 1;
    }
  }
  return p;
}

void Policy::check(const config::Node& config) const {
  // An explicit stack: the config's depth is bounded by its parser, but no recursion.
  std::vector<const config::Node*> todo{&config};
  while (!todo.empty()) {
    const config::Node* n = todo.back();
    todo.pop_back();
    if (n->is_array()) {
      for (const config::Node& item : n->items()) todo.push_back(&item);
      continue;
    }
    if (!n->is_object()) continue;
    const config::Node* type = n->find("type");
    if (type != nullptr && type->is_string()) {
      for (const Rule& r : kRules) {
        if (!matches(r.type, type->text())) continue;
        const bool allowed = r.capability == "files"     ? files
                             : r.capability == "network" ? network
                             : r.capability == "aws"     ? aws
                                                         : env;
        if (!allowed) {
          throw RequestError(403, "config: " + type->text() + " " + std::string(r.why) +
                                      ", which the playground refuses unless started with "
                                      "--allow " +
                                      std::string(r.capability));
        }
      }
    }
    for (const auto& [key, value] : n->members()) todo.push_back(&value);
  }
}

config::JsonnetLimits Policy::jsonnet_limits() const {
  config::JsonnetLimits limits;
  if (!files) {
    limits.file_imports_refused =
        "the playground refuses file imports unless started with --allow files";
  }
  return limits;
}

}  // namespace sub::cli::play
