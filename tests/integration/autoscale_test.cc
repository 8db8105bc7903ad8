// The Kinesis shard autoscaler (apps/autoscale) against moto's Kinesis and CloudWatch:
// the handler in-process with the shared upscale/downscale alarm fixtures rewritten to
// name a test stream (shard counts, alarms, cool-downs, MinimumShards/MaximumShards), and
// the `autoscale` binary (and its packaged zip tree, when built) under aws-lambda-rie.
#ifdef SUBSTATION_HAVE_AUTOSCALE

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "apps/autoscale/autoscaler.h"
#include "apps/autoscale/scaling.h"
#include "core/error.h"
#include "core/json/path.h"
#include "services/aws/options.h"
#include "tests/integration/emulator.h"
#include "tests/integration/moto_fixture.h"

namespace sub::autoscale {
namespace {

using aws::CloudWatchAlarmsClient;
using aws::KinesisAdminClient;
using std::chrono::minutes;
using std::chrono::system_clock;

constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:substation-autoscale";

using sub::itest::slurp;

// A shared fixture event with its stream renamed.
std::string alarm_event(const std::string& direction, const std::string& stream) {
  const std::string dir = SUBSTATION_SOURCE_DIR;
  std::string ev = slurp(dir +
                         "/../shared/fixtures/lambda-events/composed/"
                         "cloudwatch-alarm-sns-kinesis-" +
                         direction + ".json");
  const std::string from = "substation-example";
  for (size_t p = ev.find(from); p != std::string::npos; p = ev.find(from, p + stream.size())) {
    ev.replace(p, from.size(), stream);
  }
  return ev;
}

std::string unique_name(const std::string& prefix) {
  static int counter = 0;
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

class AutoscaleMoto : public itest::MotoTest {
 protected:
  void SetUp() override {
    itest::MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const aws::ClientOptions options = aws::make_client_options();
    kinesis_ = std::make_shared<const KinesisAdminClient>(options);
    cloudwatch_ = std::make_shared<const CloudWatchAlarmsClient>(options);
  }

  // A stream of `shards` shards with the two alarms the Terraform module creates.
  std::string create_stream(int shards, const std::vector<KinesisAdminClient::Tag>& tags = {}) {
    const std::string name = unique_name("autoscale");
    kinesis_->client().json(
        "Kinesis_20131202.CreateStream",
        "{\"StreamName\":\"" + name + "\",\"ShardCount\":" + std::to_string(shards) + "}", "1.1");
    if (!tags.empty()) kinesis_->add_tags(name, tags);
    for (const bool up : {false, true}) {
      CloudWatchAlarmsClient::Alarm a;
      a.name = name + (up ? "_upscale" : "_downscale");
      a.description = name;
      a.alarm_actions = {kTopic};
      a.evaluation_periods = up ? 5 : 60;
      a.datapoints_to_alarm = a.evaluation_periods;
      a.threshold = up ? 0.7 : 0.35;
      a.comparison_operator = up ? "GreaterThanOrEqualToThreshold" : "LessThanOrEqualToThreshold";
      a.treat_missing_data = "ignore";
      a.metrics = Autoscaler::alarm_metrics(name, shards);
      a.metrics[2].expression = "FILL(m1,0)";
      a.metrics[3].expression = "FILL(m2,0)";
      cloudwatch_->put_metric_alarm(a);
      cloudwatch_->set_alarm_state(a.name, "ALARM", "test");
    }
    return name;
  }

  Autoscaler scaler(Settings settings = {}, Autoscaler::Now now = nullptr) const {
    Autoscaler::Options o;
    o.poll_interval = std::chrono::milliseconds(10);
    o.max_polls = 100;
    if (now) o.now = std::move(now);
    return Autoscaler(settings, kinesis_, cloudwatch_, services::Logger(false), o);
  }

  Autoscaler::Result run(const Autoscaler& s, const std::string& direction,
                         const std::string& stream) const {
    return s.handle(Notification::parse(alarm_event(direction, stream)), Context{});
  }

  CloudWatchAlarmsClient::Alarm alarm(const std::string& name) const {
    auto alarms = cloudwatch_->describe_alarms({name});
    EXPECT_EQ(alarms.size(), 1u) << name;
    return alarms.empty() ? CloudWatchAlarmsClient::Alarm{} : alarms.front();
  }

  std::string tag(const std::string& stream, const std::string& key) const {
    for (const auto& [k, v] : kinesis_->list_tags(stream)) {
      if (k == key) return v;
    }
    return "";
  }

  // Both alarms re-put for `shards` shards with the settings' thresholds and datapoints.
  void expect_alarms(const std::string& stream, int64_t shards, const Settings& s = {}) const {
    const std::string n = std::to_string(shards);
    const auto up = alarm(stream + "_upscale");
    const auto down = alarm(stream + "_downscale");
    for (const auto* a : {&up, &down}) {
      EXPECT_EQ(a->state_value, "INSUFFICIENT_DATA") << a->name;
      EXPECT_EQ(a->state_reason, "Threshold updated") << a->name;
      EXPECT_EQ(a->description, stream);
      EXPECT_EQ(a->treat_missing_data, "ignore");
      ASSERT_EQ(a->alarm_actions.size(), 1u);
      EXPECT_EQ(a->alarm_actions[0], kTopic);
      ASSERT_EQ(a->metrics.size(), 7u) << a->name;
      EXPECT_EQ(a->metrics[0].id, "m1");
      EXPECT_EQ(a->metrics[0].metric_name, "IncomingRecords");
      EXPECT_EQ(a->metrics[0].name_space, "AWS/Kinesis");
      EXPECT_EQ(a->metrics[0].stat, "Sum");
      EXPECT_EQ(a->metrics[0].period, 60);
      ASSERT_EQ(a->metrics[0].dimensions.size(), 1u);
      EXPECT_EQ(a->metrics[0].dimensions[0].first, "StreamName");
      EXPECT_EQ(a->metrics[0].dimensions[0].second, stream);
      EXPECT_EQ(a->metrics[1].metric_name, "IncomingBytes");
      EXPECT_EQ(a->metrics[2].expression, "FILL(m1,REPEAT)");
      EXPECT_EQ(a->metrics[3].expression, "FILL(m2,REPEAT)");
      EXPECT_EQ(a->metrics[4].expression, "e1/(1000*" + n + "*60)");
      EXPECT_EQ(a->metrics[5].expression, "e2/(1048576*" + n + "*60)");
      EXPECT_EQ(a->metrics[6].expression, "MAX([e3,e4])");
      EXPECT_TRUE(a->metrics[6].return_data);
      EXPECT_FALSE(a->metrics[4].return_data);
    }
    EXPECT_EQ(up.comparison_operator, "GreaterThanOrEqualToThreshold");
    EXPECT_DOUBLE_EQ(up.threshold, s.threshold);
    EXPECT_EQ(up.evaluation_periods, s.upscale_datapoints);
    EXPECT_EQ(up.datapoints_to_alarm, s.upscale_datapoints);
    EXPECT_EQ(down.comparison_operator, "LessThanOrEqualToThreshold");
    EXPECT_DOUBLE_EQ(down.threshold, s.threshold - 0.35);
    EXPECT_EQ(down.evaluation_periods, s.downscale_datapoints);
    EXPECT_EQ(down.datapoints_to_alarm, s.downscale_datapoints);
  }

  std::shared_ptr<const KinesisAdminClient> kinesis_;
  std::shared_ptr<const CloudWatchAlarmsClient> cloudwatch_;
};

TEST_F(AutoscaleMoto, UpscaleReshardsTagsAndResetsAlarms) {
  const std::string stream = create_stream(2);
  const Autoscaler::Result r = run(scaler(), "upscale", stream);
  EXPECT_EQ(r.outcome, Autoscaler::Outcome::kScaled);
  EXPECT_EQ(r.shards, 2);
  EXPECT_EQ(r.target, 4);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
  EXPECT_EQ(kinesis_->stream_status(stream), "ACTIVE");
  const std::string last = tag(stream, "LastScalingEvent");
  ASSERT_EQ(last.size(), 20u) << last;  // 2006-01-02T15:04:05Z
  EXPECT_EQ(last.back(), 'Z');
  EXPECT_GE(last.substr(0, 4), "2024");
  expect_alarms(stream, 4);
}

TEST_F(AutoscaleMoto, SecondUpscaleWithinThreeMinutesIsRefused) {
  const std::string stream = create_stream(2);
  ASSERT_EQ(run(scaler(), "upscale", stream).outcome, Autoscaler::Outcome::kScaled);
  cloudwatch_->set_alarm_state(stream + "_upscale", "ALARM", "test");
  const Autoscaler::Result r = run(scaler(), "upscale", stream);
  EXPECT_EQ(r.outcome, Autoscaler::Outcome::kCoolingDown);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
  const auto up = alarm(stream + "_upscale");
  EXPECT_EQ(up.state_value, "INSUFFICIENT_DATA");
  EXPECT_EQ(up.state_reason, "Last scaling event is too recent");
  // Four minutes later the cool-down is over: 4 shards → floor(4 × 2) = 8.
  const auto later = [] { return system_clock::now() + minutes(4); };
  const Autoscaler::Result again = run(scaler({}, later), "upscale", stream);
  EXPECT_EQ(again.outcome, Autoscaler::Outcome::kScaled);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 8);
  expect_alarms(stream, 8);
}

TEST_F(AutoscaleMoto, DownscaleWaitsThirtyMinutes) {
  const std::string stream = create_stream(2);
  ASSERT_EQ(run(scaler(), "upscale", stream).outcome, Autoscaler::Outcome::kScaled);
  ASSERT_EQ(kinesis_->active_shard_count(stream), 4);
  cloudwatch_->set_alarm_state(stream + "_downscale", "ALARM", "test");
  const auto soon = [] { return system_clock::now() + minutes(29); };
  EXPECT_EQ(run(scaler({}, soon), "downscale", stream).outcome, Autoscaler::Outcome::kCoolingDown);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
  EXPECT_EQ(alarm(stream + "_downscale").state_value, "INSUFFICIENT_DATA");
  // Upscale alarms were untouched by the refused downscale.
  EXPECT_EQ(alarm(stream + "_upscale").state_reason, "Threshold updated");

  const auto later = [] { return system_clock::now() + minutes(31); };
  const Autoscaler::Result r = run(scaler({}, later), "downscale", stream);
  EXPECT_EQ(r.outcome, Autoscaler::Outcome::kScaled);
  EXPECT_EQ(r.target, 2);  // ceil(4 / 2)
  EXPECT_EQ(kinesis_->active_shard_count(stream), 2);
  expect_alarms(stream, 2);
}

TEST_F(AutoscaleMoto, MaximumShardsTagCapsUpscale) {
  const std::string stream = create_stream(3, {{"MaximumShards", "4"}});
  const Autoscaler::Result r = run(scaler(), "upscale", stream);  // 6 without the tag
  EXPECT_EQ(r.target, 4);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
  expect_alarms(stream, 4);
  // At the maximum: nothing changes, the alarms stay as they are.
  cloudwatch_->set_alarm_state(stream + "_upscale", "ALARM", "test");
  const auto later = [] { return system_clock::now() + minutes(4); };
  EXPECT_EQ(run(scaler({}, later), "upscale", stream).outcome, Autoscaler::Outcome::kUnchanged);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
  EXPECT_EQ(alarm(stream + "_upscale").state_value, "ALARM");
}

TEST_F(AutoscaleMoto, MinimumShardsTagFloorsDownscale) {
  const std::string stream = create_stream(2, {{"MinimumShards", "2"}});
  const Autoscaler::Result r = run(scaler(), "downscale", stream);  // 1 without the tag
  EXPECT_EQ(r.outcome, Autoscaler::Outcome::kUnchanged);
  EXPECT_EQ(r.target, 2);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 2);
  EXPECT_EQ(tag(stream, "LastScalingEvent"), "");
  EXPECT_EQ(alarm(stream + "_downscale").state_value, "ALARM");

  const std::string other = create_stream(3, {{"MinimumShards", "2"}});
  EXPECT_EQ(run(scaler(), "downscale", other).target, 2);  // ceil(3 / 2) = 2
  EXPECT_EQ(kinesis_->active_shard_count(other), 2);
}

TEST_F(AutoscaleMoto, OneShardDoesNotGoBelowOne) {
  const std::string stream = create_stream(1);
  const Autoscaler::Result r = run(scaler(), "downscale", stream);
  EXPECT_EQ(r.outcome, Autoscaler::Outcome::kUnchanged);
  EXPECT_EQ(r.target, 1);
}

TEST_F(AutoscaleMoto, SettingsShapeTheAlarms) {
  const std::string stream = create_stream(2);
  Settings s;
  s.threshold = 0.8;
  s.upscale_datapoints = 3;
  s.downscale_datapoints = 30;
  ASSERT_EQ(run(scaler(s), "upscale", stream).outcome, Autoscaler::Outcome::kScaled);
  expect_alarms(stream, 4, s);
}

TEST_F(AutoscaleMoto, BadTagsAndMissingStreamsFail) {
  const std::string stream = create_stream(2, {{"MaximumShards", "many"}});
  EXPECT_THROW(run(scaler(), "upscale", stream), Error);
  EXPECT_EQ(kinesis_->active_shard_count(stream), 2);
  const std::string stamped = create_stream(2, {{"LastScalingEvent", "yesterday"}});
  EXPECT_THROW(run(scaler(), "upscale", stamped), Error);
  EXPECT_THROW(run(scaler(), "upscale", "no-such-stream-" + unique_name("x")), Error);
}

// The pure parts: notification parsing, settings, scale factors.
TEST(AutoscaleUnit, Notification) {
  const Notification n = Notification::parse(alarm_event("downscale", "s1"));
  EXPECT_EQ(n.alarm_name, "s1_downscale");
  EXPECT_EQ(n.stream, "s1");
  EXPECT_EQ(n.topic_arn, kTopic);
  EXPECT_TRUE(n.downscale());
  EXPECT_FALSE(n.upscale());
  EXPECT_THROW(Notification::parse("{}"), Error);
  EXPECT_THROW(Notification::parse("not json"), Error);
  EXPECT_THROW(Notification::parse(R"({"Records":[{"Sns":{"Message":"{\"AlarmName\":\"a\"}"}}]})"),
               Error);
}

TEST(AutoscaleUnit, ScaleFactors) {
  EXPECT_EQ(upscale_shards(1), 2);
  EXPECT_EQ(upscale_shards(4), 8);
  EXPECT_EQ(upscale_shards(5), 8);    // floor(8.75)
  EXPECT_EQ(upscale_shards(12), 21);  // floor(21)
  EXPECT_EQ(upscale_shards(13), 19);  // floor(19.5)
  EXPECT_EQ(upscale_shards(33), 41);  // floor(41.25)
  EXPECT_EQ(downscale_shards(1), 1);
  EXPECT_EQ(downscale_shards(4), 2);
  EXPECT_EQ(downscale_shards(5), 3);    // ceil(2.857)
  EXPECT_EQ(downscale_shards(13), 9);   // ceil(8.67)
  EXPECT_EQ(downscale_shards(33), 27);  // ceil(26.4)
  EXPECT_EQ(clamp_shards(0, 0, 0), 1);
  EXPECT_EQ(clamp_shards(8, 0, 5), 5);
  EXPECT_EQ(clamp_shards(1, 3, 0), 3);
}

TEST(AutoscaleUnit, Settings) {
  auto env = [](std::vector<std::pair<std::string, std::string>> vars) {
    return [vars](const char* name) -> const char* {
      for (const auto& [k, v] : vars) {
        if (k == name) return v.c_str();
      }
      return nullptr;
    };
  };
  const Settings d = Settings::from_env(env({}));
  EXPECT_DOUBLE_EQ(d.threshold, 0.7);
  EXPECT_EQ(d.upscale_datapoints, 5);
  EXPECT_EQ(d.downscale_datapoints, 60);
  const Settings s = Settings::from_env(env({{"AUTOSCALE_KINESIS_THRESHOLD", "0.5"},
                                             {"AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS", "10"},
                                             {"AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS", "120"}}));
  EXPECT_DOUBLE_EQ(s.threshold, 0.5);
  EXPECT_EQ(s.upscale_datapoints, 10);
  EXPECT_EQ(s.downscale_datapoints, 120);
  // Out of [0.4, 0.9]: the default, as the reference.
  EXPECT_DOUBLE_EQ(Settings::from_env(env({{"AUTOSCALE_KINESIS_THRESHOLD", "0.95"}})).threshold,
                   0.7);
  EXPECT_THROW(Settings::from_env(env({{"AUTOSCALE_KINESIS_THRESHOLD", "high"}})), Error);
  EXPECT_THROW(Settings::from_env(env({{"AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS", "5.5"}})), Error);
  EXPECT_THROW(Settings::from_env(env({{"AUTOSCALE_KINESIS_DOWNSCALE_DATAPOINTS", "0"}})), Error);
}

// --- The binary under the Runtime Interface Emulator ---

#ifdef SUBSTATION_AUTOSCALE_BINARY
constexpr const char* kBinary = SUBSTATION_AUTOSCALE_BINARY;
#else
constexpr const char* kBinary = "";
#endif
#ifdef SUBSTATION_AUTOSCALE_PACKAGE
constexpr const char* kPackage = SUBSTATION_AUTOSCALE_PACKAGE;
#else
constexpr const char* kPackage = "";
#endif

using sub::itest::Emulator;
using sub::itest::find_rie;

class AutoscaleRie : public AutoscaleMoto {
 protected:
  void SetUp() override {
    AutoscaleMoto::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    rie_ = find_rie();
    if (rie_.empty()) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") FAIL() << "aws-lambda-rie not installed (CI=true)";
      GTEST_SKIP() << "aws-lambda-rie not installed";
    }
  }
  void scale_under(const std::string& program) {
    const std::string stream = create_stream(2);
    Emulator rie(rie_, program, {{"AUTOSCALE_KINESIS_UPSCALE_DATAPOINTS", "7"}});
    const auto first = rie.invoke(alarm_event("upscale", stream));
    EXPECT_EQ(first.status, 200) << rie.log();
    EXPECT_EQ(first.body, "null") << rie.log();
    EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
    Settings s;
    s.upscale_datapoints = 7;
    expect_alarms(stream, 4, s);
    // Within the cool-down: no change.
    EXPECT_EQ(rie.invoke(alarm_event("upscale", stream)).status, 200) << rie.log();
    EXPECT_EQ(kinesis_->active_shard_count(stream), 4);
    EXPECT_EQ(alarm(stream + "_upscale").state_reason, "Last scaling event is too recent");
    // A bad event fails the invocation with InvalidEvent.
    const auto bad = rie.invoke("{}");
    EXPECT_NE(bad.body.find("InvalidEvent"), std::string::npos) << bad.status << " " << bad.body;
  }
  std::string rie_;
};

TEST_F(AutoscaleRie, Binary) {
  if (std::string(kBinary).empty()) GTEST_SKIP() << "autoscale not built";
  scale_under(kBinary);
}

TEST_F(AutoscaleRie, PackagedBootstrap) {
  if (std::string(kPackage).empty() || ::access(kPackage, X_OK) != 0) {
    GTEST_SKIP() << "package not staged: build the lambda_zip target";
  }
  scale_under(kPackage);
}

TEST_F(AutoscaleRie, BadSettingsAreAnInitError) {
  if (std::string(kBinary).empty()) GTEST_SKIP() << "autoscale not built";
  Emulator rie(rie_, kBinary, {{"AUTOSCALE_KINESIS_THRESHOLD", "high"}});
  EXPECT_NE(rie.invoke(alarm_event("upscale", "any")).status, 200);
  EXPECT_NE(rie.log().find("AUTOSCALE_KINESIS_THRESHOLD: invalid number"), std::string::npos)
      << rie.log();
}

}  // namespace
}  // namespace sub::autoscale

#endif  // SUBSTATION_HAVE_AUTOSCALE
