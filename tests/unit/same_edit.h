// One edit made twice, through a Message (whose skip memo and member lists are caches) and
// with the plain json functions on the same text: both must throw sub::Error alike (a key
// into an array is an error) or leave the same bytes. Used by the memo and member-list
// chain tests; callers wrap it in ASSERT_NO_FATAL_FAILURE to stop at the first difference.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/error.h"
#include "core/message.h"

namespace sub {

// edit_message(Message&) edits the message; edit_plain(std::string& out) writes the same
// edit of `plain` into `out`.
template <typename EditMessage, typename EditPlain>
void expect_same_edit(Message& msg, std::string& plain, EditMessage edit_message,
                      EditPlain edit_plain) {
  bool message_threw = false, plain_threw = false;
  try {
    edit_message(msg);
  } catch (const Error&) {
    message_threw = true;
  }
  try {
    std::string out;
    edit_plain(out);
    plain = std::move(out);
  } catch (const Error&) {
    plain_threw = true;
  }
  ASSERT_EQ(message_threw, plain_threw);
  ASSERT_EQ(msg.data(), plain);
}

}  // namespace sub
