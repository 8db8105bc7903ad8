#include "services/aws/attribute_value.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::aws {

namespace {

constexpr int kMaxDepth = 1000;

void append_number(std::string& out, double d) {
  out += "{\"N\":\"";
  json::append_float_f(out, d);
  out += "\"}";
}

void append_value(std::string& out, const json::Value& v, int depth) {
  if (depth > kMaxDepth) throw Error("marshal failed, value nested too deeply");
  switch (v.type()) {
    case json::Value::Type::kNull:
      out += "{\"NULL\":true}";
      return;
    case json::Value::Type::kTrue:
      out += "{\"BOOL\":true}";
      return;
    case json::Value::Type::kFalse:
      out += "{\"BOOL\":false}";
      return;
    case json::Value::Type::kString:
      out += "{\"S\":";
      json::append_go_string(out, v.str());
      out += "}";
      return;
    case json::Value::Type::kNumber:
      if (!std::isfinite(v.num())) {
        throw Error("marshal failed, number " + std::string(v.raw()) + " out of range");
      }
      append_number(out, v.num());
      return;
    case json::Value::Type::kJson:
      break;
  }
  if (v.is_array()) {
    out += "{\"L\":[";
    bool first = true;
    v.for_each([&](const json::Value&, const json::Value& e) {
      if (!first) out.push_back(',');
      first = false;
      append_value(out, e, depth + 1);
      return true;
    });
    out += "]}";
    return;
  }
  // Object: a Go map, so a repeated member name keeps its last value.
  std::map<std::string, json::Value> members;
  v.for_each([&](const json::Value& k, const json::Value& e) {
    members[std::string(k.str())] = e;
    return true;
  });
  out += "{\"M\":{";
  bool first = true;
  for (const auto& [name, e] : members) {
    if (name.empty()) throw Error("marshal failed, map key cannot be empty");
    if (!first) out.push_back(',');
    first = false;
    json::append_go_string(out, name);
    out.push_back(':');
    append_value(out, e, depth + 1);
  }
  out += "}}";
}

void append_node(std::string& out, const config::Node& v, int depth) {
  if (depth > kMaxDepth) throw Error("marshal failed, value nested too deeply");
  switch (v.kind()) {
    case config::Node::Kind::kNull:
      out += "{\"NULL\":true}";
      return;
    case config::Node::Kind::kBool:
      out += v.boolean() ? "{\"BOOL\":true}" : "{\"BOOL\":false}";
      return;
    case config::Node::Kind::kNumber:
      append_number(out, v.number());
      return;
    case config::Node::Kind::kString:
      out += "{\"S\":";
      json::append_go_string(out, v.text());
      out += "}";
      return;
    case config::Node::Kind::kArray:
      out += "{\"L\":[";
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out.push_back(',');
        append_node(out, v.items()[i], depth + 1);
      }
      out += "]}";
      return;
    case config::Node::Kind::kObject: {
      std::map<std::string, const config::Node*> members;
      for (const auto& [k, e] : v.members()) members[k] = &e;
      out += "{\"M\":{";
      bool first = true;
      for (const auto& [name, e] : members) {
        if (name.empty()) throw Error("marshal failed, map key cannot be empty");
        if (!first) out.push_back(',');
        first = false;
        json::append_go_string(out, name);
        out.push_back(':');
        append_node(out, *e, depth + 1);
      }
      out += "}}";
      return;
    }
  }
}

double parse_number(std::string_view s) {
  std::string text(s);
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(d)) {
    throw Error("unmarshal failed, invalid number \"" + text + "\"");
  }
  return d;
}

config::Node decode(const json::Value& av, int depth) {
  if (depth > kMaxDepth) throw Error("unmarshal failed, value nested too deeply");
  if (!av.is_object()) throw Error("unmarshal failed, attribute value is not an object");
  config::Node out;
  bool found = false;
  av.for_each([&](const json::Value& k, const json::Value& v) {
    const std::string_view type = k.str();
    found = true;
    if (type == "S" || type == "B") {
      out = config::Node::make_string(std::string(v.str()));
    } else if (type == "N") {
      out = config::Node::make_number(parse_number(v.str()));
    } else if (type == "BOOL") {
      out = config::Node::make_bool(v.to_bool());
    } else if (type == "NULL") {
      out = config::Node();
    } else if (type == "L") {
      std::vector<config::Node> items;
      v.for_each([&](const json::Value&, const json::Value& e) {
        items.push_back(decode(e, depth + 1));
        return true;
      });
      out = config::Node::make_array(std::move(items));
    } else if (type == "M") {
      out = unmarshal_item(v);
    } else if (type == "SS" || type == "BS") {
      std::vector<config::Node> items;
      v.for_each([&](const json::Value&, const json::Value& e) {
        items.push_back(config::Node::make_string(std::string(e.str())));
        return true;
      });
      out = config::Node::make_array(std::move(items));
    } else if (type == "NS") {
      std::vector<config::Node> items;
      v.for_each([&](const json::Value&, const json::Value& e) {
        items.push_back(config::Node::make_number(parse_number(e.str())));
        return true;
      });
      out = config::Node::make_array(std::move(items));
    } else {
      throw Error("unmarshal failed, unknown attribute value type \"" + std::string(type) + "\"");
    }
    return false;  // an AV has exactly one member
  });
  if (!found) throw Error("unmarshal failed, empty attribute value");
  return out;
}

}  // namespace

void append_attribute_value(std::string& out, const json::Value& v) { append_value(out, v, 0); }

void append_attribute_value(std::string& out, const config::Node& v) { append_node(out, v, 0); }

std::string marshal_item(std::string_view json) {
  const json::Value v = json::get(json, "@this");
  if (!json::valid(json) || !v.is_object()) throw Error("input must be object");
  std::string av;
  append_value(av, v, 0);
  // {"M":{...}} → {...}
  return av.substr(5, av.size() - 6);
}

config::Node unmarshal_attribute_value(const json::Value& av) { return decode(av, 0); }

config::Node unmarshal_item(const json::Value& item) {
  std::map<std::string, config::Node> members;
  item.for_each([&](const json::Value& k, const json::Value& v) {
    members[std::string(k.str())] = decode(v, 1);
    return true;
  });
  std::vector<std::pair<std::string, config::Node>> sorted(members.begin(), members.end());
  return config::Node::make_object(std::move(sorted));
}

}  // namespace sub::aws
