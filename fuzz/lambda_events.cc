// Every Lambda event parser (apps/lambda/handlers): the fuzzed bytes are the invocation
// event, handed to each handler's conversion in turn, as tests/unit/lambda_handlers_test.cc
// calls them. S3 objects named by an event are "fetched" from a fake whose content is the
// object key itself (so the fuzzer controls it), and keys starting with "missing" fail.
//
// Checks: the metadata of every message is empty or valid JSON; the Lambda handler's
// message (the compacted event) is valid JSON; the API Gateway response is valid JSON for
// any body; the one-pass readers (Kinesis, SQS, SNS, Data Firehose) say "event is not valid
// JSON" exactly when json::valid says so.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "apps/lambda/go_json.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/path.h"
#include "fuzz/support/fuzz_support.h"

namespace {

namespace h = sub::lambda::handlers;

class KeyIsContentFetcher : public sub::lambda::ObjectFetcher {
 public:
  std::string get(std::string_view, std::string_view key) override {
    if (key.substr(0, 7) == "missing") throw sub::Error("no such object " + std::string(key));
    return std::string(key);
  }
};

constexpr size_t kMaxLine = 1000;

void check_message(const sub::Message& m) {
  const std::string& meta = m.metadata();
  sub::fuzz::check(meta.empty() || sub::json::valid(meta), "a handler built invalid metadata JSON",
                   meta);
}

void check_batch(const sub::lambda::Batch& b) {
  for (const sub::Message& m : b.messages) check_message(m);
  sub::fuzz::check(b.record_of.size() == b.messages.size(), "record_of does not match messages");
  for (size_t r : b.record_of) {
    sub::fuzz::check(b.record_ids.empty() || r < b.record_ids.size(),
                     "a message points at a record that does not exist");
  }
}

template <class Fn>
void convert(Fn&& fn) {
  sub::fuzz::run_expecting_only_sub_errors(fn);
}

// The handlers that read their records in one pass (Kinesis, SQS, SNS, Data Firehose)
// check the event is valid JSON on the way: they must refuse as invalid exactly what
// json::valid refuses, wherever the fault is.
template <class Fn>
void convert_in_one_pass(std::string_view event, bool valid, Fn&& fn) {
  std::string error;
  sub::fuzz::run_expecting_only_sub_errors([&] {
    try {
      fn();
    } catch (const sub::Error& e) {
      error = e.what();
      throw;
    }
  });
  sub::fuzz::check((error == "event is not valid JSON") == !valid,
                   "a one-pass handler and json::valid disagree on the event", event);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view event = sub::fuzz::bytes_of(data, size);
  KeyIsContentFetcher fetcher;
  const bool valid = sub::json::valid(event);

  convert([&] { check_message(h::api_gateway_message(event)); });
  convert_in_one_pass(event, valid, [&] {
    for (const h::FirehoseRecord& r : h::firehose_records(event)) check_message(r.msg);
  });
  convert([&] { check_batch(h::dynamodb_batch(event, 1700000000000)); });
  convert_in_one_pass(event, valid, [&] { check_batch(h::kinesis_batch(event)); });
  convert([&] {
    const sub::Message m = h::lambda_message(event);
    check_message(m);
    sub::fuzz::check(sub::json::valid(m.data()), "the Lambda handler's message is not JSON",
                     m.data());
  });
  convert([&] { check_batch(h::s3_batch(event, fetcher, kMaxLine)); });
  convert([&] { check_batch(h::s3_sns_batch(event, fetcher, kMaxLine)); });
  convert([&] { check_batch(h::s3_sqs_batch(event, fetcher, kMaxLine, false)); });
  convert([&] { check_batch(h::s3_sqs_batch(event, fetcher, kMaxLine, true)); });
  convert_in_one_pass(event, valid, [&] { check_batch(h::sns_batch(event)); });
  convert_in_one_pass(event, valid, [&] { check_batch(h::sqs_batch(event)); });

  const std::string response = h::api_gateway_response(event);
  sub::fuzz::check(sub::json::valid(response), "api_gateway_response is not valid JSON", response);
  convert([&] { (void)sub::lambda::query_unescape(event); });
  return 0;
}
