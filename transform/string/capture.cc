// string_capture: extracts regular expression capture groups.
//
// Settings:
//   pattern            RE2 regular expression (required)
//   count              0 (default): one match; N > 0: up to N matches as an array
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write to
// Results:
//   pattern with a named group "(?P<"  an object {name: match} of the first match: in data
//                                      mode a new message (metadata kept) whose data is the
//                                      object; in object mode each group is written at
//                                      target_key.<name>
//   count 0                            the last group of the first match ("" when none)
//   count N                            array of the last group of each of up to N matches
// In object mode a missing source leaves the message unchanged.
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/string/go_regexp.h"

#include "core/json/encode.h"

namespace sub::transform {
namespace {

// The last group of a match (Go: match[len(match)-1] when there is a group).
std::string_view last_group(const GoRegexp::Groups& g) {
  if (g.size() > 1 && g.back().data() != nullptr) return g.back();
  return {};
}

class StringCapture final : public Transform {
 public:
  StringCapture(config::ObjectSettings obj, GoRegexp re, int64_t count, bool named)
      : obj_(std::move(obj)), re_(std::move(re)), count_(count), named_(named) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    if (obj_.data_mode()) {
      out.push_back(apply_data(std::move(msg)));
    } else {
      apply_object(msg);
      out.push_back(std::move(msg));
    }
  }

 private:
  Message apply_data(Message msg) const {
    const std::string& data = msg.data();
    GoRegexp::Groups g;
    if (named_) {
      Message result(std::string(), msg.metadata());
      if (re_.find(data, g)) {
        for (size_t i = 1; i < g.size(); ++i) result.set_bytes(re_.names()[i], g[i]);
      }
      return result;
    }
    if (count_ == 0) {
      std::string match;
      if (re_.find(data, g)) match = std::string(last_group(g));
      msg.set_data(std::move(match));
      return msg;
    }
    // Each match is added with the []byte rules (JSON objects/arrays inserted raw).
    Message tmp;
    re_.find_all(data, count_,
                 [&](const GoRegexp::Groups& m) { tmp.set_bytes("key.-1", last_group(m)); });
    msg.set_data(tmp.get("key").to_string());
    return msg;
  }

  void apply_object(Message& msg) const {
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    const std::string text = v.to_string();
    GoRegexp::Groups g;
    if (named_) {
      if (!re_.find(text, g)) return;
      for (size_t i = 1; i < g.size(); ++i) {
        msg.set_string(obj_.target_key + "." + re_.names()[i], g[i]);
      }
      return;
    }
    if (count_ == 0) {
      std::string match;
      if (re_.find(text, g)) match = std::string(last_group(g));
      msg.set_string(obj_.target_key, match);
      return;
    }
    // A Go []string: a JSON array of strings, or null when nothing matched.
    std::string arr;
    re_.find_all(text, count_, [&](const GoRegexp::Groups& m) {
      arr.push_back(arr.empty() ? '[' : ',');
      json::append_go_string(arr, last_group(m));
    });
    arr += arr.empty() ? "null" : "]";
    msg.set_raw(obj_.target_key, arr);
  }

  const config::ObjectSettings obj_;
  const GoRegexp re_;
  const int64_t count_;
  const bool named_;
};

}  // namespace

std::shared_ptr<Transform> new_string_capture(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string pattern = s.string("pattern");
  if (pattern.empty()) s.missing("pattern");
  int64_t count = s.integer("count");
  bool named = pattern.find("(?P<") != std::string::npos;
  return std::make_shared<StringCapture>(std::move(obj), GoRegexp(pattern, s, "pattern"), count,
                                         named);
}

}  // namespace sub::transform
