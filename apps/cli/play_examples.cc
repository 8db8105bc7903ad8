#include "apps/cli/play_examples.h"

#include <map>
#include <string_view>

#include "embedded/play_examples.h"

namespace sub::cli::play {
namespace {

constexpr std::string_view kConfigExt = ".jsonnet";
constexpr std::string_view kInputExt = ".input";
constexpr std::string_view kTitlePrefix = "// ";

// The first line of a config without its comment marker; the name when it is no comment.
std::string title_of(std::string_view config, const std::string& name) {
  const std::string_view line = config.substr(0, config.find('\n'));
  if (!line.starts_with(kTitlePrefix)) return name;
  return std::string(line.substr(kTitlePrefix.size()));
}

std::vector<Example> load() {
  std::map<std::string, Example> by_name;
  for (const auto& file : embedded::play_examples) {
    const std::string_view path = file.path;
    const bool config = path.ends_with(kConfigExt);
    const bool input = path.ends_with(kInputExt);
    if (!config && !input) continue;
    const std::string name(path.substr(0, path.size() - (config ? kConfigExt : kInputExt).size()));
    Example& ex = by_name[name];
    ex.name = name;
    if (config) {
      ex.config = std::string(file.text);
      ex.title = title_of(file.text, name);
    } else {
      ex.input = std::string(file.text);
      // The input box holds one message; the file's last newline is not part of it.
      if (!ex.input.empty() && ex.input.back() == '\n') ex.input.pop_back();
    }
  }
  std::vector<Example> out;
  for (auto& [name, ex] : by_name) {
    if (!ex.config.empty()) out.push_back(std::move(ex));
  }
  return out;
}

}  // namespace

const std::vector<Example>& examples() {
  static const std::vector<Example> all = load();
  return all;
}

}  // namespace sub::cli::play
