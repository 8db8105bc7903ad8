#include "services/aws/request.h"

#include <cctype>

namespace sub::aws {

std::string Request::url() const {
  std::string u = scheme + "://" + host + (path.empty() ? "/" : path);
  if (!query.empty()) u += "?" + query;
  return u;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void Request::set_header(std::string_view name, std::string_view value) {
  bool set = false;
  for (auto it = headers.begin(); it != headers.end();) {
    if (iequals(it->first, name)) {
      if (!set) {
        it->second = std::string(value);
        set = true;
        ++it;
      } else {
        it = headers.erase(it);
      }
    } else {
      ++it;
    }
  }
  if (!set) headers.emplace_back(std::string(name), std::string(value));
}

const std::string* Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return &v;
  }
  return nullptr;
}

void Request::remove_header(std::string_view name) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
}

namespace {
// RFC 3986 percent-encoding of everything but unreserved characters (and '/' when kept);
// in form mode a space is '+'.
void percent_encode(std::string& out, std::string_view s, bool keep_slash, bool form) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.reserve(out.size() + s.size() * 3 / 2);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else if (form && c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}
}  // namespace

std::string uri_encode(std::string_view s, bool keep_slash) {
  std::string out;
  percent_encode(out, s, keep_slash, false);
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string uri_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

void append_query(std::string& query, std::string_view key, std::string_view value) {
  if (!query.empty()) query.push_back('&');
  percent_encode(query, key, false, false);
  query.push_back('=');
  percent_encode(query, value, false, false);
}

void append_form(std::string& body, std::string_view key, std::string_view value) {
  if (!body.empty()) body.push_back('&');
  percent_encode(body, key, false, true);
  body.push_back('=');
  percent_encode(body, value, false, true);
}

}  // namespace sub::aws
