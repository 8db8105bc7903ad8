#include "tests/integration/loopback_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>

namespace sub::itest {
namespace {

constexpr int kPickLow = 10000;

int ephemeral_low() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  if (in >> low && low > 0) return low;
  return 32768;
}

// Binds `port` (0: the kernel's choice) and returns the port bound, or -1.
int bind_port(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  int bound = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0) {
    socklen_t len = sizeof(a);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) bound = ntohs(a.sin_port);
  }
  ::close(fd);
  return bound;
}

}  // namespace

int loopback_port() {
  const int high = ephemeral_low();
  if (high - kPickLow > 1000) {
    std::random_device seed;
    std::mt19937 rng(seed());
    std::uniform_int_distribution<int> pick(kPickLow, high - 1);
    for (int i = 0; i < 200; ++i) {
      const int port = bind_port(pick(rng));
      if (port > 0) return port;
    }
  }
  return bind_port(0);
}

}  // namespace sub::itest
