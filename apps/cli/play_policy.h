// What a config run in the playground may reach. The playground runs whatever a request
// sends, and a request may come from any page the user has open, so by default a config
// there cannot:
//   files    write files (send_file), read them (file-backed KV stores: csv_file, json_file,
//            text_file, mmdb) or import them in Jsonnet (import, importstr, importbin);
//   network  talk to other hosts (send_http_post, enrich_http_*, enrich_dns_*, send_gcp_*);
//   aws      call AWS with the user's credentials (send_aws_*, enrich_aws_*, the aws_dynamodb
//            KV store, the aws_secrets_manager secret);
//   env      read the server's environment (the environment_variable secret).
// `substation play --allow files,network,aws,env` (or `all`) lifts each restriction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/jsonnet.h"
#include "config/node.h"

namespace sub::cli::play {

class Policy {
 public:
  // From the --allow values: each is a comma-separated list of capability names or `all`.
  // Throws sub::Error naming an unknown one.
  static Policy parse(const std::vector<std::string>& allow);

  // Throws RequestError 403 for the first type in `config` (at any depth: meta_* chains,
  // auxiliary transforms, KV stores, secrets) that needs a capability this policy lacks.
  void check(const config::Node& config) const;

  // The Jsonnet limits that go with it (file imports need `files`).
  config::JsonnetLimits jsonnet_limits() const;

  bool files = false;
  bool network = false;
  bool aws = false;
  bool env = false;
};

}  // namespace sub::cli::play
