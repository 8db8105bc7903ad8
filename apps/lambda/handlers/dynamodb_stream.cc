// AWS_DYNAMODB_STREAM (v1 AWS_DYNAMODB): DynamoDB Streams change records as Debezium-style
// documents {source:{ts_ms,table,connector}, ts_ms, op, before, after}. KEYS_ONLY records
// carry no images and are skipped.
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>

#include "apps/lambda/event_time.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {
namespace {

void append_number(std::string& out, std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  errno = 0;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE) {
    throw EventError("dynamodb attribute N: invalid number \"" + s + "\"");
  }
  json::append_float_json(out, d);
}

void append_b64(std::string& out, std::string_view text) {
  std::string raw;
  if (!json::base64_decode(text, raw)) throw EventError("dynamodb attribute B: illegal base64");
  out += '"';
  out += json::base64_encode(raw);
  out += '"';
}

void append_attr(std::string& out, const json::Value& av, int depth);

template <typename Fn>
void append_list(std::string& out, const json::Value& arr, Fn each) {
  out += '[';
  bool first = true;
  for (const json::Value& v : arr.to_array()) {
    if (!first) out += ',';
    first = false;
    each(v);
  }
  out += ']';
}

void append_map(std::string& out, const json::Value& obj, int depth) {
  std::map<std::string, json::Value> sorted;
  obj.for_each([&](const json::Value& k, const json::Value& v) {
    sorted[std::string(k.str())] = v;
    return true;
  });
  out += '{';
  bool first = true;
  for (const auto& [key, value] : sorted) {
    if (!first) out += ',';
    first = false;
    json::append_go_string(out, key);
    out += ':';
    append_attr(out, value, depth + 1);
  }
  out += '}';
}

void append_attr(std::string& out, const json::Value& av, int depth) {
  if (depth > 64) throw EventError("dynamodb attribute: nested too deeply");
  if (!av.is_object()) throw EventError("dynamodb attribute: not an attribute value object");
  std::string type;
  json::Value value;
  av.for_each([&](const json::Value& k, const json::Value& v) {
    type = std::string(k.str());
    value = v;
    return false;
  });
  const auto need_array = [&] {
    if (!value.is_array()) throw EventError("dynamodb attribute " + type + ": not an array");
  };
  if (type == "S") {
    if (value.type() != json::Value::Type::kString)
      throw EventError("dynamodb attribute S: not a string");
    json::append_go_string(out, value.str());
  } else if (type == "N") {
    append_number(out, value.str());
  } else if (type == "B") {
    append_b64(out, value.str());
  } else if (type == "SS") {
    need_array();
    append_list(out, value, [&](const json::Value& v) { json::append_go_string(out, v.str()); });
  } else if (type == "NS") {
    need_array();
    append_list(out, value, [&](const json::Value& v) { append_number(out, v.str()); });
  } else if (type == "BS") {
    need_array();
    append_list(out, value, [&](const json::Value& v) { append_b64(out, v.str()); });
  } else if (type == "M") {
    if (!value.is_object()) throw EventError("dynamodb attribute M: not an object");
    append_map(out, value, depth);
  } else if (type == "L") {
    need_array();
    append_list(out, value, [&](const json::Value& v) { append_attr(out, v, depth + 1); });
  } else if (type == "NULL") {
    out += "null";
  } else if (type == "BOOL") {
    out += value.to_bool() ? "true" : "false";
  } else {
    throw EventError("dynamodb attribute: unsupported type \"" + type + "\"");
  }
}

}  // namespace

std::string dynamodb_image_json(const json::Value& image) {
  std::string out;
  if (!image.is_object()) throw EventError("dynamodb image: not an object");
  append_map(out, image, 0);
  return out;
}

Batch dynamodb_batch(std::string_view event, int64_t now_ms) {
  require_json(event);
  const std::vector<json::Value> recs = records(event, "Records", "a DynamoDB Streams", true);
  const std::string arn0 = str(recs.front(), "eventSourceARN");
  const size_t slash = arn0.find('/');
  if (slash == std::string::npos) {
    throw EventError("record 0: eventSourceARN \"" + arn0 + "\" has no table name");
  }
  const size_t slash2 = arn0.find('/', slash + 1);
  const std::string table =
      arn0.substr(slash + 1, slash2 == std::string::npos ? std::string::npos : slash2 - slash - 1);
  Batch batch;
  for (size_t i = 0; i < recs.size(); ++i) {
    const json::Value& rec = recs[i];
    require_field(rec, "dynamodb", "a DynamoDB Streams", i);
    const std::string view = str(rec, "dynamodb.StreamViewType");
    if (view == "KEYS_ONLY") continue;
    const std::string sequence = str(rec, "dynamodb.SequenceNumber");
    const gotime::Instant created = instant_from_epoch_seconds(
        rec.get("dynamodb.ApproximateCreationDateTime"), "dynamodb.ApproximateCreationDateTime");
    std::string meta = "{\"approximateCreationDateTime\":\"";
    meta += format_utc(created);
    meta += "\",\"eventSourceArn\":";
    json::append_go_string(meta, str(rec, "eventSourceARN"));
    meta += ",\"sequenceNumber\":";
    json::append_go_string(meta, sequence);
    meta += ",\"sizeBytes\":";
    json::append_int(meta, int64(rec, "dynamodb.SizeBytes"));
    meta += ",\"streamViewType\":";
    json::append_go_string(meta, view);
    meta += '}';

    Message msg(std::string(), std::move(meta));
    try {
      msg.set_int("source.ts_ms", created.sec * 1000 + created.nsec / 1'000'000);
      msg.set_string("source.table", table);
      msg.set_string("source.connector", "dynamodb");
      msg.set_int("ts_ms", now_ms);
      const std::string name = str(rec, "eventName");
      if (name == "INSERT") msg.set_string("op", "c");
      if (name == "MODIFY") msg.set_string("op", "u");
      if (name == "REMOVE") msg.set_string("op", "d");
      const json::Value old_image = rec.get("dynamodb.OldImage");
      const json::Value new_image = rec.get("dynamodb.NewImage");
      if (!old_image.exists() || old_image.type() == json::Value::Type::kNull) {
        msg.set_null("before");
      } else {
        msg.set_raw("before", dynamodb_image_json(old_image));
      }
      if (!new_image.exists() || new_image.type() == json::Value::Type::kNull) {
        msg.set_null("after");
      } else {
        msg.set_raw("after", dynamodb_image_json(new_image));
      }
    } catch (const Error& e) {
      throw EventError("record " + std::to_string(i) + " (" + sequence + "): " + e.what());
    }
    batch.begin_record(sequence);
    batch.add(std::move(msg));
  }
  return batch;
}

namespace {

class DynamodbHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    return run_async(inv, dynamodb_batch(inv.event, now_ms), inv.settings.partial_batch_response);
  }
};

}  // namespace

std::unique_ptr<Handler> make_dynamodb_stream() { return std::make_unique<DynamodbHandler>(); }

}  // namespace sub::lambda::handlers
