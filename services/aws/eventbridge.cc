#include "services/aws/eventbridge.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::aws {

PartialRetryOptions EventBridgeClient::retry_options(Client::Clock::time_point deadline) const {
  PartialRetryOptions o;
  o.policy = client_.options().retry;
  o.deadline = deadline;
  return o;
}

std::vector<EntryFailure> EventBridgeClient::put_events_once(
    const std::vector<Entry>& entries, Client::Clock::time_point deadline) const {
  std::string body = "{\"Entries\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += "{\"Source\":";
    json::append_go_string(body, entries[i].source);
    body += ",\"DetailType\":";
    json::append_go_string(body, entries[i].detail_type);
    body += ",\"Detail\":";
    json::append_go_string(body, entries[i].detail);
    if (!entries[i].event_bus_name.empty()) {
      body += ",\"EventBusName\":";
      json::append_go_string(body, entries[i].event_bus_name);
    }
    body += "}";
  }
  body += "]}";
  const std::string resp = client_.json("AWSEvents.PutEvents", std::move(body), "1.1", deadline);
  std::vector<EntryFailure> failures;
  size_t n = 0;
  json::get(resp, "Entries").for_each([&](const json::Value&, const json::Value& r) {
    const std::string code = r.get("ErrorCode").to_string();
    if (!code.empty()) {
      failures.push_back({n, code, r.get("ErrorMessage").to_string(),
                          RetryPolicy::retryable_code(code, 0) || code == "InternalException"});
    }
    ++n;
    return true;
  });
  if (n != entries.size()) {
    throw Error("aws events PutEvents: response has " + std::to_string(n) + " results for " +
                std::to_string(entries.size()) + " entries");
  }
  return failures;
}

void EventBridgeClient::put_events(const std::vector<Entry>& entries,
                                   const PartialRetryOptions& options) const {
  const std::string bus =
      entries.empty() || entries[0].event_bus_name.empty() ? "default" : entries[0].event_bus_name;
  send_with_partial_retry(
      "aws events PutEvents " + bus, entries.size(),
      [&](const std::vector<size_t>& idx) {
        std::vector<Entry> subset;
        subset.reserve(idx.size());
        for (size_t i : idx) subset.push_back(entries[i]);
        return put_events_once(subset, options.deadline);
      },
      options);
}

void EventBridgeClient::put_events(const std::vector<Entry>& entries) const {
  put_events(entries, retry_options(Client::Clock::time_point::max()));
}

}  // namespace sub::aws
