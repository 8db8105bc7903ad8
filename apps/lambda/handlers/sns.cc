// AWS_SNS: each record's Message; the metadata of every message comes from the first
// record (as the reference does).
#include <string>
#include <vector>

#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "apps/lambda/handlers/valid_json.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {
namespace {

// What the handler reads of each record: its first `Sns` member (any type, for the check
// that it is there), four members of the `Sns` objects, and EventSubscriptionArn; each as a
// path lookup finds it.
enum Field : size_t { kMessage, kMessageId, kTimestamp, kSubject, kFields };
constexpr std::string_view kNames[kFields] = {"Message", "MessageId", "Timestamp", "Subject"};
struct SnsRecord {
  json::Value sns, subscription;
  json::Value f[kFields];
};

// The records of an SNS event, in one pass over it that also checks it is valid JSON (the
// messages are most of it: the lookups skipped each one up to three times). The errors are
// "event is not valid JSON" and those of records().
std::vector<SnsRecord> sns_records(std::string_view event) {
  const ValidJson j(event);
  std::vector<SnsRecord> out;
  const bool array = j.each_element_of("Records", [&](size_t e) {
    SnsRecord& r = out.emplace_back();
    if (j.at(e) != '{') return j.value_end(e);
    return j.members(e, [&](std::string_view rkey, size_t v) {
      if (rkey == "EventSubscriptionArn" && !r.subscription.exists()) {
        size_t end;
        r.subscription = j.value_at(v, end);
        return end;
      }
      if (rkey != "Sns") return j.value_end(v);
      // Every `Sns` object is searched, as a lookup of Sns.MessageId goes on to the next
      // member named Sns when one has no MessageId (or is not an object).
      const auto read_field = [&](std::string_view k, size_t f) {
        for (size_t i = 0; i < kFields; ++i) {
          if (k == kNames[i] && !r.f[i].exists()) {
            size_t end;
            r.f[i] = j.value_at(f, end);
            return end;
          }
        }
        return j.value_end(f);
      };
      const size_t end = j.at(v) == '{' ? j.members(v, read_field) : j.value_end(v);
      if (!r.sns.exists()) r.sns = j.value(v, end);
      return end;
    });
  });
  if (!array) throw EventError("not an SNS event: no \"Records\" array");
  if (out.empty()) throw EventError("an SNS event has no records");
  return out;
}

}  // namespace

Batch sns_batch(std::string_view event) {
  const std::vector<SnsRecord> recs = sns_records(event);
  for (size_t i = 0; i < recs.size(); ++i) {
    if (!recs[i].sns.exists()) {
      throw EventError("record " + std::to_string(i) + ": not an SNS record: missing Sns");
    }
  }
  const SnsRecord& first = recs.front();
  std::string meta = "{\"timestamp\":\"";
  meta += reformat_rfc3339(first.f[kTimestamp], "Sns.Timestamp");
  meta += "\",\"eventSubscriptionArn\":";
  json::append_go_string(meta, str_value(first.subscription, "EventSubscriptionArn"));
  meta += ",\"messageId\":";
  json::append_go_string(meta, str_value(first.f[kMessageId], "Sns.MessageId"));
  meta += ",\"subject\":";
  json::append_go_string(meta, str_value(first.f[kSubject], "Sns.Subject"));
  meta += '}';
  Batch batch;
  for (const SnsRecord& rec : recs) {
    batch.begin_record(std::string(str_value(rec.f[kMessageId], "Sns.MessageId")));
    batch.add(Message(std::string(str_value(rec.f[kMessage], "Sns.Message")), meta));
  }
  return batch;
}

namespace {

class SnsHandler : public Handler {
 public:
  // SNS invokes asynchronously: there is no partial batch response.
  std::string handle(const Invocation& inv) override {
    return run_async(inv, sns_batch(inv.event), false);
  }
};

}  // namespace

std::unique_ptr<Handler> make_sns() { return std::make_unique<SnsHandler>(); }

}  // namespace sub::lambda::handlers
