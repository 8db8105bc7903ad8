// A one-transform pipeline for unit tests: build a transform from its type and settings,
// feed it data, read back the outputs or the error.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"

namespace sub::test_support {

using Strings = std::vector<std::string>;

struct Harness {
  Harness(const std::string& type, const std::string& settings) {
    services.stdout_sink = std::make_shared<services::CaptureSink>();
    std::string cfg = R"({"transforms":[{"type":")" + type + R"(","settings":)" + settings + "}]}";
    pipeline = catalogue::build_pipeline(config::Node::parse(cfg), services);
  }
  Strings run(Strings in) {
    Strings out;
    for (std::string& d : in) {
      for (Message& m : pipeline.chain.apply(Message(std::move(d)), Context{})) {
        out.push_back(m.is_control() ? "<ctrl>" : m.data());
      }
    }
    return out;
  }
  std::string one(std::string in) {
    Strings out = run({std::move(in)});
    return out.size() == 1 ? out[0] : "<" + std::to_string(out.size()) + " outputs>";
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

inline std::string config_error(const std::string& type, const std::string& settings) {
  try {
    Harness h(type, settings);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

inline std::string data_error(const std::string& type, const std::string& settings,
                              std::string in) {
  Harness h(type, settings);
  try {
    h.run({std::move(in)});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

inline constexpr const char* kObj = R"("object":{"source_key":"a","target_key":"b"})";
inline std::string with_obj(const std::string& rest) {
  return "{" + std::string(kObj) + "," + rest + "}";
}

}  // namespace sub::test_support
