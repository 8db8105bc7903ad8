// The configuration document model: a JSON tree decoded the way Go's encoding/json decodes
// into interface{} (numbers are float64, objects are maps). Used for settings only; message
// data never goes through it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::config {

class Node {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Node() = default;
  Node(const Node&) = default;
  Node(Node&&) noexcept = default;
  Node& operator=(const Node&) = default;
  Node& operator=(Node&&) noexcept = default;
  // Iterative: a tree nested 10,000 deep is freed without a frame per level.
  ~Node();

  static Node parse(std::string_view text);  // throws sub::Error "config: ... at offset N"

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_bool() const { return kind_ == Kind::kBool; }

  bool boolean() const { return bool_; }
  double number() const { return num_; }
  // kString: the decoded string; kNumber: the number's text as written.
  const std::string& text() const { return text_; }
  const std::vector<Node>& items() const { return items_; }
  const std::vector<std::pair<std::string, Node>>& members() const { return members_; }

  // Object member lookup as encoding/json matches struct fields: an exact match wins,
  // otherwise a case-insensitive one. JSON null counts as absent (returns nullptr).
  const Node* find(std::string_view key) const;

  // Go json.Marshal of the decoded interface{}: keys sorted, numbers as float64, strings
  // HTML-escaped, no whitespace.
  std::string to_json() const;
  void append_json(std::string& out) const;

  // Builders (used by tests and by code that synthesises configs).
  static Node make_string(std::string s);
  static Node make_number(double d);
  static Node make_bool(bool b);
  static Node make_object(std::vector<std::pair<std::string, Node>> members);
  static Node make_array(std::vector<Node> items);

 private:
  friend class Parser;
  // Recursive; past kShallowNesting levels (depth >= 0) it throws so that append_json can
  // start over on the large stack (depth -1: no limit).
  void append_json_here(std::string& out, int depth) const;
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double num_ = 0;
  std::string text_;
  std::vector<Node> items_;
  std::vector<std::pair<std::string, Node>> members_;
};

}  // namespace sub::config
