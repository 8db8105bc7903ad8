// The items of one batch, back to back in one buffer with their end offsets: adding an item
// is one append (no allocation of its own, and no free of its own when the batch is sent),
// and reading one is a view. Senders that hand items to a client that keeps them take
// copies (to_strings).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace sub::transform {

class ItemList {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    const_iterator() = default;
    const_iterator(const ItemList* list, size_t i) : list_(list), i_(i) {}
    std::string_view operator*() const { return (*list_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++i_;
      return before;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }

   private:
    const ItemList* list_ = nullptr;
    size_t i_ = 0;
  };

  ItemList() = default;
  ItemList(std::initializer_list<std::string_view> items) {
    for (std::string_view item : items) push_back(item);
  }

  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  // The bytes of every item, back to back, and their size.
  std::string_view joined() const { return bytes_; }
  // Where each item ends in joined().
  const std::vector<size_t>& ends() const { return ends_; }
  size_t bytes() const { return bytes_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, ends_.size()); }

  void push_back(std::string_view item) {
    bytes_.append(item);
    ends_.push_back(bytes_.size());
  }
  void clear() {
    bytes_.clear();
    ends_.clear();
  }
  // Room for `count` items of `bytes` bytes in all, so that filling a batch does not grow the
  // buffer again and again.
  void reserve(size_t count, size_t bytes) {
    ends_.reserve(count);
    bytes_.reserve(bytes);
  }

  std::vector<std::string> to_strings() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (std::string_view item : *this) out.emplace_back(item);
    return out;
  }

 private:
  std::string bytes_;
  std::vector<size_t> ends_;
};

}  // namespace sub::transform
