// `substation demo`: runs an embedded CloudTrail -> ECS configuration over embedded sample
// events. Prints the input, the output (through send_stdout) and the configuration. Needs
// no files and no network.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apps/cli/commands.h"
#include "catalogue/pipeline.h"
#include "config/jsonnet.h"
#include "config/node.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json/path.h"
#include "core/message.h"
#include "embedded/demo_config.h"
#include "embedded/demo_events.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::cli {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    if (!line.empty()) lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

int run_demo() {
  const std::string config_json =
      config::compile_jsonnet(embedded::demo_config, "demo/config.jsonnet");
  auto sink = std::make_shared<services::FdSink>(1);
  services::Services services;
  services.stdout_sink = sink;
  const catalogue::Pipeline pipeline =
      catalogue::build_pipeline(config::Node::parse(config_json), services);

  const std::vector<std::string_view> events = lines_of(embedded::demo_events);
  std::vector<Message> msgs;
  sink->write_line("input:");
  for (std::string_view event : events) {
    sink->write_line(json::get(event, "@this|@pretty").to_string());
    msgs.emplace_back(std::string(event));
  }
  msgs.push_back(Message::control());
  sink->write_line("output:");
  (void)pipeline.chain.apply(std::move(msgs), Context{});  // send_stdout prints the output
  sink->write_line("");
  std::string_view source = embedded::demo_config;
  while (!source.empty() && source.back() == '\n') source.remove_suffix(1);
  sink->write_line("config:");
  sink->write_line(source);
  sink->flush();
  return 0;
}

}  // namespace sub::cli
