// scan::skip_plain_members, the fast lane of the object walks: wherever it stops, the
// careful walk (one member at a time, as gjson's parseObject reads them) must have reached
// that same position without passing a member with the key, so that walking on from
// either place ends the same way. Checked on hand-picked texts and on random ones built
// from plain members, white space, escapes, nesting, junk and truncation.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/path.h"
#include "core/json/scan.h"

namespace sub::json::scan {
namespace {

// One member of the careful walk from `i` (just past '{' or just past a value): where the
// next one starts, whether this one's key is `key`, and whether the walk stopped (the
// object or the text ended, or a string did not close).
struct Step {
  size_t next = 0;
  bool match = false;
  bool stop = false;
};

Step careful_step(std::string_view json, size_t i, std::string_view key) {
  const size_t n = json.size();
  Step st;
  for (; i < n; ++i) {
    if (json[i] == '}') return {i + 1, false, true};
    if (json[i] != '"') continue;
    bool esc = false, ok = false;
    const size_t s = i + 1;
    i = string_end(json, s, esc, ok);
    if (!ok) return {n, false, true};
    const std::string_view k = json.substr(s, i - 1 - s);
    st.match = esc ? unescape(k) == key : k == key;
    for (; i < n; ++i) {
      const ValueKind kind = value_kind(json, i);
      if (kind == ValueKind::kNone) continue;
      bool vesc = false, vok = false;
      const size_t end = value_end(json, i, kind, vesc, vok);
      if (!vok || end >= n) return {std::min(end, n), st.match, true};
      st.next = end;
      return st;
    }
    return {n, st.match, true};
  }
  return {n, false, true};
}

// Whether skip_plain_members(json, from, key) stops where the careful walk may go on.
::testing::AssertionResult stops_on_a_boundary(std::string_view json, size_t from,
                                               std::string_view key) {
  const size_t fast = skip_plain_members(json, from, key);
  size_t at = from;
  for (int guard = 0; guard < 100000; ++guard) {
    if (at == fast) return ::testing::AssertionSuccess();
    if (at > fast) break;
    const Step st = careful_step(json, at, key);
    if (st.match) {
      return ::testing::AssertionFailure()
             << "passed the member with the key at " << at << " (stopped at " << fast << ")";
    }
    at = st.next;
    if (at == fast) return ::testing::AssertionSuccess();
    if (st.stop) break;
  }
  return ::testing::AssertionFailure() << "stopped at " << fast << ", between the careful walk's "
                                       << "steps, in " << json;
}

TEST(JsonPlainMembers, StopsAtTheKeyAndAtAnythingUnusual) {
  const std::string_view doc = R"({"a":1,"bb":"x","c":true,"d":[1,{"k":2}],"k":3,"e":4})";
  EXPECT_EQ(skip_plain_members(doc, 1, "k"), doc.find(R"(,"k":3)"));
  EXPECT_EQ(skip_plain_members(doc, 1, "zz"), doc.size() - 1);  // at the closing brace
  EXPECT_EQ(skip_plain_members(doc, 1, "a"), 1u);
  // White space, an escaped key, a string with a backslash: the careful walk takes over.
  EXPECT_EQ(skip_plain_members(R"({"a":1, "b":2})", 1, "b"), 6u);
  EXPECT_EQ(skip_plain_members(R"({"a":1,"b\u0041":2})", 1, "bA"), 6u);
  EXPECT_EQ(skip_plain_members(R"({"a":"x\"y","b":2})", 1, "b"), 1u);
  // A container that does not close, a string that does not close.
  EXPECT_EQ(skip_plain_members(R"({"a":1,"b":{"c":2)", 1, "z"), 6u);
  EXPECT_EQ(skip_plain_members(R"({"a":1,"b":"xy)", 1, "z"), 6u);
  for (std::string_view json : {doc, std::string_view(R"({"a":1, "b":2})")}) {
    for (std::string_view key : {"a", "k", "e", "zz", ""}) {
      EXPECT_TRUE(stops_on_a_boundary(json, 1, key));
    }
  }
}

TEST(JsonPlainMembers, GetsTheSameValueAsWithWhiteSpace) {
  // The fast lane reads only the compact form; the same members spaced out go the careful
  // way. Both must find the same values.
  const std::string compact =
      R"({"ts":1717200000.000781,"uid":"CXoF42XNyd8h0HmX15","id.orig_h":"170.37.148.131",)"
      R"("n":null,"nan":nan,"t":true,"o":{"x":[1,2,{"y":"}"}]},"last":"end"})";
  std::string spaced;
  for (char c : compact) {
    spaced.push_back(c);
    if (c == ',' || c == ':') spaced.push_back(' ');
  }
  for (std::string_view path :
       {"ts", "uid", R"(id\.orig_h)", "n", "nan", "t", "o.x.2.y", "last", "missing", "o.x.1"}) {
    EXPECT_EQ(get(compact, path).raw(), get(spaced, path).raw()) << path;
  }
}

// Random texts from the pieces the walks treat differently.
std::string random_object(std::mt19937& rng) {
  static const std::vector<std::string> kKeys = {"a", "b", "key", "id.orig_h", "k\\u0065y", ""};
  static const std::vector<std::string> kValues = {"1",
                                                   "-2.5e3",
                                                   "1717200000.000781",
                                                   "true",
                                                   "false",
                                                   "null",
                                                   "nan",
                                                   "nul",
                                                   "\"v\"",
                                                   "\"\"",
                                                   "\"a\\\"b\"",
                                                   "{}",
                                                   "[]",
                                                   "{\"key\":1}",
                                                   "[1,\"]\"",
                                                   "\"0123456789abcdefghij0123456789\"",
                                                   "12\"key\":3",
                                                   "tru",
                                                   "{\"a\":[}"};
  static const std::vector<std::string> kJunk = {" ", "\n", ",", ",,", ":", "x", "]", "}", "\""};
  std::string out = "{";
  const int members = static_cast<int>(rng() % 8);
  for (int m = 0; m < members; ++m) {
    if (m > 0) out += rng() % 8 == 0 ? kJunk[rng() % kJunk.size()] : ",";
    out += "\"" + kKeys[rng() % kKeys.size()] + "\"";
    if (rng() % 10 == 0) out += kJunk[rng() % kJunk.size()];
    out += ":";
    out += kValues[rng() % kValues.size()];
  }
  if (rng() % 4 != 0) out += "}";
  if (rng() % 5 == 0) out.resize(rng() % (out.size() + 1));  // truncated anywhere
  return out;
}

TEST(JsonPlainMembers, RandomTextsStopOnABoundary) {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 200000; ++round) {
    const std::string json = random_object(rng);
    for (std::string_view key : {"a", "key", "id.orig_h", ""}) {
      const size_t from = json.empty() ? 0 : 1;
      ASSERT_TRUE(stops_on_a_boundary(json, from, key)) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace sub::json::scan
