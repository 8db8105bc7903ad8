#include "core/message.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub {
namespace {

TEST(MessageTest, KeysAddressDataOrMetadata) {
  Message m(R"({"a":"data"})", R"({"a":"meta"})");
  EXPECT_EQ(m.get("a").to_string(), "data");
  EXPECT_EQ(m.get("meta a").to_string(), "meta");
  EXPECT_EQ(m.get("meta    a  ").to_string(), "meta");
  EXPECT_EQ(m.get("  a ").to_string(), "data");
  EXPECT_EQ(m.get("meta @this").to_string(), R"({"a":"meta"})");
  // "meta" without the space is an ordinary data key.
  EXPECT_FALSE(m.get("meta").exists());
  m.set_string("meta", "x");
  EXPECT_EQ(m.data(), R"({"a":"data","meta":"x"})");
  EXPECT_EQ(m.metadata(), R"({"a":"meta"})");
}

TEST(MessageTest, DeleteDoesNotTrimDataKeys) {
  Message m(R"({"a":1,"b":2})", R"({"a":1,"b":2})");
  m.del(" a");
  EXPECT_EQ(m.data(), R"({"a":1,"b":2})");
  m.del("a");
  EXPECT_EQ(m.data(), R"({"b":2})");
  m.del("meta   b ");
  EXPECT_EQ(m.metadata(), R"({"a":1})");
}

TEST(MessageTest, SetOnEmptyStartsAnObject) {
  Message m;
  m.set_int("a.b", 1);
  m.set_int("meta x", 2);
  EXPECT_EQ(m.data(), R"({"a":{"b":1}})");
  EXPECT_EQ(m.metadata(), R"({"x":2})");
}

TEST(MessageTest, ControlMessagesIgnoreSets) {
  Message m = Message::control();
  m.set_string("a", "b");
  m.set_int("meta a", 1);
  m.del("a");
  EXPECT_TRUE(m.is_control());
  EXPECT_EQ(m.data(), "");
  EXPECT_EQ(m.metadata(), "");
}

TEST(MessageTest, BytesRules) {
  Message m("{}");
  m.set_bytes("o", R"({"x":[1]})");
  m.set_bytes("bad", R"({"x":)");
  m.set_bytes("s", "plain <text>");
  m.set_bytes("bin", std::string_view("\xff\x00\x01", 3));
  m.set_bytes("n", "123");
  EXPECT_EQ(m.data(),
            R"({"o":{"x":[1]},"bad":"{\"x\":","s":"plain <text>","bin":"/wAB","n":"123"})");
}

TEST(MessageTest, StringRules) {
  Message m("{}");
  m.set_string("a", R"([1, 2])");
  m.set_string("b", R"("123")");  // quoted JSON: stored without the quotes
  m.set_string("c", R"("abc")");  // quoted non-JSON: stored as is
  m.set_string("d", "é\n");
  EXPECT_EQ(m.data(), R"({"a":[1, 2],"b":"123","c":"\"abc\"","d":"é\n"})");
}

TEST(MessageTest, ScalarSetters) {
  Message m("{}");
  m.set_int("i", -5);
  m.set_uint("u", 18446744073709551615ull);
  m.set_float("f", 0.1);
  m.set_float("g", 1e21);
  m.set_bool("t", true);
  m.set_null("z");
  m.set_raw("r", R"({"k":"v"})");
  EXPECT_EQ(
      m.data(),
      R"({"i":-5,"u":18446744073709551615,"f":0.1,"g":1000000000000000000000,"t":true,"z":null,"r":{"k":"v"}})");
}

TEST(MessageTest, ValueRules) {
  Message src(
      R"({"big":30400402455622563,"f":1.5,"w":3.0,"s":"x<","j":"{\"b\":\"c\"}","o":{"p":1},"t":true,"n":null})");
  Message m("{}");
  for (const char* k : {"big", "f", "w", "s", "j", "o", "t", "n", "missing"}) {
    m.set_value(k, src.get(k));
  }
  EXPECT_EQ(
      m.data(),
      R"({"big":30400402455622563,"f":1.5,"w":3,"s":"x<","j":{"b":"c"},"o":{"p":1},"t":true,"n":null,"missing":null})");
}

TEST(MessageTest, SetOnNonJsonReplacesLikeSjson) {
  // sjson treats text that is not an object or array as an empty object.
  Message m("b");
  m.set_string("a", "b");
  EXPECT_EQ(m.data(), R"({"a":"b"})");
}

TEST(MessageTest, BadPathThrows) {
  Message m(R"({"a":[1]})");
  EXPECT_THROW(m.set_int("a.x", 1), Error);
  EXPECT_THROW(m.del(""), Error);
}

TEST(MessageTest, BytesToValue) {
  EXPECT_TRUE(bytes_to_value(R"({"a":1})").is_object());
  Value n = bytes_to_value("123");
  EXPECT_EQ(n.type(), Value::Type::kString);
  EXPECT_EQ(n.to_int(), 123);
  EXPECT_EQ(bytes_to_value(std::string_view("\xff", 1)).to_string(), "/w==");
}

// ---- conformance vectors (../shared/conformance/message.jsonl) ----

std::string field_bytes(const std::string& line, const std::string& obj) {
  Value b64 = json::get(line, obj + ".data_b64");
  if (b64.exists()) {
    std::string out;
    json::base64_decode(b64.to_string(), out);
    return out;
  }
  Value d = json::get(line, obj + ".data");
  if (d.exists()) return d.to_string();
  return json::get(line, obj + ".metadata").to_string();
}

// Message edits its documents in place when it can; the result must always be the one the
// copying json::set_raw / json::del give.
TEST(MessageTest, InPlaceEditsMatchCopyingEdits) {
  const std::vector<std::string> docs = {R"({"a":1,"b":{"c":2,"d":[1,2]},"e":"x"})",
                                         R"({})",
                                         R"({ })",
                                         R"( {"a":1} )",
                                         "{\"a\":1}\n",
                                         R"([1,2,3])",
                                         R"({"a\"b":1,"a":{"x":1}, "b" : 2 , "c":[{"d":1}]})",
                                         R"({"":1,"a":2})",
                                         R"("str")",
                                         R"({"a":{"b":{}}})",
                                         R"({"a" :1 ,"b":2})",
                                         R"({"x":"\"a\":1","a":3})",
                                         R"({"a":1,})",
                                         R"({"a":{"b":1},"a":{"b":2}})",
                                         R"({"s":"{\"a\":1}","t":"\"a\""})"};
  const std::vector<std::string> paths = {"a",     "b",    "e",   "a.b", "b.c",   "b.d.0",
                                          "b.d.5", "x.y",  "a.x", "0",   "-1",    "c.0.d",
                                          ":0",    "a\"b", "s",   "s.a", "a\\.b", "b.d.-1"};
  const std::vector<std::string> raws = {"1", R"("v")", R"({"k":1})", "[1]"};
  for (const std::string& d : docs) {
    for (const std::string& p : paths) {
      for (const std::string& r : raws) {
        std::string want = "(error)";
        std::string got = "(error)";
        try {
          json::set_raw(d, p, r, want);
        } catch (const Error&) {
          want = "(error)";
        }
        try {
          Message m(d);
          m.set_raw(p, r);
          got = m.data();
        } catch (const Error&) {
        }
        EXPECT_EQ(got, want) << "set " << d << " at " << p << " to " << r;
      }
      std::string want = "(error)";
      std::string got = "(error)";
      try {
        json::del(d, p, want);
      } catch (const Error&) {
        want = "(error)";
      }
      try {
        Message m(d);
        m.del(p);
        got = m.data();
      } catch (const Error&) {
      }
      EXPECT_EQ(got, want) << "delete " << p << " from " << d;
    }
  }
}

TEST(MessageConformance, AllVectors) {
  const std::string path = SUBSTATION_SOURCE_DIR "/../shared/conformance/message.jsonl";
  std::ifstream in(path);
  if (!in) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "missing conformance file " << path;
    GTEST_SKIP() << "conformance file not found: " << path;
  }
  std::string line;
  int total = 0;
  int passed = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++total;
    std::string id = json::get(line, "id").to_string();
    std::string op = json::get(line, "op").to_string();
    bool meta = json::get(line, "target").to_string() == "metadata";
    std::string key = json::get(line, "key").to_string();
    std::string input = field_bytes(line, "input");
    Message m = meta ? Message("", input) : Message(input);
    std::string got;
    std::string want;
    try {
      if (op == "get") {
        got = m.get(key).to_string();
        want = json::get(line, "expected.string").to_string();
      } else {
        if (op == "set") {
          std::string type = json::get(line, "value_go_type").to_string();
          Value v = json::get(line, "value");
          if (type == "string") {
            m.set_string(key, v.to_string());
          } else if (type == "int") {
            m.set_int(key, v.to_int());
          } else if (type == "float64") {
            m.set_float(key, v.to_float());
          } else if (type == "[]byte") {
            std::string b;
            ASSERT_TRUE(json::base64_decode(v.to_string(), b)) << id;
            m.set_bytes(key, b);
          } else {  // a struct, given as its encoding/json form
            std::string raw;
            json::append_compact(raw, v.raw());
            m.set_raw(key, raw);
          }
        } else if (op == "delete") {
          m.del(key);
        }
        got = meta ? m.metadata() : m.data();
        want = field_bytes(line, "expected");
      }
    } catch (const Error& e) {
      ADD_FAILURE() << id << ": error " << e.what();
      continue;
    }
    EXPECT_EQ(got, want) << id;
    if (got == want) ++passed;
  }
  EXPECT_EQ(total, 29);
  std::cout << "message.jsonl: " << passed << "/" << total << " vectors pass\n";
}

// A gjson value that is JSON text but not valid JSON is set as Go's value of it, marshalled:
// keys sorted and the first of each kept, numbers as float64, strings HTML-escaped, and a
// number out of range an error. Each expected text is what substation-ref v2.8.0 writes
// when object_copy copies `b` of the line to `x`.
TEST(MessageTest, BrokenJsonValueIsSetAsGoMarshalsIt) {
  const auto copied = [](const std::string& line) {
    Message m(line);
    m.set_value("x", m.get("b"));
    return m.data();
  };
  EXPECT_EQ(copied(R"({"b":{"z":2,"a":1,}})"), R"({"b":{"z":2,"a":1,},"x":{"a":1,"z":2}})");
  EXPECT_EQ(copied(R"({"b":{"a":1,"a":2,}})"), R"({"b":{"a":1,"a":2,},"x":{"a":1}})");
  EXPECT_EQ(copied(R"({"b":{"z":2,"a":[1,}})"), R"({"b":{"z":2,"a":[1,},"x":{"a":[1],"z":2}})");
  EXPECT_EQ(copied(R"({"b":{"k":[[},{"a":[},{}]})"),
            R"({"b":{"k":[[},{"a":[},{}],"x":{"k":[[],{"a":[]}]}})");
  EXPECT_EQ(copied(R"({"b":[1.0,2e3,"<&>")"), R"(,"x":[1,2000,"\u003c\u0026\u003e"]})");
  EXPECT_EQ(copied(R"({"b":[-0,1.5e300,0.000001,1e21,123456789012345678,1e-7,)"),
            R"(,"x":[-0,1.5e+300,0.000001,1e+21,123456789012345680,1e-7]})");
  EXPECT_EQ(copied(R"({"b":["\ud800x","a\u2028b",null,false)"),
            ",\"x\":[\"\xEF\xBF\xBDx\",\"a\\u2028b\",null,false]}");
  EXPECT_EQ(copied(R"({"b":[1,,2])"), R"(,"x":[1,2]})");
  try {
    (void)copied(R"({"b":{"x":[1e400])");
    ADD_FAILURE() << "no error for 1e400";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "json: unsupported value: +Inf");
  }
}

// A value nested deeper than Go's limit is not valid JSON to SetValue, which then writes it
// compacted (what Go's marshal of the nested slices prints), instead of overflowing the
// stack while checking it.
TEST(MessageTest, DeeplyNestedValueIsSetWithoutOverflow) {
  const std::string deep = std::string(300000, '[') + std::string(300000, ']');
  Message m("{}");
  m.set_value("x", Value::view_raw(deep));
  EXPECT_EQ(m.data(), R"({"x":)" + deep + "}");
  Message s("{}");
  s.set_string("x", deep);  // a string holding deep text stays a string
  EXPECT_EQ(s.get("x").type(), Value::Type::kString);
}

}  // namespace
}  // namespace sub
