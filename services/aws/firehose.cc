#include "services/aws/firehose.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/arn.h"

namespace sub::aws {

std::string FirehoseClient::stream_name(std::string_view stream) {
  if (!Arn::is_arn(stream)) return std::string(stream);
  return Arn::parse(stream).resource_name();
}

PartialRetryOptions FirehoseClient::retry_options(Client::Clock::time_point deadline) const {
  PartialRetryOptions o;
  o.policy = client_.options().retry;
  o.deadline = deadline;
  return o;
}

std::vector<EntryFailure> FirehoseClient::put_record_batch_once(
    std::string_view stream, const std::vector<std::string>& records,
    Client::Clock::time_point deadline) const {
  std::string body = "{\"DeliveryStreamName\":";
  json::append_go_string(body, stream_name(stream));
  body += ",\"Records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += "{\"Data\":\"";
    body += json::base64_encode(records[i]);
    body += "\"}";
  }
  body += "]}";
  const std::string resp =
      client_.json("Firehose_20150804.PutRecordBatch", std::move(body), "1.1", deadline);
  std::vector<EntryFailure> failures;
  size_t n = 0;
  json::get(resp, "RequestResponses").for_each([&](const json::Value&, const json::Value& r) {
    const std::string code = r.get("ErrorCode").to_string();
    if (!code.empty()) failures.push_back({n, code, r.get("ErrorMessage").to_string(), true});
    ++n;
    return true;
  });
  if (n != records.size()) {
    throw Error("aws firehose PutRecordBatch " + std::string(stream) + ": response has " +
                std::to_string(n) + " results for " + std::to_string(records.size()) + " records");
  }
  return failures;
}

void FirehoseClient::put_record_batch(std::string_view stream,
                                      const std::vector<std::string>& records,
                                      const PartialRetryOptions& options) const {
  send_with_partial_retry(
      "aws firehose PutRecordBatch " + std::string(stream), records.size(),
      [&](const std::vector<size_t>& idx) {
        std::vector<std::string> subset;
        subset.reserve(idx.size());
        for (size_t i : idx) subset.push_back(records[i]);
        return put_record_batch_once(stream, subset, options.deadline);
      },
      options);
}

void FirehoseClient::put_record_batch(std::string_view stream,
                                      const std::vector<std::string>& records) const {
  put_record_batch(stream, records, retry_options(Client::Clock::time_point::max()));
}

}  // namespace sub::aws
