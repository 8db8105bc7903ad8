// Reads the cases written by gen.go and replays them against sub::json::set_raw / del,
// printing every mismatch. Exit status 1 when any case differs.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace {

std::string unb64(const std::string& s) {
  std::string out;
  if (!sub::json::base64_decode(s, out)) std::cerr << "bad base64 in case file\n";
  return out;
}

std::string show(const std::string& s) {
  std::string out;
  sub::json::append_go_string(out, s);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  size_t limit = argc > 1 ? std::stoul(argv[1]) : 20;
  std::string line;
  size_t total = 0, bad = 0;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    while (f.size() < 6) f.emplace_back();
    std::string doc = unb64(f[1]), path = unb64(f[2]), raw = unb64(f[3]);
    std::string want = unb64(f[4]), want_err = unb64(f[5]);
    std::string got, got_err;
    try {
      if (f[0] == "del") {
        sub::json::del(doc, path, got);
      } else {
        sub::json::set_raw(doc, path, raw, got);
      }
    } catch (const sub::Error& e) {
      got_err = e.what();
      got.clear();
    }
    ++total;
    if (got != want || got_err != want_err) {
      if (++bad <= limit) {
        std::cout << f[0] << " doc=" << show(doc) << " path=" << show(path) << " raw=" << show(raw)
                  << "\n  want=" << show(want) << " err=" << show(want_err)
                  << "\n  got =" << show(got) << " err=" << show(got_err) << "\n";
      }
    }
  }
  std::cout << total << " cases, " << bad << " mismatches\n";
  return bad == 0 ? 0 : 1;
}
