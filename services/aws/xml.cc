#include "services/aws/xml.h"

#include <cstdint>

namespace sub::aws {

namespace {

// Finds "<tag" followed by '>' or whitespace or '/' at or after `from`.
size_t find_open(std::string_view xml, std::string_view tag, size_t from, size_t* content) {
  std::string open = "<" + std::string(tag);
  while (true) {
    size_t p = xml.find(open, from);
    if (p == std::string_view::npos) return p;
    size_t after = p + open.size();
    if (after < xml.size() && (xml[after] == '>' || xml[after] == ' ' || xml[after] == '/' ||
                               xml[after] == '\t' || xml[after] == '\n' || xml[after] == '\r')) {
      size_t gt = xml.find('>', after);
      if (gt == std::string_view::npos) return std::string_view::npos;
      *content = xml[gt - 1] == '/' ? std::string_view::npos : gt + 1;  // self-closing
      return p;
    }
    from = after;
  }
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::vector<std::string_view> xml_elements(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> out;
  std::string close = "</" + std::string(tag) + ">";
  size_t from = 0;
  while (true) {
    size_t content = 0;
    size_t p = find_open(xml, tag, from, &content);
    if (p == std::string_view::npos) break;
    if (content == std::string_view::npos) {
      out.emplace_back();
      from = p + 1;
      continue;
    }
    size_t end = xml.find(close, content);
    if (end == std::string_view::npos) break;
    out.push_back(xml.substr(content, end - content));
    from = end + close.size();
  }
  return out;
}

std::string xml_text(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> els = xml_elements(xml, tag);
  if (els.empty()) return "";
  std::string_view s = els.front();
  if (s.starts_with("<![CDATA[") && s.ends_with("]]>")) {
    return std::string(s.substr(9, s.size() - 12));
  }
  return xml_unescape(s);
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i]);
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out.push_back('&');
    else if (ent == "lt")
      out.push_back('<');
    else if (ent == "gt")
      out.push_back('>');
    else if (ent == "quot")
      out.push_back('"');
    else if (ent == "apos")
      out.push_back('\'');
    else if (ent.size() > 1 && ent[0] == '#') {
      uint32_t cp = 0;
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      for (char c : ent.substr(hex ? 2 : 1)) {
        int d = (c >= '0' && c <= '9')          ? c - '0'
                : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      append_utf8(out, cp);
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

}  // namespace sub::aws
