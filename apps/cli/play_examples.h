// The examples of the playground's menu (apps/cli/play.cc, GET /examples): small configs
// with an input each, from apps/cli/play/examples/ (embedded at build time). For an example
// NAME there, NAME.jsonnet is the config (its first line, a `// ` comment, is the title the
// menu shows) and NAME.input the input. Every example runs and passes its own tests
// (tests/cli/play_editor.sh checks both against NAME.expected).
#pragma once

#include <string>
#include <vector>

namespace sub::cli::play {

struct Example {
  std::string name;
  std::string title;
  std::string config;
  std::string input;
};

// In the order of their names.
const std::vector<Example>& examples();

}  // namespace sub::cli::play
