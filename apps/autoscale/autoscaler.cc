#include "apps/autoscale/autoscaler.h"

#include <cerrno>
#include <cstdlib>
#include <thread>

#include "apps/autoscale/scaling.h"
#include "core/error.h"
#include "core/gotime/layout.h"
#include "core/gotime/zone.h"

namespace sub::autoscale {
namespace {

constexpr std::string_view kRfc3339 = "2006-01-02T15:04:05Z07:00";
constexpr int64_t kMetricsPeriod = 60;
constexpr std::chrono::seconds kDeadlineMargin{5};

// strconv.ParseInt(v, 10, 64).
int64_t parse_tag_int(const std::string& stream, const std::string& key, const std::string& v) {
  size_t i = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
  bool ok = i < v.size();
  for (size_t j = i; ok && j < v.size(); ++j) ok = v[j] >= '0' && v[j] <= '9';
  errno = 0;
  const long long n = ok ? std::strtoll(v.c_str(), nullptr, 10) : 0;
  if (!ok || errno == ERANGE) {
    throw Error("autoscale: stream " + stream + " tag " + key + ": invalid integer \"" + v + "\"");
  }
  return n;
}

std::chrono::system_clock::time_point to_time_point(gotime::Instant t) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(t.sec) + std::chrono::nanoseconds(t.nsec)));
}

gotime::Instant to_instant(std::chrono::system_clock::time_point t) {
  return gotime::Instant::from_unix_nano(
      std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
}

}  // namespace

Autoscaler::Autoscaler(Settings settings, std::shared_ptr<const aws::KinesisAdminClient> kinesis,
                       std::shared_ptr<const aws::CloudWatchAlarmsClient> cloudwatch,
                       services::Logger log, Options options)
    : settings_(settings),
      kinesis_(std::move(kinesis)),
      cloudwatch_(std::move(cloudwatch)),
      log_(log),
      options_(std::move(options)) {}

Autoscaler::Result Autoscaler::handle(const Notification& n, const Context& ctx) const {
  log_.debug("received autoscale notification", {{"alarm", n.alarm_name}, {"stream", n.stream}});
  // The reference scales to one shard for an alarm named neither way; refuse instead.
  const bool down = n.downscale();
  if (!down && !n.upscale()) {
    throw Error("autoscale: alarm " + n.alarm_name +
                " is neither an upscale nor a downscale alarm");
  }

  Result r;
  r.shards = kinesis_->active_shard_count(n.stream);
  const int64_t computed = down ? downscale_shards(r.shards) : upscale_shards(r.shards);
  log_.info("calculated new shard count", {{"alarm", n.alarm_name},
                                           {"stream", n.stream},
                                           {"active", std::to_string(r.shards)},
                                           {"count", std::to_string(computed)}});

  int64_t minimum = 0;
  int64_t maximum = 0;
  for (const auto& [key, value] : kinesis_->list_tags(n.stream)) {
    if (key == "LastScalingEvent") {
      gotime::Instant last;
      try {
        last = gotime::parse(kRfc3339, value, *gotime::Zone::utc());
      } catch (const Error& e) {
        throw Error("autoscale: stream " + n.stream + " tag LastScalingEvent: " + e.what());
      }
      const auto since = options_.now() - to_time_point(last);
      if (since < (down ? std::chrono::duration_cast<std::chrono::system_clock::duration>(
                              kDownscaleCooldown)
                        : std::chrono::duration_cast<std::chrono::system_clock::duration>(
                              kUpscaleCooldown))) {
        log_.info("last scaling event is too recent",
                  {{"alarm", n.alarm_name}, {"stream", n.stream}, {"time", value}});
        cloudwatch_->set_alarm_state(n.alarm_name, "INSUFFICIENT_DATA",
                                     "Last scaling event is too recent");
        r.outcome = Outcome::kCoolingDown;
        return r;
      }
    } else if (key == "MinimumShards") {
      minimum = parse_tag_int(n.stream, key, value);
    } else if (key == "MaximumShards") {
      maximum = parse_tag_int(n.stream, key, value);
    }
  }

  r.target = clamp_shards(computed, minimum, maximum);
  if (r.target == r.shards) {
    log_.info("active shard count is at its limit, no change is required",
              {{"alarm", n.alarm_name}, {"stream", n.stream}, {"count", std::to_string(r.shards)}});
    r.outcome = Outcome::kUnchanged;
    return r;
  }

  kinesis_->update_shard_count(n.stream, r.target);
  wait_for_update(n.stream, ctx);
  const std::string now =
      gotime::format(to_instant(options_.now()), *gotime::Zone::utc(), kRfc3339);
  kinesis_->add_tags(n.stream, {{"LastScalingEvent", now}});
  log_.info("updated shard count",
            {{"alarm", n.alarm_name}, {"stream", n.stream}, {"count", std::to_string(r.target)}});
  reset_alarms(n, r.target);
  r.outcome = Outcome::kScaled;
  return r;
}

void Autoscaler::wait_for_update(const std::string& stream, const Context& ctx) const {
  std::string status;
  for (int poll = 0; poll < options_.max_polls; ++poll) {
    status = kinesis_->stream_status(stream);
    if (status != "UPDATING") return;
    if (ctx.deadline != Context::Clock::time_point::max() &&
        Context::Clock::now() + options_.poll_interval + kDeadlineMargin >= ctx.deadline) {
      break;
    }
    std::this_thread::sleep_for(options_.poll_interval);
  }
  throw Error("autoscale: stream " + stream + " is still " + status +
              " after UpdateShardCount; LastScalingEvent and the alarms were not updated");
}

std::vector<aws::CloudWatchAlarmsClient::MetricQuery> Autoscaler::alarm_metrics(
    const std::string& stream, int64_t shards) {
  using Query = aws::CloudWatchAlarmsClient::MetricQuery;
  auto metric = [&](std::string id, std::string name) {
    Query q;
    q.id = std::move(id);
    q.label = name;
    q.name_space = "AWS/Kinesis";
    q.metric_name = std::move(name);
    q.dimensions = {{"StreamName", stream}};
    q.period = kMetricsPeriod;
    q.stat = "Sum";
    return q;
  };
  auto expression = [](std::string id, std::string expr, std::string label, bool ret) {
    Query q;
    q.id = std::move(id);
    q.expression = std::move(expr);
    q.label = std::move(label);
    q.return_data = ret;
    return q;
  };
  const std::string per = std::to_string(shards) + "*" + std::to_string(kMetricsPeriod) + ")";
  return {
      metric("m1", "IncomingRecords"),
      metric("m2", "IncomingBytes"),
      expression("e1", "FILL(m1,REPEAT)", "FillMissingDataPointsForIncomingRecords", false),
      expression("e2", "FILL(m2,REPEAT)", "FillMissingDataPointsForIncomingBytes", false),
      expression("e3", "e1/(1000*" + per, "IncomingRecordsPercent", false),
      expression("e4", "e2/(1048576*" + per, "IncomingBytesPercent", false),
      expression("e5", "MAX([e3,e4])", "IncomingMax", true),
  };
}

void Autoscaler::reset_alarms(const Notification& n, int64_t shards) const {
  aws::CloudWatchAlarmsClient::Alarm alarm;
  alarm.description = n.stream;
  alarm.actions_enabled = true;
  alarm.alarm_actions = {n.topic_arn};
  alarm.treat_missing_data = "ignore";
  alarm.metrics = alarm_metrics(n.stream, shards);

  alarm.name = n.stream + "_downscale";
  alarm.evaluation_periods = settings_.downscale_datapoints;
  alarm.datapoints_to_alarm = settings_.downscale_datapoints;
  alarm.threshold = settings_.threshold - 0.35;
  alarm.comparison_operator = "LessThanOrEqualToThreshold";
  cloudwatch_->put_metric_alarm(alarm);
  cloudwatch_->set_alarm_state(alarm.name, "INSUFFICIENT_DATA", "Threshold updated");
  log_.debug("reset alarm", {{"alarm", alarm.name}, {"count", std::to_string(shards)}});

  alarm.name = n.stream + "_upscale";
  alarm.evaluation_periods = settings_.upscale_datapoints;
  alarm.datapoints_to_alarm = settings_.upscale_datapoints;
  alarm.threshold = settings_.threshold;
  alarm.comparison_operator = "GreaterThanOrEqualToThreshold";
  cloudwatch_->put_metric_alarm(alarm);
  cloudwatch_->set_alarm_state(alarm.name, "INSUFFICIENT_DATA", "Threshold updated");
  log_.debug("reset alarm", {{"alarm", alarm.name}, {"count", std::to_string(shards)}});
}

}  // namespace sub::autoscale
