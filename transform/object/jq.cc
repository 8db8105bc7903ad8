// object_jq: runs a jq filter over the whole data.
//
// Settings:
//   filter  jq program (required; compiled at construction, a compile error is a
//           configuration error)
// The data must be one JSON value. Results, printed as Go's encoding/json prints decoded
// values (compact, object keys sorted, numbers as float64, strings HTML-escaped):
//   no result        error `no output generated`
//   one result       the data becomes that value (a string result stays quoted: "b")
//   several results  the data becomes a JSON array of them
// Runs on libjq; the reference uses gojq, whose semantics are followed where libjq lets a
// definition or the input change them (kGojqPrelude): object keys in sorted order for the
// input, to_entries, tojson and tostring; string index/rindex/indices in code points;
// limit(0; f) is empty and a negative count an error; keys_unsorted and input_line_number
// do not exist; ltrimstr/rtrimstr of a non-string are errors; -0 prints as 0 (gojq's
// integers). Not matched: `.[]`, paths and tostream over objects the filter builds
// iterate in insertion order, `\w`/`\d`/`\s` in regexes are Unicode-aware (Go's are
// ASCII), and runtime error texts are jq's (`jq: error: ...`).
#include <algorithm>
#include <cmath>
#include <mutex>
#include <utility>
#include <vector>

#include "core/json/encode.h"
#include "transform/builder.h"
#include "transform/object/jq_library.h"

namespace sub::transform {
namespace {

// jv.h's jv_is_valid, which is inline there (not a function of the library).
bool is_valid(jv x) { return libjq().jv_get_kind(x) != JV_KIND_INVALID; }

// jq definitions placed before every filter (on the same line, so line numbers in errors
// stay the user's): gojq's behaviour where jq 1.6's differs. A builtin that a definition
// still needs is captured under another name first.
constexpr std::string_view kGojqPrelude =
    "def _jq_tojson: tojson; def _jq_indices($i): indices($i); "
    "def _sortkeys: if type == \"object\" then to_entries | sort_by(.key) | "
    "map(.value |= _sortkeys) | from_entries elif type == \"array\" then map(_sortkeys) "
    "else . end; "
    "def tojson: _sortkeys | _jq_tojson; "
    "def tostring: if type == \"string\" then . else tojson end; "
    "def to_entries: [keys[] as $k | {key: $k, value: .[$k]}]; "
    "def limit($n; f): if $n > 0 then label $out | foreach f as $item (0; . + 1; $item, "
    "if . >= $n then break $out else empty end) elif $n == 0 then empty "
    "else error(\"limit doesn't support negative count\") end; "
    "def keys_unsorted: error(\"function not defined: keys_unsorted/0\"); "
    "def input_line_number: error(\"function not defined: input_line_number/0\"); "
    "def _trim_error($name; $x): error(\"\\($name)(\\($x | tojson)) cannot be applied to: "
    "\\(type) (\\(tojson))\"); "
    "def ltrimstr($x): if type == \"string\" and ($x | type) == \"string\" then "
    "(if startswith($x) then .[($x | length):] else . end) else _trim_error(\"ltrimstr\"; $x) "
    "end; "
    "def rtrimstr($x): if type == \"string\" and ($x | type) == \"string\" then "
    "(if endswith($x) and ($x | length) > 0 then .[:length - ($x | length)] else . end) "
    "else _trim_error(\"rtrimstr\"; $x) end; "
    "def indices($i): if type == \"string\" and ($i | type) == \"string\" then (explode as $s "
    "| ($i | explode) as $t | ($t | length) as $n | if $n == 0 then [] else [range(0; "
    "($s | length) - $n + 1) | select($s[.:. + $n] == $t)] end) else _jq_indices($i) end; "
    "def index($i): indices($i) | .[0]; "
    "def rindex($i): indices($i) | .[-1:][0]; ";

// The program jq compiles: the prelude, then the filter. A filter that starts with module
// directives (import/include must come first) gets no prelude.
std::string with_prelude(const std::string& filter) {
  const size_t start = filter.find_first_not_of(" \t\r\n");
  const std::string_view head =
      start == std::string::npos ? std::string_view() : std::string_view(filter).substr(start);
  if (head.rfind("import", 0) == 0 || head.rfind("include", 0) == 0) return filter;
  return std::string(kGojqPrelude) + filter;
}

// `text` without the prelude (jq quotes the program in syntax errors).
std::string without_prelude(std::string text) {
  for (size_t at = text.find(kGojqPrelude); at != std::string::npos; at = text.find(kGojqPrelude)) {
    text.erase(at, kGojqPrelude.size());
  }
  return text;
}

// A copy of `v` (consumed) whose objects, at every depth, hold their keys in sorted order:
// jq iterates an object in insertion order, gojq in key order.
jv sorted_keys(jv v) {
  switch (libjq().jv_get_kind(v)) {
    case JV_KIND_ARRAY: {
      const int n = libjq().jv_array_length(libjq().jv_copy(v));
      for (int i = 0; i < n; ++i)
        v = libjq().jv_array_set(v, i, sorted_keys(libjq().jv_array_get(libjq().jv_copy(v), i)));
      return v;
    }
    case JV_KIND_OBJECT: {
      jv keys = libjq().jv_keys(libjq().jv_copy(v));  // sorted
      jv out = libjq().jv_object();
      const int n = libjq().jv_array_length(libjq().jv_copy(keys));
      for (int i = 0; i < n; ++i) {
        jv key = libjq().jv_array_get(libjq().jv_copy(keys), i);
        out = libjq().jv_object_set(out, libjq().jv_copy(key),
                                    sorted_keys(libjq().jv_object_get(libjq().jv_copy(v), key)));
      }
      libjq().jv_free(keys);
      libjq().jv_free(v);
      return out;
    }
    default:
      return v;
  }
}

// The text of a jv error message (consumes `msg`).
std::string message_text(jv msg) {
  std::string out;
  if (libjq().jv_get_kind(msg) == JV_KIND_STRING) {
    out = libjq().jv_string_value(msg);
    libjq().jv_free(msg);
  } else {
    jv dumped = libjq().jv_dump_string(msg, 0);
    out = libjq().jv_string_value(dumped);
    libjq().jv_free(dumped);
  }
  return out;
}

// Appends `v` (consumed) as Go's json.Marshal prints the equivalent decoded value.
void append_go_json(std::string& out, jv v) {
  switch (libjq().jv_get_kind(v)) {
    case JV_KIND_NULL:
      out += "null";
      break;
    case JV_KIND_TRUE:
      out += "true";
      break;
    case JV_KIND_FALSE:
      out += "false";
      break;
    case JV_KIND_NUMBER: {
      double d = libjq().jv_number_value(v);
      if (d == 0) d = 0;  // -0 prints as 0, as gojq's integer zero
      if (std::isnan(d) || std::isinf(d)) {
        libjq().jv_free(v);
        throw Error(std::string("json: unsupported value: ") + (std::isnan(d) ? "NaN"
                                                                : d > 0       ? "+Inf"
                                                                              : "-Inf"));
      }
      json::append_float_json(out, d);
      break;
    }
    case JV_KIND_STRING:
      json::append_go_string(
          out, std::string_view(
                   libjq().jv_string_value(v),
                   static_cast<size_t>(libjq().jv_string_length_bytes(libjq().jv_copy(v)))));
      break;
    case JV_KIND_ARRAY: {
      const int n = libjq().jv_array_length(libjq().jv_copy(v));
      out.push_back('[');
      for (int i = 0; i < n; ++i) {
        if (i > 0) out.push_back(',');
        append_go_json(out, libjq().jv_array_get(libjq().jv_copy(v), i));
      }
      out.push_back(']');
      break;
    }
    case JV_KIND_OBJECT: {
      std::vector<std::pair<std::string, jv>> members;
      for (int it = libjq().jv_object_iter(v); libjq().jv_object_iter_valid(v, it);
           it = libjq().jv_object_iter_next(v, it)) {
        jv key = libjq().jv_object_iter_key(v, it);
        std::string k(libjq().jv_string_value(key),
                      static_cast<size_t>(libjq().jv_string_length_bytes(libjq().jv_copy(key))));
        libjq().jv_free(key);
        members.emplace_back(std::move(k), libjq().jv_object_iter_value(v, it));
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out.push_back(',');
        json::append_go_string(out, members[i].first);
        out.push_back(':');
        jv value = members[i].second;
        members[i].second = libjq().jv_null();
        try {
          append_go_json(out, value);
        } catch (...) {
          for (size_t j = i + 1; j < members.size(); ++j) libjq().jv_free(members[j].second);
          libjq().jv_free(v);
          throw;
        }
      }
      out.push_back('}');
      break;
    }
    default:
      break;
  }
  libjq().jv_free(v);
}

void collect_errors(void* data, jv msg) {
  auto* errors = static_cast<std::string*>(data);
  if (!errors->empty()) *errors += "; ";
  *errors += message_text(msg);
}

// Compiled jq programs. A jq_state runs one program at a time, so each call borrows a state
// from the pool (compiling a new one when all are busy) and returns it afterwards.
class JqPool {
 public:
  explicit JqPool(std::string filter) : filter_(std::move(filter)) {}
  ~JqPool() {
    for (jq_state* jq : free_) libjq().jq_teardown(&jq);
  }
  JqPool(const JqPool&) = delete;
  JqPool& operator=(const JqPool&) = delete;

  // A new compiled state; throws with jq's compile errors.
  jq_state* compile() const {
    jq_state* jq = libjq().jq_init();
    if (jq == nullptr) throw Error("jq: cannot allocate state");
    std::string errors;
    libjq().jq_set_error_cb(jq, &collect_errors, &errors);
    if (!libjq().jq_compile(jq, with_prelude(filter_).c_str())) {
      libjq().jq_teardown(&jq);
      throw Error(errors.empty() ? "jq: compile error" : without_prelude(errors));
    }
    libjq().jq_set_error_cb(jq, nullptr, nullptr);
    return jq;
  }

  jq_state* acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        jq_state* jq = free_.back();
        free_.pop_back();
        return jq;
      }
    }
    return compile();
  }

  void release(jq_state* jq) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(jq);
  }

 private:
  const std::string filter_;
  mutable std::mutex mu_;
  std::vector<jq_state*> free_;
};

class ObjectJq final : public Transform {
 public:
  explicit ObjectJq(std::string filter) : pool_(std::move(filter)) {}

  // Compiles once up front so a bad filter fails construction.
  void validate() { pool_.release(pool_.compile()); }

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    const std::string& data = msg.data();
    jv input = libjq().jv_parse_sized(data.data(), static_cast<int>(data.size()));
    if (!is_valid(input)) {
      std::string why = libjq().jv_invalid_has_msg(libjq().jv_copy(input))
                            ? message_text(libjq().jv_invalid_get_msg(input))
                            : (libjq().jv_free(input), std::string("unexpected end of JSON input"));
      throw Error("data is not valid JSON: " + why);
    }

    input = sorted_keys(input);
    jq_state* jq = pool_.acquire();
    std::vector<std::string> results;
    std::string error;
    libjq().jq_start(jq, input, 0);
    while (true) {
      jv r = libjq().jq_next(jq);
      if (is_valid(r)) {
        std::string text;
        try {
          append_go_json(text, r);
        } catch (const Error& e) {
          error = e.what();
          break;
        }
        results.push_back(std::move(text));
        continue;
      }
      if (libjq().jv_invalid_has_msg(libjq().jv_copy(r))) {
        error = "jq: error: " + message_text(libjq().jv_invalid_get_msg(r));
      } else {
        libjq().jv_free(r);
      }
      break;
    }
    if (error.empty() && libjq().jq_halted(jq)) {
      // halt_error: a non-zero exit code is a failure with the given message.
      jv code = libjq().jq_get_exit_code(jq);
      const bool failed = is_valid(code) && !(libjq().jv_get_kind(code) == JV_KIND_NUMBER &&
                                              libjq().jv_number_value(libjq().jv_copy(code)) == 0);
      libjq().jv_free(code);
      if (failed) error = "jq: error: " + message_text(libjq().jq_get_error_message(jq));
    }
    // Resets the state for its next user (frees the remaining execution stack).
    libjq().jq_start(jq, libjq().jv_null(), 0);
    pool_.release(jq);

    if (!error.empty()) throw Error(error);
    if (results.empty()) throw Error("no output generated");
    if (results.size() == 1) {
      msg.set_data(std::move(results[0]));
      return;
    }
    std::string arr = "[";
    for (size_t i = 0; i < results.size(); ++i) {
      if (i > 0) arr.push_back(',');
      arr += results[i];
    }
    arr.push_back(']');
    msg.set_data(std::move(arr));
  }

  mutable JqPool pool_;  // thread-safe: compiled filters handed out one per caller
};

}  // namespace

std::shared_ptr<Transform> new_object_jq(const config::Settings& s, Builder&) {
  std::string filter = s.string("filter");
  if (filter.empty()) s.missing("filter");
  auto tf = std::make_shared<ObjectJq>(std::move(filter));
  try {
    tf->validate();
  } catch (const Error& e) {
    s.fail("filter", std::string(kInvalidOption) + ": " + e.what());
  }
  return tf;
}

}  // namespace sub::transform
