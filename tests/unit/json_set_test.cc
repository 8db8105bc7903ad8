// sjson-compatible writes and deletes. Every expectation below was produced by
// tidwall/sjson v1.2.5 (see tests/differential/sjson for the generator that compares many
// more cases).
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>

#include "core/error.h"
#include "core/json/path.h"

namespace sub::json {
namespace {

enum Op { kSet, kDel };

struct Case {
  Op op;
  const char* doc;
  const char* path;
  const char* raw;
  const char* want;
  const char* error;  // empty: no error
};

// CTest names carry the printed parameter: keep it short, unique and stable (the default
// prints the struct's bytes, pointers included, so names changed from run to run).
void PrintTo(const Case& c, std::ostream* os) {
  const size_t h = std::hash<std::string>{}(std::string(c.doc) + '\0' + c.path + '\0' + c.raw);
  *os << (c.op == kSet ? "set-" : "delete-") << std::hex << (h & 0xffffffff);
}

class SjsonCases : public ::testing::TestWithParam<Case> {};

TEST_P(SjsonCases, MatchesReference) {
  const Case& c = GetParam();
  std::string out = "garbage";
  std::string err;
  try {
    if (c.op == kSet) {
      set_raw(c.doc, c.path, c.raw, out);
    } else {
      del(c.doc, c.path, out);
    }
  } catch (const Error& e) {
    err = e.what();
  }
  EXPECT_EQ(err, c.error) << "doc=" << c.doc << " path=" << c.path;
  if (err.empty()) {
    EXPECT_EQ(out, c.want) << "doc=" << c.doc << " path=" << c.path;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Reference, SjsonCases,
    ::testing::Values(
        Case{kSet, R"({"a":1})", R"(b)", R"(2)", R"({"a":1,"b":2})", ""},
        Case{kSet, R"({"a":1})", R"(a)", R"("x")", R"({"a":"x"})", ""},
        Case{kSet, R"({"foo": 10, "bar": 10})", R"(bar)", R"(3)", R"({"foo": 10, "bar": 3})", ""},
        Case{kSet, R"({})", R"(a.b.c)", R"(1)", R"({"a":{"b":{"c":1}}})", ""},
        Case{kSet, R"({})", R"(a.0)", R"(1)", R"({"a":[1]})", ""},
        Case{kSet, R"({})", R"(a.2)", R"(1)", R"({"a":[null,null,1]})", ""},
        Case{kSet, R"()", R"(0)", R"(1)", R"([1])", ""},
        Case{kSet, R"()", R"(a)", R"(1)", R"({"a":1})", ""},
        Case{kSet, R"(   )", R"(a.-1)", R"(1)", R"({"a":[1]})", ""},
        Case{kSet, R"({"a":[1,2]})", R"(a.-1)", R"(3)", R"({"a":[1,2,3]})", ""},
        Case{kSet, R"({"a":[]})", R"(a.-1)", R"(3)", R"({"a":[3]})", ""},
        Case{kSet, R"({"a":[1,2]})", R"(a.4)", R"(3)", R"({"a":[1,2,null,null,3]})", ""},
        Case{kSet, R"({"a":[ 1 , 2 ]})", R"(a.1)", R"(3)", R"({"a":[ 1 , 3 ]})", ""},
        Case{kSet, R"({"a":[1,2]})", R"(a.x)", R"(3)", R"()",
             "cannot set array element for non-numeric key 'x'"},
        Case{kSet, R"({"a":[1,2]})", R"(a.:1)", R"(3)", R"({"a":[1,3]})", ""},
        Case{kSet, R"({"a.b":1})", R"(a\.b)", R"(2)", R"({"a.b":2})", ""},
        Case{kSet, R"({"a":1})", R"(a\.b)", R"(2)", R"({"a":1,"a.b":2})", ""},
        Case{kSet, R"({"a":1})", R"(a.b)", R"(2)", R"({"a":{"b":2}})", ""},
        Case{kSet, R"({"a":{"b":1}})", R"(a.c.-1)", R"(2)", R"({"a":{"b":1,"c":[2]}})", ""},
        Case{kSet, R"({"a":1)", R"(b)", R"(2)", R"(,"b":2})", ""},
        Case{kSet, R"({"a":1} trailing)", R"(b)", R"(2)", R"({"a":1,"b":2})", ""},
        Case{kSet, R"(abc)", R"(a)", R"(1)", R"({"a":1})", ""},
        Case{kSet, R"( {"a":1} )", R"(b)", R"(2)", R"({"a":1,"b":2})", ""},
        Case{kSet, R"({"a":1})", R"()", R"(2)", R"()", "path cannot be empty"},
        Case{kSet, R"({"a":1})", R"(é)", R"("<")", R"({"a":1,"é":"<"})", ""},
        Case{kSet, R"({"a":1})", R"(!true)", R"(2)", R"({"a":1,"!true":2})", ""},
        Case{kSet, R"({"a":1})", R"(a.)", R"(2)", R"({"a":[2]})", ""},
        Case{kDel, R"({"a":"b","c":"d"})", R"(a)", R"()", R"({"c":"d"})", ""},
        Case{kDel, R"({"a":"b","c":"d"})", R"(c)", R"()", R"({"a":"b"})", ""},
        Case{kDel, R"({"a":"b", "c":"d"})", R"(a)", R"()", R"({ "c":"d"})", ""},
        Case{kDel, R"({"a":"b","c":"d"})", R"(x)", R"()", R"({"a":"b","c":"d"})", ""},
        Case{kDel, R"({"a":[1,2,3]})", R"(a.1)", R"()", R"({"a":[1,3]})", ""},
        Case{kDel, R"({"a":[1,2,3]})", R"(a.0)", R"()", R"({"a":[2,3]})", ""},
        Case{kDel, R"({"a":[1,2,3]})", R"(a.-1)", R"()", R"({"a":[1,2]})", ""},
        Case{kDel, R"({"a":[1,2,3]})", R"(a.5)", R"()", R"({"a":[1,2,3]})", ""},
        Case{kDel, R"({"a":{"b":1,"c":2}})", R"(a.b)", R"()", R"({"a":{"c":2}})", ""},
        Case{kDel, R"({"a":1})", R"(a.b.c)", R"()", R"({"a":1})", ""},
        Case{kDel, R"({"a":1})", R"(a|b)", R"()", R"()", "cannot delete value from a complex path"},
        Case{kDel, R"({"a":1})", R"()", R"()", R"()", "path cannot be empty"},
        Case{kSet, R"({"a":[1,2]})", R"(a.#)", R"(3)", R"({"a":[1,2]})", ""}));

TEST(JsonSetTest, OutputIsClearedFirst) {
  std::string out = "old";
  set_raw(R"({"a":1})", "b", "2", out);
  EXPECT_EQ(out, R"({"a":1,"b":2})");
  del(R"({"a":1})", "a", out);
  EXPECT_EQ(out, "{}");
}

TEST(JsonSetTest, NestedEditKeepsNeighbours) {
  std::string doc = R"({"x": {"y" : [ {"z":1}, {"z":2} ]}, "w":"é"})";
  std::string out;
  set_raw(doc, "x.y.1.z", R"("new")", out);
  EXPECT_EQ(out, R"({"x": {"y" : [ {"z":1}, {"z":"new"} ]}, "w":"é"})");
  del(doc, "x.y.0", out);
  // The space before the deleted element stays, as sjson leaves it.
  EXPECT_EQ(out, R"({"x": {"y" : [  {"z":2} ]}, "w":"é"})");
}

TEST(JsonSetTest, HugeIndexIsRefused) {
  std::string out;
  EXPECT_THROW(set_raw("{}", "a.99999999999", "1", out), Error);
}

// Indexes past int64 wrap as Go's int does (2^63 is negative there, 2^64 + 1 is 1), with no
// signed overflow on the way (UBSan checks this in the sanitizer build).
TEST(JsonSetTest, IndexesPastInt64WrapAsInGo) {
  std::string out;
  EXPECT_THROW(set_raw(R"({"a":[1]})", "a.9223372036854775808", "2", out), Error);
  EXPECT_THROW(set_raw(R"({"a":[1,2,3]})", "a.9223372036854775809", "2", out), Error);
  set_raw(R"({"a":[1]})", "a.18446744073709551617", "2", out);
  EXPECT_EQ(out, R"({"a":[1,2]})");
}

TEST(JsonSetTest, KeyIsFoundOrAddedWhereverTheLineHasIt) {
  // Before walking the members, a set looks for the quoted key (or a backslash) in blocks of
  // 64, 32 or 16 bytes, then one block that overlaps the one before, then the last bytes:
  // the key must be found at every offset from either end, and every line length.
  for (size_t pad = 0; pad < 170; ++pad) {
    const std::string filler(pad, 'x');
    std::string out;
    const std::string last = R"({"pad":")" + filler + R"(","key":1})";
    set_raw(last, "key", "2", out);
    EXPECT_EQ(out, R"({"pad":")" + filler + R"(","key":2})") << pad;
    const std::string first = R"({"key":1,"pad":")" + filler + R"("})";
    set_raw(first, "key", "2", out);
    EXPECT_EQ(out, R"({"key":2,"pad":")" + filler + R"("})") << pad;
    // Absent: added at the end, also when the quoted key is a value.
    const std::string as_value = R"({"pad":")" + filler + R"(","v":"key"})";
    set_raw(as_value, "key", "2", out);
    EXPECT_EQ(out, R"({"pad":")" + filler + R"(","v":"key","key":2})") << pad;
    // A key with an escape can equal the key: "k\u0065y" reads as "key".
    const std::string escaped = R"({"pad":")" + filler + R"(","k\u0065y":1})";
    set_raw(escaped, "key", "2", out);
    EXPECT_EQ(out, R"({"pad":")" + filler + R"(","k\u0065y":2})") << pad;
    const std::string escaped_first = R"({"k\u0065y":1,"pad":")" + filler + R"("})";
    set_raw(escaped_first, "key", "2", out);
    EXPECT_EQ(out, R"({"k\u0065y":2,"pad":")" + filler + R"("})") << pad;
  }
}

}  // namespace
}  // namespace sub::json
