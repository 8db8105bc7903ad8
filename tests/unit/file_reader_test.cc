// services/file/reader: reading a stream whole, with and without a limit.
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "services/file/reader.h"

namespace sub::file {
namespace {

TEST(ReadAllTest, ReadsEverythingWithoutALimit) {
  const std::string big(3 << 20, 'x');  // past the first buffer, so it has to grow
  auto in = memory_stream(big);
  EXPECT_EQ(read_all(*in), big);
  auto empty = memory_stream("");
  EXPECT_EQ(read_all(*empty), "");
}

TEST(ReadAllTest, StopsPastTheLimit) {
  auto exact = memory_stream(std::string(100, 'a'));
  EXPECT_EQ(read_all(*exact, 100).size(), 100u);
  auto over = memory_stream(std::string(101, 'a'));
  try {
    read_all(*over, 100);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "the content is larger than the limit of 100 bytes");
  }
}

}  // namespace
}  // namespace sub::file
