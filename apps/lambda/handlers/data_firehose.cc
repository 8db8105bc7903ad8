// AWS_DATA_FIREHOSE (v1 AWS_KINESIS_DATA_FIREHOSE): Data Firehose record transformation.
// Records are transformed one at a time, in order; the first output's data is the
// record's `Ok` data, no output is `Dropped`. A control message at the end flushes the
// reused pipeline (its outputs are not part of the response).
#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "apps/lambda/handlers/valid_json.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {
namespace {

// The members of a record the handler reads, each the first of its name.
enum Field : size_t { kRecordId, kData, kArrival, kFields };
constexpr std::array<std::string_view, kFields> kNames = {"recordId", "data",
                                                          "approximateArrivalTimestamp"};
using RawRecord = std::array<json::Value, kFields>;

// The records of a Data Firehose event, in one pass over it that also checks it is valid
// JSON (the base64 data is most of it, and a lookup per field read each record up to its
// data again). The errors are "event is not valid JSON" and those of records().
std::vector<RawRecord> raw_records(std::string_view event) {
  std::vector<RawRecord> out;
  if (!ValidJson(event).flat_records("records", kNames, out)) {
    throw EventError("not a Data Firehose event: no \"records\" array");
  }
  return out;
}

}  // namespace

std::vector<FirehoseRecord> firehose_records(std::string_view event) {
  std::vector<FirehoseRecord> out;
  const std::vector<RawRecord> raw = raw_records(event);
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const RawRecord& f = raw[i];
    if (!f[kRecordId].exists()) {
      throw EventError("record " + std::to_string(i) +
                       ": not a Data Firehose record: missing recordId");
    }
    FirehoseRecord r;
    r.record_id = std::string(str_value(f[kRecordId], "recordId"));
    r.data = bytes_value(f[kData], "data");
    std::string meta = "{\"approximateArrivalTimestamp\":\"";
    meta += format_utc(instant_from_epoch_millis(f[kArrival], "approximateArrivalTimestamp"));
    meta += "\",\"recordId\":";
    json::append_go_string(meta, r.record_id);
    meta += '}';
    r.msg = Message(r.data, std::move(meta));
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

void append_record(std::string& out, const std::string& id, std::string_view result,
                   const std::string* data) {
  out += "{\"recordId\":";
  json::append_go_string(out, id);
  out += ",\"result\":\"";
  out += result;
  out += "\",\"data\":";
  if (data) {
    out += '"';
    out += json::base64_encode(*data);
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"metadata\":{\"partitionKeys\":null}}";
}

class FirehoseHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    std::vector<FirehoseRecord> recs = firehose_records(inv.event);
    const bool partial = inv.settings.partial_batch_response;
    std::string out;
    for (size_t i = 0; i < recs.size(); ++i) {
      out += out.empty() ? "{\"records\":[" : ",";
      std::vector<Message> res;
      try {
        res = inv.pipeline.chain.apply(std::move(recs[i].msg), inv.ctx);
      } catch (const Error& e) {
        const std::string where = "record " + std::to_string(i) + " (" + recs[i].record_id + ")";
        if (!partial) throw Error(where + ": " + e.what());
        inv.log.warn("record failed", {{"where", where}, {"error", e.what()}});
        append_record(out, recs[i].record_id, "ProcessingFailed", &recs[i].data);
        continue;
      }
      const Message* first = nullptr;
      for (const Message& m : res) {
        if (!m.is_control()) {
          first = &m;
          break;
        }
      }
      if (first) {
        append_record(out, recs[i].record_id, "Ok", &first->data());
      } else {
        append_record(out, recs[i].record_id, "Dropped", nullptr);
      }
    }
    try {
      (void)inv.pipeline.chain.apply(Message::control(), inv.ctx);
    } catch (const Error& e) {
      throw Error(std::string("control message: ") + e.what());
    }
    if (out.empty()) return "{\"records\":null}";
    out += "]}";
    return out;
  }
};

}  // namespace

std::unique_ptr<Handler> make_data_firehose() { return std::make_unique<FirehoseHandler>(); }

}  // namespace sub::lambda::handlers
