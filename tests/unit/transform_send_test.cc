// send_stdout and send_file (and the file_path helpers).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "transform/common/file_path.h"

namespace sub {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

struct Harness {
  explicit Harness(const std::string& transforms_json)
      : sink(std::make_shared<services::CaptureSink>()) {
    services.stdout_sink = sink;
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":)" + transforms_json + "}"), services);
  }
  std::vector<Message> run(std::vector<Message> in) {
    std::vector<Message> out;
    for (Message& m : in) {
      for (Message& o : pipeline.chain.apply(std::move(m), Context{})) out.push_back(std::move(o));
    }
    return out;
  }
  std::shared_ptr<services::CaptureSink> sink;
  services::Services services;
  catalogue::Pipeline pipeline;
};

Strings datas(const std::vector<Message>& msgs) {
  Strings out;
  for (const Message& m : msgs) out.push_back(m.is_control() ? "<ctrl>" : m.data());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "send_test_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// True if `s` has the shape of `pattern`, where '9' stands for any digit, 'x' for a
// lower-case hex digit, and every other character for itself.
bool shaped(const std::string& s, const std::string& pattern) {
  if (s.size() != pattern.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (pattern[i] == '9') {
      if (c < '0' || c > '9') return false;
    } else if (pattern[i] == 'x') {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    } else if (c != pattern[i]) {
      return false;
    }
  }
  return true;
}

TEST(SendStdoutTest, PassesThroughAndPrintsOnControl) {
  Harness h(R"([{"type":"send_stdout"}])");
  auto out = h.run({Message("a", R"({"m":1})"), Message("b")});
  EXPECT_EQ(datas(out), (Strings{"a", "b"}));
  EXPECT_EQ(out[0].metadata(), R"({"m":1})");
  EXPECT_TRUE(h.sink->lines().empty());
  EXPECT_EQ(datas(h.run({Message::control()})), (Strings{"<ctrl>"}));
  EXPECT_EQ(h.sink->lines(), (Strings{"a", "b"}));
}

TEST(SendStdoutTest, FullBatchesPrintAsTheyFill) {
  Harness h(R"([{"type":"send_stdout","settings":{"batch":{"count":2}}}])");
  h.run({Message("1"), Message("2"), Message("3")});
  EXPECT_EQ(h.sink->lines(), (Strings{"1", "2"}));
  h.run({Message::control()});
  EXPECT_EQ(h.sink->lines(), (Strings{"1", "2", "3"}));
}

TEST(SendStdoutTest, BatchKeysAndAuxiliaryTransforms) {
  Harness h(R"([{"type":"send_stdout","settings":{"object":{"batch_key":"k"},
      "auxiliary_transforms":[{"type":"aggregate_to_string","settings":{"separator":"|"}}]}}])");
  h.run({Message(R"({"k":"x","v":1})"), Message(R"({"k":"y","v":2})"),
         Message(R"({"k":"x","v":3})"), Message::control()});
  EXPECT_EQ(h.sink->lines(), (Strings{R"({"k":"x","v":1}|{"k":"x","v":3})", R"({"k":"y","v":2})"}));
}

TEST(SendStdoutTest, AuxiliaryErrorsNameBothTransforms) {
  Harness h(R"([{"type":"send_stdout","settings":{
      "auxiliary_transforms":[{"type":"utility_err","settings":{"message":"aux broke"}}]}}])");
  h.run({Message("a")});
  try {
    h.run({Message::control()});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "transform send_stdout (transforms:1): aux broke");
  }
}

TEST(SendFileTest, WritesItemsBackToBack) {
  TempDir dir;
  const std::string prefix = (dir.path() / "out" / "nested").string();
  Harness h(R"([{"type":"send_file","settings":{"file_path":{"prefix":")" + prefix +
            R"(","suffix":".log"}}}])");
  auto out = h.run({Message("ab"), Message("cd"), Message::control()});
  EXPECT_EQ(datas(out), (Strings{"ab", "cd", "<ctrl>"}));
  const fs::path file = prefix + ".log";
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(slurp(file), "abcd");
  // Directories are created with 0770 (less the umask).
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "out").c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0770 & ~mask);
}

TEST(SendFileTest, OneFilePerBatchWithUuidNames) {
  TempDir dir;
  Harness h(R"([{"type":"send_file","settings":{"batch":{"count":2},"file_path":{"prefix":")" +
            dir.path().string() + R"(","uuid":true,"suffix":".txt"},
      "auxiliary_transforms":[{"type":"aggregate_to_string","settings":{"separator":"\n"}},
                              {"type":"string_append","settings":{"suffix":"\n"}}]}}])");
  h.run({Message("1"), Message("2"), Message("3"), Message::control()});
  const auto files = files_under(dir.path());
  ASSERT_EQ(files.size(), 2u);
  Strings contents;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    EXPECT_TRUE(name.size() == 40 && name.substr(36) == ".txt" &&
                shaped(name.substr(0, 36), "xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx") &&
                std::string("89ab").find(name[19]) != std::string::npos)
        << f;
    contents.push_back(slurp(f));
  }
  std::sort(contents.begin(), contents.end());
  EXPECT_EQ(contents, (Strings{"1\n2\n", "3\n"}));
}

TEST(SendFileTest, BatchKeyAsPrefix) {
  TempDir dir;
  const std::string cwd = fs::current_path().string();
  fs::current_path(dir.path());
  {
    Harness h(R"([{"type":"send_file","settings":{"use_batch_key_as_prefix":true,
        "object":{"batch_key":"k"},"file_path":{"prefix":"default","suffix":".json"}}}])");
    h.run({Message(R"({"k":"alpha"})"), Message(R"({"x":1})"), Message::control()});
  }
  fs::current_path(cwd);
  EXPECT_EQ(slurp(dir.path() / "alpha.json"), R"({"k":"alpha"})");
  EXPECT_EQ(slurp(dir.path() / "default.json"), R"({"x":1})");
}

TEST(SendFileTest, EmptyPathIsAnError) {
  Harness h(R"([{"type":"send_file"}])");
  h.run({Message("a")});
  try {
    h.run({Message::control()});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "transform send_file (transforms:1): file path is empty");
  }
}

// A failed flush keeps every batch that was not written; the next control message (or a
// meta_retry) writes them all, so nothing is lost.
TEST(SendFileTest, FailedFlushKeepsTheBatchesForTheRetry) {
  TempDir dir;
  const fs::path blocker = dir.path() / "out";
  std::ofstream(blocker) << "a file where the directory should be";
  Harness h(R"([{"type":"send_file","settings":{"object":{"batch_key":"k"},
      "file_path":{"prefix":")" +
            blocker.string() + R"(/x","time_format":"","uuid":true}}}])");
  h.run({Message(R"({"k":"a","n":1})"), Message(R"({"k":"b","n":2})"),
         Message(R"({"k":"a","n":3})")});
  EXPECT_THROW(h.run({Message::control()}), Error);
  fs::remove(blocker);
  h.run({Message::control()});
  const auto files = files_under(dir.path());
  ASSERT_EQ(files.size(), 2u);
  std::string all;
  for (const auto& f : files) all += slurp(f);
  EXPECT_NE(all.find(R"({"k":"a","n":1}{"k":"a","n":3})"), std::string::npos) << all;
  EXPECT_NE(all.find(R"({"k":"b","n":2})"), std::string::npos) << all;
}

// Under meta_retry, the retried flush finds the batch still there.
TEST(SendFileTest, MetaRetryDeliversAfterAFailedFlush) {
  TempDir dir;
  const fs::path blocker = dir.path() / "out";
  std::ofstream(blocker) << "x";
  Harness h(R"([{"type":"meta_retry","settings":{"retry":{"count":1,"delay":"1ms"},
      "transforms":[{"type":"send_file","settings":{"file_path":{"prefix":")" +
            blocker.string() + R"(/x","uuid":false,"time_format":""}}}]}}])");
  h.run({Message("one"), Message("two")});
  // Both attempts fail while the path is blocked: the run reports the failure...
  EXPECT_THROW(h.run({Message::control()}), Error);
  fs::remove(blocker);
  // ...and the items are still there to be written, not silently gone.
  h.run({Message::control()});
  const auto files = files_under(dir.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(slurp(files[0]), "onetwo");
}

TEST(SendFileTest, BadSettingsAreConfigErrors) {
  try {
    Harness h(R"([{"type":"send_file","settings":{"file_path":{"uuid":"yes"}}}])");
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "transform send_file (transforms:1): file_path.uuid: invalid option", 0),
              0u)
        << e.what();
  }
}

TEST(FilePathTest, BuildsAndCleans) {
  const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)) +
                 std::chrono::milliseconds(123);
  transform::FilePath p;
  EXPECT_EQ(p.build(t), "");
  p.suffix = ".gz";
  EXPECT_EQ(p.build(t), ".gz");
  p.prefix = "a//b/./c/";
  EXPECT_EQ(p.build(t), "a/b/c.gz");
  p.time_format = "unix";
  EXPECT_EQ(p.build(t), "a/b/c/1700000000.gz");
  p.time_format = "unix_milli";
  EXPECT_EQ(p.build(t, "key"), "key/1700000000123.gz");
}

TEST(FilePathTest, GoLayoutInLocalTime) {
  // The process zone comes from the environment; whatever it is, the result has the
  // layout's shape.
  const config::Node n = config::Node::parse(R"({"file_path":{"time_format":"2006/01/02/15"}})");
  transform::FilePath p = transform::FilePath::read(config::Settings(&n, "test"));
  const std::string out = p.build(std::chrono::system_clock::now());
  EXPECT_TRUE(shaped(out, "9999/99/99/99")) << out;
}

TEST(FilePathTest, CleanPathMatchesGo) {
  EXPECT_EQ(transform::clean_path(""), ".");
  EXPECT_EQ(transform::clean_path("a/../.."), "..");
  EXPECT_EQ(transform::clean_path("/../a"), "/a");
  EXPECT_EQ(transform::clean_path("a/b/../c/"), "a/c");
  EXPECT_EQ(transform::clean_path("//"), "/");
}

}  // namespace
}  // namespace sub
