// `substation test [path]`: runs the `tests` of configs. For each entry of a config's
// `tests` ({name, transforms, condition}), in order:
//   1. build the condition, a setup chain from the entry's `transforms` and a fresh chain of
//      the config's `transforms` (fresh services too: no state is shared between tests);
//   2. run the setup chain on one control message (test_message emits its data there);
//   3. send the setup's output (which ends with the control message; one is added if the
//      setup dropped it) through the config's chain;
//   4. check the condition on every output that is not a control message.
//
// Flags:
//   path             a .json/.jsonnet/.libsonnet file, or a directory searched at its top
//                    level for such files (default: .); in a directory, a .libsonnet that
//                    evaluates to a function or to no `transforms` is a library, skipped
//   -R, --recursive  search subdirectories too
//   --ext-str k=v    Jsonnet external variables (repeatable, k=v[,k=v])
//
// Output on stdout, one summary line per file, as the reference's (durations are Go's
// time.Duration strings rounded to the microsecond, measured from after compilation):
//   ok\t<file>\t<duration>\t           every condition held
//   FAIL\t<file>\t<duration>\t         after, for each failing message:
//                                      `--- FAIL: <name>`, `    message:\t<data>`,
//                                      `    condition:\t<settings JSON>`
//   ?\t<file>\t[no tests]               the config has transforms but no tests
//   ?\t<file>\t[error]                  the file could not be compiled or parsed, or a test
//                                      failed to build or run; the error goes to stderr
//                                      (the layout of `vet`: apps/cli/config_check.h)
// Files without transforms (or that are not JSON objects) are skipped silently. Tests run
// with the file's directory as the working directory; Jsonnet imports resolve next to the
// importing file.
//
// Exit code: 0 when every tested file passed; otherwise `substation test: N file(s)
// failed` on stderr and 1 (the reference exits 0: a known defect, see
// docs/compatibility.md, "CLI: fmt, vet and test").
//
// test_report() gives the same report for one config as text (the playground's /test):
// the summary, the error details and send_stdout's lines in the order they come; with
// `with_passes`, also `--- PASS: <name>` after each test whose condition held for every
// message (as `go test -v` prints them; `test` itself prints only failures, as the
// reference).
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apps/cli/commands.h"
#include "apps/cli/config_check.h"
#include "apps/cli/walk.h"
#include "catalogue/config_builder.h"
#include "config/node.h"
#include "config/settings.h"
#include "core/context.h"
#include "core/error.h"
#include "core/message.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::cli {
namespace {

enum class Outcome { kSkipped, kNoTests, kPassed, kFailed, kError };

// `v / 10^digits` with the fraction's trailing zeros removed (Go's fmtFrac + fmtInt).
std::string decimal(uint64_t v, int digits) {
  std::string frac;
  bool significant = false;
  for (int i = 0; i < digits; ++i) {
    const char digit = static_cast<char>('0' + v % 10);
    v /= 10;
    significant = significant || digit != '0';
    if (significant) frac.insert(frac.begin(), digit);
  }
  std::string out = std::to_string(v);
  if (!frac.empty()) out += "." + frac;
  return out;
}

// Go's time.Duration.String: "0s", "950ns", "220µs", "1.234ms", "2.5s", "1m0.2s", "1h0m0s".
std::string go_duration(std::chrono::nanoseconds d) {
  const int64_t ns = d.count();
  if (ns == 0) return "0s";
  const std::string sign = ns < 0 ? "-" : "";
  const uint64_t u = ns < 0 ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  if (u < 1000) return sign + std::to_string(u) + "ns";
  if (u < 1000000) return sign + decimal(u, 3) + "\xC2\xB5s";
  if (u < 1000000000) return sign + decimal(u, 6) + "ms";
  constexpr uint64_t kMinute = 60000000000;
  std::string out = decimal(u % kMinute, 9) + "s";
  const uint64_t minutes = u / kMinute;
  if (minutes == 0) return sign + out;
  out = std::to_string(minutes % 60) + "m" + out;
  if (minutes < 60) return sign + out;
  return sign + std::to_string(minutes / 60) + "h" + out;
}

// time.Since(start).Round(time.Microsecond), as text.
std::string elapsed_since(std::chrono::steady_clock::time_point start) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::steady_clock::now() - start);
  return go_duration(std::chrono::nanoseconds((ns.count() + 500) / 1000 * 1000));
}

// Keeps text and send_stdout's lines, in the order they come.
class StringSink : public services::OutputSink {
 public:
  void write_line(std::string_view line) override {
    std::lock_guard<std::mutex> lock(mu_);
    text_ += line;
    text_ += '\n';
  }
  void append(std::string_view text) {
    std::lock_guard<std::mutex> lock(mu_);
    text_ += text;
  }
  std::string text() const {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }

 private:
  mutable std::mutex mu_;
  std::string text_;
};

// Where a report goes: stdout and stderr as they come (`test`), or one string.
class Report {
 public:
  Report() : sink_(std::make_shared<services::FdSink>(1)) {}
  Report(std::shared_ptr<StringSink> capture, bool with_passes)
      : sink_(capture), capture_(capture), with_passes_(with_passes) {}

  // Whether a passing test gets a `--- PASS: <name>` line.
  bool with_passes() const { return with_passes_; }

  // Where send_stdout in a tested config writes, between the summary lines.
  const std::shared_ptr<services::OutputSink>& sink() const { return sink_; }

  void out(const std::string& text) const {
    if (capture_) return capture_->append(text);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
  void err(const std::string& text) const {
    if (capture_) return capture_->append(text);
    std::fputs(text.c_str(), stderr);
  }

 private:
  std::shared_ptr<services::OutputSink> sink_;
  std::shared_ptr<StringSink> capture_;
  bool with_passes_ = false;
};

Outcome report_error(const Report& report, const std::string& path, const std::string& detail) {
  report.out("?\t" + path + "\t[error]\n");
  report.err(detail);
  return Outcome::kError;
}

std::string condition_text(const config::Node& cfg) {
  const config::Node* settings = cfg.is_object() ? cfg.find("settings") : nullptr;
  return settings != nullptr ? settings->to_json() : "{}";
}

// Runs tests[index]; prints a `--- FAIL` block per failing message (and `--- PASS` when
// none failed and the report asks for it). True when all held.
bool run_one(const config::Node& root, const config::Node& test, size_t index,
             const Report& report) {
  const std::shared_ptr<services::OutputSink>& sink = report.sink();
  const std::string where = "tests[" + std::to_string(index) + "]";
  if (!test.is_object()) throw ConfigError(where + ": must be an object");
  const config::Settings settings(&test, where);
  const std::string name = settings.string("name");
  const config::Node* cond_cfg = test.find("condition");
  if (cond_cfg == nullptr) {
    throw ConfigError(where + ": condition: " + std::string(kMissingRequiredOption));
  }

  services::Services services;
  services.stdout_sink = sink;
  catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
  const condition::ConditionPtr condition =
      builder.nested_condition(*cond_cfg, settings, "condition");
  const transform::Chain setup = builder.nested_chain(settings, "transforms");
  const transform::Chain tested = build_transforms(root, services);

  const Context ctx;
  std::vector<Message> seeds = setup.apply(Message::control(), ctx);
  bool has_control = false;
  for (const Message& m : seeds) has_control = has_control || m.is_control();
  if (!has_control) seeds.push_back(Message::control());
  const std::vector<Message> results = tested.apply(std::move(seeds), ctx);
  sink->flush();

  bool passed = true;
  for (const Message& msg : results) {
    if (msg.is_control() || condition->test(msg, ctx)) continue;
    report.out("--- FAIL: " + name + "\n    message:\t" + msg.data() + "\n    condition:\t" +
               condition_text(*cond_cfg) + "\n");
    passed = false;
  }
  if (passed && report.with_passes()) report.out("--- PASS: " + name + "\n");
  return passed;
}

// Tests the config `load` returns (JSON text), reported under the name `path`; with
// `in_dir`, in the directory of `path`.
Outcome test_config(const std::string& path, const std::function<std::string()>& load,
                    const Report& report, bool in_dir) {
  config::Node root;
  try {
    const std::string text = load();
    try {
      root = config::Node::parse(text);
    } catch (const Error& e) {
      throw Error(path + ": " + e.what());
    }
  } catch (const Error& e) {
    return report_error(report, path, std::string(e.what()) + "\n");
  }
  const config::Node* transforms = root.is_object() ? root.find("transforms") : nullptr;
  if (transforms == nullptr || (transforms->is_array() && transforms->items().empty())) {
    return Outcome::kSkipped;
  }
  const config::Node* tests = root.find("tests");
  if (tests == nullptr || (tests->is_array() && tests->items().empty())) {
    report.out("?\t" + path + "\t[no tests]\n");
    return Outcome::kNoTests;
  }
  if (!tests->is_array()) {
    return report_error(report, path, path + ": tests: must be an array\n");
  }

  const auto start = std::chrono::steady_clock::now();
  std::optional<FileDirectory> directory;
  if (in_dir) directory.emplace(path);
  bool passed = true;
  for (size_t i = 0; i < tests->items().size(); ++i) {
    try {
      passed = run_one(root, tests->items()[i], i, report) && passed;
    } catch (const std::exception& e) {
      report.sink()->flush();
      return report_error(report, path, error_report(path, &root, e));
    }
  }
  report.out((passed ? "ok\t" : "FAIL\t") + path + "\t" + elapsed_since(start) + "\t\n");
  return passed ? Outcome::kPassed : Outcome::kFailed;
}

Outcome test_file(const std::string& path, const ExtStrs& ext, const Report& report) {
  return test_config(
      path, [&] { return load_config_text(path, ext); }, report, true);
}

}  // namespace

std::string test_report(const std::string& name, const std::function<std::string()>& load,
                        bool with_passes) {
  auto capture = std::make_shared<StringSink>();
  test_config(name, load, Report(capture, with_passes), false);
  return capture->text();
}

int run_test(const TestArgs& args) {
  if (args.path == "help") {
    std::fputs("warning: use -h instead.\n", stdout);
    return 0;
  }
  const ExtStrs ext = parse_ext_strs(args.ext_strs);
  const Report report;
  size_t failed = 0;
  visit_path(args.path, args.recursive, [&](const std::string& path) {
    if (!has_extension(path, {".json", ".jsonnet", ".libsonnet"})) return;
    if (path != args.path && is_library_file(path, ext)) return;  // imported by configs
    const Outcome outcome = test_file(path, ext, report);
    if (outcome == Outcome::kFailed || outcome == Outcome::kError) ++failed;
  });
  if (failed > 0) {
    throw Error(std::to_string(failed) + (failed == 1 ? " file" : " files") + " failed");
  }
  return 0;
}

}  // namespace sub::cli
