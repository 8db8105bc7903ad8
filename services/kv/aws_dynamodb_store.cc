#include "services/kv/aws_dynamodb_store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "services/aws/attribute_value.h"
#include "services/aws/error.h"
#include "services/aws/options.h"

namespace sub::kv {

namespace {

constexpr std::string_view kSortKeyValue = "substation:kv_store";

int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void append_member(std::string& out, std::string_view name) {
  if (!out.empty() && out.back() != '{') out.push_back(',');
  json::append_go_string(out, name);
  out.push_back(':');
}

// Go's fmt "%f".
std::string format_f(double d) {
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%f", d);
  return buf;
}

// Go's fmt "%v" of a float64: strconv 'g' with the shortest digits.
std::string format_v_float(double d) {
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  if (std::isnan(d)) return "NaN";
  char buf[64];
  const auto sci_end = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific).ptr;
  std::string sci(buf, sci_end);  // d.ddde+XX
  const size_t e = sci.find('e');
  const int exp = std::stoi(sci.substr(e + 1));
  // strconv 'g' with the shortest precision switches to %e from exponent 6 (and below -4).
  if (exp < -4 || exp >= 6) {
    std::string x = std::to_string(std::abs(exp));
    if (x.size() < 2) x = "0" + x;
    return sci.substr(0, e) + "e" + (exp < 0 ? "-" : "+") + x;
  }
  const auto fixed_end = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::fixed).ptr;
  return std::string(buf, fixed_end);
}

// Go's fmt "%v" of a decoded JSON value.
std::string format_v(const config::Node& v) {
  switch (v.kind()) {
    case config::Node::Kind::kNull:
      return "<nil>";
    case config::Node::Kind::kBool:
      return v.boolean() ? "true" : "false";
    case config::Node::Kind::kNumber:
      return format_v_float(v.number());
    case config::Node::Kind::kString:
      return v.text();
    case config::Node::Kind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out.push_back(' ');
        out += format_v(v.items()[i]);
      }
      return out + "]";
    }
    case config::Node::Kind::kObject: {
      std::vector<std::pair<std::string, const config::Node*>> members;
      for (const auto& [k, e] : v.members()) members.emplace_back(k, &e);
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string out = "map[";
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out.push_back(' ');
        out += members[i].first + ":" + format_v(*members[i].second);
      }
      return out + "]";
    }
  }
  return "";
}

// The set AV ADDed by set_add: {"NS":[...]} or {"SS":[...]}.
std::string set_value(const config::Node& v) {
  std::vector<std::string> elems;
  std::string type;
  if (v.is_number()) {
    type = "NS";
    elems.push_back(format_f(v.number()));
  } else if (v.is_string()) {
    type = "SS";
    elems.push_back(v.text());
  } else if (v.is_array() && !v.items().empty()) {
    bool all_numbers = true;
    for (const config::Node& e : v.items()) all_numbers = all_numbers && e.is_number();
    type = all_numbers ? "NS" : "SS";
    for (const config::Node& e : v.items()) {
      elems.push_back(all_numbers ? format_f(e.number()) : format_v(e));
    }
  } else {
    throw Error("kv: aws_dynamodb: set_add: value must be a string, a number or a non-empty array");
  }
  // DynamoDB rejects sets with duplicates.
  std::set<std::string> seen;
  std::string out = "{\"" + type + "\":[";
  bool first = true;
  for (const std::string& e : elems) {
    if (!seen.insert(e).second) continue;
    if (!first) out.push_back(',');
    first = false;
    json::append_go_string(out, e);
  }
  return out + "]}";
}

// The member `name` of a JSON object (exact match), or a value that does not exist.
json::Value member(const json::Value& object, std::string_view name) {
  json::Value found;
  object.for_each([&](const json::Value& k, const json::Value& v) {
    if (k.str() != name) return true;
    found = v;
    return false;
  });
  return found;
}

std::string number_av(int64_t n) { return "{\"N\":\"" + std::to_string(n) + "\"}"; }

}  // namespace

AwsDynamoDbStore::AwsDynamoDbStore(std::string table, aws::ClientOptions options,
                                   Attributes attributes, bool consistent_read)
    : table_(std::move(table)),
      options_(std::move(options)),
      attrs_(std::move(attributes)),
      consistent_read_(consistent_read) {}

std::shared_ptr<Store> AwsDynamoDbStore::from_settings(const config::Settings& s) {
  const config::Settings aws = s.child("aws");
  std::string arn = aws.string("arn");
  if (arn.empty()) aws.missing("arn");
  const config::Settings a = s.child("attributes");
  Attributes attrs;
  attrs.partition_key = a.string("partition_key");
  if (attrs.partition_key.empty()) a.missing("partition_key");
  attrs.sort_key = a.string("sort_key");
  attrs.value = a.string("value");
  attrs.ttl = a.string("ttl");
  aws::ClientOptions options;
  try {
    options = aws::client_options_for_arn(arn, aws.string("assume_role_arn"));
    aws::DynamoDbClient probe(options);  // resolves the endpoint now: a bad region is named here
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  return std::make_shared<AwsDynamoDbStore>(std::move(arn), std::move(options), std::move(attrs),
                                            s.boolean("consistent_read"));
}

void AwsDynamoDbStore::setup() { client(); }

bool AwsDynamoDbStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return client_ != nullptr;
}

const aws::DynamoDbClient& AwsDynamoDbStore::client() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!client_) client_ = std::make_unique<aws::DynamoDbClient>(options_);
  return *client_;
}

void AwsDynamoDbStore::missing(std::string_view attribute) const {
  throw Error("kv: aws_dynamodb: attributes." + std::string(attribute) + ": " +
              std::string(kMissingRequiredOption));
}

std::string AwsDynamoDbStore::key_members(const std::string& key) const {
  std::string out = "{";
  append_member(out, attrs_.partition_key);
  out += "{\"S\":";
  json::append_go_string(out, key);
  out += "}";
  if (!attrs_.sort_key.empty()) {
    append_member(out, attrs_.sort_key);
    out += "{\"S\":";
    json::append_go_string(out, kSortKeyValue);
    out += "}";
  }
  return out.substr(1);
}

config::Node AwsDynamoDbStore::get(const std::string& key) {
  const std::string item =
      client().get_item(table_, "{" + key_members(key) + "}", consistent_read_);
  if (item.empty() || attrs_.value.empty()) return config::Node();
  const json::Value parsed = json::Value::view_raw(item);
  if (!attrs_.ttl.empty()) {
    const json::Value ttl = member(member(parsed, attrs_.ttl), "N");
    if (ttl.exists()) {
      const double t = std::strtod(std::string(ttl.str()).c_str(), nullptr);
      if (t != 0 && t <= static_cast<double>(now_unix())) return config::Node();
    }
  }
  const json::Value value = member(parsed, attrs_.value);
  if (!value.exists()) return config::Node();
  return aws::unmarshal_attribute_value(value);
}

void AwsDynamoDbStore::set_with_ttl(const std::string& key, const config::Node& value,
                                    int64_t ttl) {
  if (attrs_.value.empty()) missing("value");
  if (ttl != 0 && attrs_.ttl.empty()) missing("ttl");
  std::string item = "{" + key_members(key);
  append_member(item, attrs_.value);
  aws::append_attribute_value(item, value);
  if (ttl != 0) {
    append_member(item, attrs_.ttl);
    item += number_av(ttl);
  }
  item += "}";
  client().put_item(table_, item);
}

void AwsDynamoDbStore::set_add_with_ttl(const std::string& key, const config::Node& value,
                                        int64_t ttl) {
  if (attrs_.value.empty()) missing("value");
  aws::DynamoDbClient::Expression update;
  update.expression = "ADD #0 :0";
  update.names = "{\"#0\":";
  json::append_go_string(update.names, attrs_.value);
  update.values = "{\":0\":" + set_value(value);
  if (!attrs_.ttl.empty()) {
    update.expression += " SET #1 = :1";
    update.names += ",\"#1\":";
    json::append_go_string(update.names, attrs_.ttl);
    update.values += ",\":1\":" + number_av(ttl);
  }
  update.names += "}";
  update.values += "}";
  client().update_item(table_, "{" + key_members(key) + "}", update);
}

bool AwsDynamoDbStore::lock(const std::string& key, int64_t ttl) {
  if (attrs_.ttl.empty()) missing("ttl");
  std::string item = "{" + key_members(key);
  append_member(item, attrs_.ttl);
  item += number_av(ttl) + "}";
  aws::DynamoDbClient::Expression cond;
  cond.expression = "attribute_not_exists(#0) OR #1 <= :0";
  cond.names = "{\"#0\":";
  json::append_go_string(cond.names, attrs_.partition_key);
  cond.names += ",\"#1\":";
  json::append_go_string(cond.names, attrs_.ttl);
  cond.names += "}";
  cond.values = "{\":0\":" + number_av(now_unix()) + "}";
  try {
    client().put_item(table_, item, cond);
  } catch (const aws::ServiceError& e) {
    if (e.code() == "ConditionalCheckFailedException") return false;
    throw;
  }
  return true;
}

void AwsDynamoDbStore::unlock(const std::string& key) {
  client().delete_item(table_, "{" + key_members(key) + "}");
}

}  // namespace sub::kv
