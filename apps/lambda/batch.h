// The messages an event converts to, and for each the event record it came from (for
// error messages and partial batch responses).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/message.h"

namespace sub::lambda {

struct Batch {
  std::vector<Message> messages;
  std::vector<size_t> record_of;           // per message: index into record_ids
  std::vector<std::string> record_ids;     // per record: its item identifier
  std::vector<size_t> failed_records;      // records whose conversion failed (partial mode)
  std::vector<std::string> record_errors;  // the error of each failed record

  // Starts a new record; messages added next belong to it. Returns its index.
  size_t begin_record(std::string id) {
    record_ids.push_back(std::move(id));
    return record_ids.size() - 1;
  }
  void add(Message msg) {
    messages.push_back(std::move(msg));
    record_of.push_back(record_ids.empty() ? 0 : record_ids.size() - 1);
  }
  void fail_record(size_t record, std::string error) {
    failed_records.push_back(record);
    record_errors.push_back(std::move(error));
  }
};

}  // namespace sub::lambda
