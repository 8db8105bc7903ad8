#include "services/aws/sns.h"

#include "core/error.h"
#include "services/aws/request.h"
#include "services/aws/xml.h"

namespace sub::aws {

PartialRetryOptions SnsClient::retry_options(Client::Clock::time_point deadline) const {
  PartialRetryOptions o;
  o.policy = client_.options().retry;
  o.deadline = deadline;
  return o;
}

std::vector<EntryFailure> SnsClient::publish_batch_once(std::string_view topic_arn,
                                                        const std::vector<Entry>& entries,
                                                        Client::Clock::time_point deadline) const {
  std::string form;
  append_form(form, "Action", "PublishBatch");
  append_form(form, "Version", "2010-03-31");
  append_form(form, "TopicArn", topic_arn);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string p = "PublishBatchRequestEntries.member." + std::to_string(i + 1) + ".";
    append_form(form, p + "Id", std::to_string(i));
    append_form(form, p + "Message", entries[i].message);
    if (!entries[i].message_group_id.empty()) {
      append_form(form, p + "MessageGroupId", entries[i].message_group_id);
    }
    if (!entries[i].deduplication_id.empty()) {
      append_form(form, p + "MessageDeduplicationId", entries[i].deduplication_id);
    }
  }
  const std::string resp = client_.query("PublishBatch", std::move(form), deadline);
  std::vector<EntryFailure> failures;
  size_t ok = 0;
  for (std::string_view s : xml_elements(resp, "Successful"))
    ok += xml_elements(s, "member").size();
  for (std::string_view f : xml_elements(resp, "Failed")) {
    for (std::string_view m : xml_elements(f, "member")) {
      EntryFailure e;
      const std::string id = xml_text(m, "Id");
      e.index = entries.size();
      for (size_t i = 0; i < entries.size(); ++i) {
        if (id == std::to_string(i)) e.index = i;
      }
      e.code = xml_text(m, "Code");
      e.message = xml_text(m, "Message");
      e.retryable = xml_text(m, "SenderFault") != "true" || RetryPolicy::retryable_code(e.code, 0);
      failures.push_back(std::move(e));
    }
  }
  if (ok + failures.size() != entries.size()) {
    throw Error("aws sns PublishBatch " + std::string(topic_arn) + ": response has " +
                std::to_string(ok + failures.size()) + " results for " +
                std::to_string(entries.size()) + " entries");
  }
  return failures;
}

void SnsClient::publish_batch(std::string_view topic_arn, const std::vector<Entry>& entries,
                              const PartialRetryOptions& options) const {
  send_with_partial_retry(
      "aws sns PublishBatch " + std::string(topic_arn), entries.size(),
      [&](const std::vector<size_t>& idx) {
        std::vector<Entry> subset;
        subset.reserve(idx.size());
        for (size_t i : idx) subset.push_back(entries[i]);
        return publish_batch_once(topic_arn, subset, options.deadline);
      },
      options);
}

void SnsClient::publish_batch(std::string_view topic_arn, const std::vector<Entry>& entries) const {
  publish_batch(topic_arn, entries, retry_options(Client::Clock::time_point::max()));
}

}  // namespace sub::aws
