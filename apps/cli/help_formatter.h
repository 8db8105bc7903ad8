// The help layout of `substation`: CLI11's, except that the list of commands shows the first
// line of each command's description (its summary) rather than all of it.
#pragma once

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>

namespace sub::cli {

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    const std::string& description = sub->get_description();
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true),
                             description.substr(0, description.find('\n')), get_column_width());
    return out.str();
  }
};

}  // namespace sub::cli
