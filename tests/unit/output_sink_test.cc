// services/output.h: the line sinks send_stdout writes to.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "services/output.h"

namespace sub::services {
namespace {

// What a pipe holds once its writer is closed.
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof(buf))) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

TEST(FdSink, WritesABatchOfLinesInOrderThroughItsBuffer) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    // A buffer of 16 bytes: the batch below fills it several times over.
    FdSink sink(fds[1], 16);
    sink.write_line("first");
    const std::string joined = "alphabravocharliedelta-echo";
    sink.write_lines(joined, {5, 10, 17, 27});
    sink.write_lines(joined, {});
    sink.write_line("");
    sink.flush();
  }
  ::close(fds[1]);
  EXPECT_EQ(drain(fds[0]), "first\nalpha\nbravo\ncharlie\ndelta-echo\n\n");
  ::close(fds[0]);
}

TEST(OutputSink, WritesABatchLineByLineUnlessItKnowsBetter) {
  CaptureSink sink;
  sink.write_lines("onetwo", {3, 3, 6});
  EXPECT_EQ(sink.lines(), (std::vector<std::string>{"one", "", "two"}));
}

}  // namespace
}  // namespace sub::services
