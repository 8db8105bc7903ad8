#include "services/aws/cloudwatch_alarms.h"

#include <cstdlib>

#include "core/error.h"
#include "core/json/encode.h"
#include "services/aws/request.h"
#include "services/aws/xml.h"

namespace sub::aws {
namespace {

constexpr std::string_view kVersion = "2010-08-01";

std::string int_text(int64_t v) {
  std::string s;
  json::append_int(s, v);
  return s;
}

// The inner XML of each <member> directly inside `xml` (nested members stay inside their
// parent's text).
std::vector<std::string_view> top_level_members(std::string_view xml) {
  constexpr std::string_view kOpen = "<member>";
  constexpr std::string_view kClose = "</member>";
  std::vector<std::string_view> out;
  size_t depth = 0;
  size_t start = 0;
  size_t pos = 0;
  while (pos < xml.size()) {
    const size_t open = xml.find(kOpen, pos);
    const size_t close = xml.find(kClose, pos);
    if (close == std::string_view::npos) break;
    if (open != std::string_view::npos && open < close) {
      if (depth == 0) start = open + kOpen.size();
      ++depth;
      pos = open + kOpen.size();
    } else {
      if (depth == 0) break;  // unbalanced
      --depth;
      if (depth == 0) out.push_back(xml.substr(start, close - start));
      pos = close + kClose.size();
    }
  }
  return out;
}

// The first <tag> element's inner XML, or "".
std::string_view element(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> els = xml_elements(xml, tag);
  return els.empty() ? std::string_view() : els.front();
}

CloudWatchAlarmsClient::MetricQuery parse_metric(std::string_view xml) {
  CloudWatchAlarmsClient::MetricQuery q;
  q.id = xml_text(xml, "Id");
  q.expression = xml_text(xml, "Expression");
  q.label = xml_text(xml, "Label");
  q.return_data = xml_text(xml, "ReturnData") == "true";
  const std::string_view stat = element(xml, "MetricStat");
  if (!stat.empty()) {
    const std::string_view metric = element(stat, "Metric");
    q.name_space = xml_text(metric, "Namespace");
    q.metric_name = xml_text(metric, "MetricName");
    for (std::string_view d : top_level_members(element(metric, "Dimensions"))) {
      q.dimensions.emplace_back(xml_text(d, "Name"), xml_text(d, "Value"));
    }
    q.period = std::strtoll(xml_text(stat, "Period").c_str(), nullptr, 10);
    q.stat = xml_text(stat, "Stat");
  }
  return q;
}

}  // namespace

void CloudWatchAlarmsClient::put_metric_alarm(const Alarm& a) const {
  std::string form;
  append_form(form, "Action", "PutMetricAlarm");
  append_form(form, "Version", kVersion);
  append_form(form, "AlarmName", a.name);
  if (!a.description.empty()) append_form(form, "AlarmDescription", a.description);
  append_form(form, "ActionsEnabled", a.actions_enabled ? "true" : "false");
  for (size_t i = 0; i < a.alarm_actions.size(); ++i) {
    append_form(form, "AlarmActions.member." + std::to_string(i + 1), a.alarm_actions[i]);
  }
  append_form(form, "EvaluationPeriods", int_text(a.evaluation_periods));
  if (a.datapoints_to_alarm > 0) {
    append_form(form, "DatapointsToAlarm", int_text(a.datapoints_to_alarm));
  }
  std::string threshold;
  json::append_float_f(threshold, a.threshold);
  append_form(form, "Threshold", threshold);
  append_form(form, "ComparisonOperator", a.comparison_operator);
  if (!a.treat_missing_data.empty()) append_form(form, "TreatMissingData", a.treat_missing_data);
  for (size_t i = 0; i < a.metrics.size(); ++i) {
    const MetricQuery& m = a.metrics[i];
    const std::string p = "Metrics.member." + std::to_string(i + 1) + ".";
    append_form(form, p + "Id", m.id);
    if (!m.label.empty()) append_form(form, p + "Label", m.label);
    append_form(form, p + "ReturnData", m.return_data ? "true" : "false");
    if (!m.expression.empty()) {
      append_form(form, p + "Expression", m.expression);
      continue;
    }
    append_form(form, p + "MetricStat.Metric.Namespace", m.name_space);
    append_form(form, p + "MetricStat.Metric.MetricName", m.metric_name);
    for (size_t d = 0; d < m.dimensions.size(); ++d) {
      const std::string dp = p + "MetricStat.Metric.Dimensions.member." + std::to_string(d + 1);
      append_form(form, dp + ".Name", m.dimensions[d].first);
      append_form(form, dp + ".Value", m.dimensions[d].second);
    }
    append_form(form, p + "MetricStat.Period", int_text(m.period));
    append_form(form, p + "MetricStat.Stat", m.stat);
  }
  client_.query("PutMetricAlarm", std::move(form));
}

void CloudWatchAlarmsClient::set_alarm_state(std::string_view name, std::string_view state,
                                             std::string_view reason) const {
  std::string form;
  append_form(form, "Action", "SetAlarmState");
  append_form(form, "Version", kVersion);
  append_form(form, "AlarmName", name);
  append_form(form, "StateValue", state);
  append_form(form, "StateReason", reason);
  client_.query("SetAlarmState", std::move(form));
}

std::vector<CloudWatchAlarmsClient::Alarm> CloudWatchAlarmsClient::describe_alarms(
    const std::vector<std::string>& names) const {
  std::string form;
  append_form(form, "Action", "DescribeAlarms");
  append_form(form, "Version", kVersion);
  for (size_t i = 0; i < names.size(); ++i) {
    append_form(form, "AlarmNames.member." + std::to_string(i + 1), names[i]);
  }
  const std::string xml = client_.query("DescribeAlarms", std::move(form));
  std::vector<Alarm> out;
  for (std::string_view m : top_level_members(element(xml, "MetricAlarms"))) {
    Alarm a;
    const std::string_view metrics = element(m, "Metrics");
    const std::string_view actions = element(m, "AlarmActions");
    a.name = xml_text(m, "AlarmName");
    a.description = xml_text(m, "AlarmDescription");
    a.actions_enabled = xml_text(m, "ActionsEnabled") == "true";
    for (std::string_view action : top_level_members(actions)) {
      a.alarm_actions.push_back(xml_unescape(action));
    }
    a.evaluation_periods = std::strtoll(xml_text(m, "EvaluationPeriods").c_str(), nullptr, 10);
    a.datapoints_to_alarm = std::strtoll(xml_text(m, "DatapointsToAlarm").c_str(), nullptr, 10);
    a.threshold = std::strtod(xml_text(m, "Threshold").c_str(), nullptr);
    a.comparison_operator = xml_text(m, "ComparisonOperator");
    a.treat_missing_data = xml_text(m, "TreatMissingData");
    a.state_value = xml_text(m, "StateValue");
    a.state_reason = xml_text(m, "StateReason");
    for (std::string_view q : top_level_members(metrics)) a.metrics.push_back(parse_metric(q));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace sub::aws
