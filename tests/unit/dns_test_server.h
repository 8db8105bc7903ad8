// A tiny DNS server for tests: answers UDP queries on 127.0.0.1 (ephemeral port) from a
// table of records, NXDOMAIN for unknown names, and never answers names marked silent.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sub::testing {

class DnsTestServer {
 public:
  static constexpr uint16_t kA = 1;
  static constexpr uint16_t kPtr = 12;
  static constexpr uint16_t kTxt = 16;
  static constexpr uint16_t kAaaa = 28;

  DnsTestServer() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      ::close(fd_);
      throw std::runtime_error("bind");
    }
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~DnsTestServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  DnsTestServer(const DnsTestServer&) = delete;
  DnsTestServer& operator=(const DnsTestServer&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // A TXT record made of `strings` (each a character-string of at most 255 bytes).
  void add_txt(const std::string& name, std::vector<std::string> strings) {
    std::string rdata;
    for (const std::string& s : strings) {
      rdata.push_back(static_cast<char>(s.size()));
      rdata += s;
    }
    add(name, kTxt, rdata);
  }
  void add_a(const std::string& name, const std::string& ip) {
    in_addr a{};
    ::inet_pton(AF_INET, ip.c_str(), &a);
    add(name, kA, std::string(reinterpret_cast<const char*>(&a), 4));
  }
  void add_ptr(const std::string& name, const std::string& target) {
    add(name, kPtr, encode_name(target));
  }
  // Names whose queries are never answered.
  void add_silent(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    silent_.insert(lower(name));
  }
  int queries() const { return queries_.load(); }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  static std::string encode_name(const std::string& name) {
    std::string out;
    size_t start = 0;
    std::string n = name;
    if (!n.empty() && n.back() == '.') n.pop_back();
    while (start <= n.size() && !n.empty()) {
      size_t dot = n.find('.', start);
      if (dot == std::string::npos) dot = n.size();
      out.push_back(static_cast<char>(dot - start));
      out += n.substr(start, dot - start);
      start = dot + 1;
    }
    out.push_back('\0');
    return out;
  }
  void add(const std::string& name, uint16_t type, std::string rdata) {
    std::lock_guard<std::mutex> lock(mu_);
    records_[{lower(name), type}].push_back(std::move(rdata));
    names_.insert(lower(name));
  }
  static void put16(std::string& out, uint16_t v) {
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v & 0xff));
  }

  void answer(const unsigned char* q, size_t n, const sockaddr_in& from) {
    if (n < 12) return;
    // Question: labels from offset 12.
    size_t pos = 12;
    std::string name;
    while (pos < n && q[pos] != 0) {
      const size_t len = q[pos];
      if (pos + 1 + len > n) return;
      if (!name.empty()) name.push_back('.');
      name.append(reinterpret_cast<const char*>(q + pos + 1), len);
      pos += 1 + len;
    }
    if (pos + 5 > n) return;
    const size_t question_end = pos + 5;
    const uint16_t type = static_cast<uint16_t>((q[pos + 1] << 8) | q[pos + 2]);
    name = lower(name);
    std::vector<std::string> rdatas;
    bool known = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (silent_.count(name)) return;
      known = names_.count(name) > 0;
      auto it = records_.find({name, type});
      if (it != records_.end()) rdatas = it->second;
    }
    std::string out(reinterpret_cast<const char*>(q), 2);  // id
    const uint16_t rd = q[2] & 0x01;
    put16(out, static_cast<uint16_t>(0x8000 | 0x0400 | (rd << 8) | 0x0080 | (known ? 0 : 3)));
    put16(out, 1);
    put16(out, static_cast<uint16_t>(rdatas.size()));
    put16(out, 0);
    put16(out, 0);
    out.append(reinterpret_cast<const char*>(q + 12), question_end - 12);
    for (const std::string& rdata : rdatas) {
      put16(out, 0xC00C);
      put16(out, type);
      put16(out, 1);
      put16(out, 0);
      put16(out, 60);
      put16(out, static_cast<uint16_t>(rdata.size()));
      out += rdata;
    }
    ::sendto(fd_, out.data(), out.size(), 0, reinterpret_cast<const sockaddr*>(&from),
             sizeof(from));
  }

  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      unsigned char buf[4096];
      sockaddr_in from{};
      socklen_t len = sizeof(from);
      const ssize_t n =
          ::recvfrom(fd_, buf, sizeof(buf), 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n <= 0) continue;
      ++queries_;
      answer(buf, static_cast<size_t>(n), from);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> queries_{0};
  std::mutex mu_;
  std::map<std::pair<std::string, uint16_t>, std::vector<std::string>> records_;
  std::set<std::string> names_;
  std::set<std::string> silent_;
  std::thread thread_;
};

}  // namespace sub::testing
