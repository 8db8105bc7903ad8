// C++ side of the gjson differential test: reads {"json":..,"path":..} lines and prints
// the same record the Go program prints, so the two outputs can be compared line by line.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "core/json/encode.h"
#include "core/json/path.h"

int main() {
  using sub::json::Value;
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    std::string json = sub::json::get(line, "json").to_string();
    std::string path = sub::json::get(line, "path").to_string();
    Value r = sub::json::get(json, path);
    double f = r.to_float();
    uint64_t bits;
    std::memcpy(&bits, &f, 8);
    if (f != f) bits = 0x7ff8000000000001ULL;  // Go's NaN bit pattern
    char hex[32];
    std::snprintf(hex, sizeof(hex), "%" PRIx64, bits);
    out.clear();
    out += "{\"bool\":";
    out += r.to_bool() ? "true" : "false";
    out += ",\"exists\":";
    out += r.exists() ? "true" : "false";
    out += ",\"float\":\"";
    out += hex;
    out += "\",\"int\":\"" + std::to_string(r.to_int()) + "\",\"raw\":";
    sub::json::append_go_string(out, r.raw());
    out += ",\"str\":";
    sub::json::append_go_string(out, r.to_string());
    out += ",\"type\":" + std::to_string(static_cast<int>(r.type()));
    out += ",\"uint\":\"" + std::to_string(r.to_uint()) + "\",\"valid\":";
    out += sub::json::valid(json) ? "true" : "false";
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
}
