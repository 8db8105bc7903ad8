#include "config/node.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/deep_stack.h"
#include "core/error.h"
#include "core/json/encode.h"

namespace sub::config {

// A strict recursive-descent JSON parser producing Nodes (RFC 8259, as encoding/json).
// Thrown when a walk in shallow mode nests past kShallowNesting: the caller starts over
// on the large stack (core/deep_stack.h). Shallow input, nearly all of it, pays nothing.
struct TooDeep {};

class Parser {
 public:
  // `shallow`: give up with TooDeep past kShallowNesting levels.
  Parser(std::string_view s, bool shallow) : s_(s), shallow_(shallow) {}

  Node parse_document() {
    Node n = parse_value(0);
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected data after the top-level value");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Error("config: invalid JSON: " + why + " at offset " + std::to_string(pos_));
  }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) == lit) {
      pos_ += lit.size();
      return true;
    }
    return false;
  }

  Node parse_value(int depth) {
    if (depth > 10000) fail("nesting too deep");
    if (shallow_ && static_cast<size_t>(depth) > kShallowNesting) throw TooDeep{};
    skip_ws();
    if (pos_ >= s_.size()) fail("unexpected end of input");
    Node n;
    char c = s_[pos_];
    if (c == '{') {
      n.kind_ = Node::Kind::kObject;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return n;
      }
      for (;;) {
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string key");
        std::string key = parse_string();
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':'");
        ++pos_;
        Node v = parse_value(depth + 1);
        // Go maps keep the last duplicate.
        auto it = std::find_if(n.members_.begin(), n.members_.end(),
                               [&](const auto& m) { return m.first == key; });
        if (it != n.members_.end()) {
          it->second = std::move(v);
        } else {
          n.members_.emplace_back(std::move(key), std::move(v));
        }
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] == '}') {
          ++pos_;
          return n;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      n.kind_ = Node::Kind::kArray;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return n;
      }
      for (;;) {
        n.items_.push_back(parse_value(depth + 1));
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] == ']') {
          ++pos_;
          return n;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      n.kind_ = Node::Kind::kString;
      n.text_ = parse_string();
      return n;
    }
    if (consume("true")) {
      n.kind_ = Node::Kind::kBool;
      n.bool_ = true;
      return n;
    }
    if (consume("false")) {
      n.kind_ = Node::Kind::kBool;
      return n;
    }
    if (consume("null")) return n;
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail(std::string("unexpected character '") + c + "'");
  }

  Node parse_number() {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t b = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail("invalid number");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) fail("invalid number");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) fail("invalid number");
    }
    Node n;
    n.kind_ = Node::Kind::kNumber;
    n.text_ = std::string(s_.substr(start, pos_ - start));
    n.num_ = std::strtod(n.text_.c_str(), nullptr);
    // As Go's decoder into float64: a number past its range is an error, not infinity.
    if (!std::isfinite(n.num_)) fail("number " + n.text_ + " is out of the range of a float64");
    return n;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  uint32_t parse_hex4() {
    if (pos_ + 4 > s_.size()) fail("invalid \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= h - '0';
      } else if (h >= 'a' && h <= 'f') {
        v |= h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        v |= h - 'A' + 10;
      } else {
        fail("invalid \\u escape");
      }
    }
    return v;
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = parse_hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            size_t save = pos_;
            pos_ += 2;
            uint32_t lo = parse_hex4();
            if (lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              pos_ = save;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail("invalid escape");
      }
    }
    return out;
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool shallow_;
};

Node::~Node() {
  if (items_.empty() && members_.empty()) return;
  // Children move to a work list; each node popped from it has its own children moved out
  // first, so every destructor that runs here has nothing left to recurse into.
  std::vector<Node> todo;
  const auto take_children = [&todo](Node& n) {
    for (Node& child : n.items_) todo.push_back(std::move(child));
    for (auto& [key, child] : n.members_) todo.push_back(std::move(child));
    n.items_.clear();
    n.members_.clear();
  };
  take_children(*this);
  while (!todo.empty()) {
    Node n = std::move(todo.back());
    todo.pop_back();
    take_children(n);
  }
}

Node Node::parse(std::string_view text) {
  // The parser recurses once per level: deep documents start over on a stack that holds
  // 10,000.
  try {
    return Parser(text, true).parse_document();
  } catch (const TooDeep&) {
  }
  Node out;
  with_deep_stack([&] { out = Parser(text, false).parse_document(); });
  return out;
}

static bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

const Node* Node::find(std::string_view key) const {
  if (kind_ != Kind::kObject) return nullptr;
  const Node* folded = nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return v.is_null() ? nullptr : &v;
    if (!folded && ieq(k, key)) folded = &v;
  }
  return (folded && !folded->is_null()) ? folded : nullptr;
}

void Node::append_json(std::string& out) const {
  // Printing recurses once per level: a deep tree starts over on the large stack.
  const size_t start = out.size();
  try {
    append_json_here(out, 0);
    return;
  } catch (const TooDeep&) {
    out.resize(start);
  }
  with_deep_stack([&] { append_json_here(out, -1); });
}

void Node::append_json_here(std::string& out, int depth) const {
  // depth -1: on the large stack, no budget.
  if (depth >= 0 && static_cast<size_t>(depth) > kShallowNesting) throw TooDeep{};
  const int next = depth < 0 ? -1 : depth + 1;
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
      out += bool_ ? "true" : "false";
      return;
    case Kind::kNumber:
      json::append_float_json(out, num_);
      return;
    case Kind::kString:
      json::append_go_string(out, text_);
      return;
    case Kind::kArray: {
      out += '[';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].append_json_here(out, next);
      }
      out += ']';
      return;
    }
    case Kind::kObject: {
      std::vector<const std::pair<std::string, Node>*> sorted;
      sorted.reserve(members_.size());
      for (const auto& m : members_) sorted.push_back(&m);
      std::sort(sorted.begin(), sorted.end(),
                [](const auto* a, const auto* b) { return a->first < b->first; });
      out += '{';
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i) out += ',';
        json::append_go_string(out, sorted[i]->first);
        out += ':';
        sorted[i]->second.append_json_here(out, next);
      }
      out += '}';
      return;
    }
  }
}

std::string Node::to_json() const {
  std::string out;
  append_json(out);
  return out;
}

Node Node::make_string(std::string s) {
  Node n;
  n.kind_ = Kind::kString;
  n.text_ = std::move(s);
  return n;
}
Node Node::make_number(double d) {
  Node n;
  n.kind_ = Kind::kNumber;
  n.num_ = d;
  json::append_float_json(n.text_, d);
  return n;
}
Node Node::make_bool(bool b) {
  Node n;
  n.kind_ = Kind::kBool;
  n.bool_ = b;
  return n;
}
Node Node::make_object(std::vector<std::pair<std::string, Node>> members) {
  Node n;
  n.kind_ = Kind::kObject;
  n.members_ = std::move(members);
  return n;
}
Node Node::make_array(std::vector<Node> items) {
  Node n;
  n.kind_ = Kind::kArray;
  n.items_ = std::move(items);
  return n;
}

}  // namespace sub::config
