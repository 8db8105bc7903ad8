#include "apps/lambda/handlers/common.h"

#include <set>

#include "apps/lambda/go_json.h"
#include "apps/lambda/processor.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::lambda::handlers {
namespace {

std::string type_name(const json::Value& v) {
  switch (v.type()) {
    case json::Value::Type::kNumber:
      return "number";
    case json::Value::Type::kString:
      return "string";
    case json::Value::Type::kTrue:
    case json::Value::Type::kFalse:
      return "bool";
    case json::Value::Type::kJson:
      return v.is_array() ? "array" : "object";
    case json::Value::Type::kNull:
      return "null";
  }
  return "value";
}

}  // namespace

void require_json(std::string_view event) {
  if (!json::valid(event)) throw EventError("event is not valid JSON");
}

std::vector<json::Value> records(std::string_view event, std::string_view key,
                                 std::string_view kind, bool non_empty) {
  const json::Value arr = json::get(event, key);
  if (!arr.is_array()) {
    throw EventError("not " + std::string(kind) + " event: no \"" + std::string(key) + "\" array");
  }
  std::vector<json::Value> out = arr.to_array();
  if (non_empty && out.empty()) {
    throw EventError(std::string(kind) + " event has no records");
  }
  return out;
}

std::string_view str_value(const json::Value& v, std::string_view path) {
  if (!v.exists() || v.type() == json::Value::Type::kNull) return {};
  if (v.type() != json::Value::Type::kString) {
    throw EventError("event field " + std::string(path) + ": cannot read " + type_name(v) +
                     " as string");
  }
  return v.str();
}

std::string str(const json::Value& obj, std::string_view path) {
  return std::string(str_value(obj.get(path), path));
}

int64_t int64(const json::Value& obj, std::string_view path) {
  const json::Value v = obj.get(path);
  if (!v.exists() || v.type() == json::Value::Type::kNull) return 0;
  if (v.type() != json::Value::Type::kNumber) {
    throw EventError("event field " + std::string(path) + ": cannot read " + type_name(v) +
                     " as integer");
  }
  for (char c : v.raw()) {
    if (c == '.' || c == 'e' || c == 'E') {
      throw EventError("event field " + std::string(path) + ": cannot read " +
                       std::string(v.raw()) + " as integer");
    }
  }
  return v.to_int();
}

std::string bytes_value(const json::Value& v, std::string_view path) {
  std::string out;
  if (!json::base64_decode(str_value(v, path), out)) {
    throw EventError("event field " + std::string(path) + ": illegal base64 data");
  }
  return out;
}

std::string bytes(const json::Value& obj, std::string_view path) {
  return bytes_value(obj.get(path), path);
}

void require_field(const json::Value& obj, std::string_view path, std::string_view kind,
                   size_t index) {
  if (!obj.get(path).exists()) {
    throw EventError("record " + std::to_string(index) + ": not " + std::string(kind) +
                     " record: missing " + std::string(path));
  }
}

std::string run_async(const Invocation& inv, Batch batch, bool partial) {
  const std::vector<size_t> record_of = batch.record_of;
  const size_t count = batch.messages.size();
  const BatchOutcome outcome =
      process_batch(inv.pipeline.chain, std::move(batch.messages), inv.workers,
                    workers_for(inv.pipeline.concurrency), inv.ctx, !partial);
  const auto label = [&](size_t msg) {
    const size_t rec = msg < record_of.size() ? record_of[msg] : 0;
    std::string id = rec < batch.record_ids.size() ? batch.record_ids[rec] : "";
    return "record " + std::to_string(rec) + (id.empty() ? "" : " (" + id + ")") + ", message " +
           std::to_string(msg);
  };
  inv.log.debug("batch processed", {{"messages", std::to_string(count)},
                                    {"failures", std::to_string(outcome.failures.size())}});
  if (!partial) {
    if (!outcome.failures.empty()) {
      const MessageFailure& first = outcome.failures.front();
      std::string msg = label(first.index) + ": " + first.error;
      if (outcome.failures.size() > 1) {
        msg += " (and " + std::to_string(outcome.failures.size() - 1) + " more failures)";
      }
      throw Error(msg);
    }
    if (outcome.control_error) throw Error("control message: " + *outcome.control_error);
    return "null";
  }
  std::set<size_t> failed(batch.failed_records.begin(), batch.failed_records.end());
  for (size_t i = 0; i < batch.failed_records.size(); ++i) {
    inv.log.warn("record failed", {{"record", std::to_string(batch.failed_records[i])},
                                   {"id", batch.record_ids[batch.failed_records[i]]},
                                   {"error", batch.record_errors[i]}});
  }
  for (const MessageFailure& f : outcome.failures) {
    inv.log.warn("message failed", {{"where", label(f.index)}, {"error", f.error}});
    if (f.index < record_of.size()) failed.insert(record_of[f.index]);
  }
  if (outcome.control_error) throw Error("control message: " + *outcome.control_error);
  std::string out = "{\"batchItemFailures\":[";
  bool first = true;
  for (size_t rec : failed) {
    if (!first) out += ',';
    first = false;
    out += "{\"itemIdentifier\":";
    json::append_go_string(out, batch.record_ids[rec]);
    out += '}';
  }
  out += "]}";
  return out;
}

std::string json_array_of(const std::vector<Message>& outputs) {
  std::string out;
  for (const Message& m : outputs) {
    if (m.is_control()) continue;
    if (!json::valid(m.data())) {
      throw Error("transformed data is invalid JSON and cannot be returned");
    }
    out += out.empty() ? '[' : ',';
    append_compact_html(out, m.data());
  }
  if (out.empty()) return "null";
  out += ']';
  return out;
}

}  // namespace sub::lambda::handlers
