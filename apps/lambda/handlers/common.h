// Helpers shared by the handlers: reading event fields with the strictness of Go's
// encoding/json, and running a converted batch through the pipeline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lambda/batch.h"
#include "apps/lambda/handler.h"
#include "core/json/value.h"

namespace sub::lambda::handlers {

// Throws EventError when `event` is not one valid JSON value.
void require_json(std::string_view event);

// The elements of the array at `key` of `event`. Throws EventError when the array is
// absent or not an array (the event is not of the handler's kind) or, with `non_empty`,
// empty.
std::vector<json::Value> records(std::string_view event, std::string_view key,
                                 std::string_view kind, bool non_empty);

// A string field (missing or null → ""). Throws EventError for another type.
std::string str(const json::Value& obj, std::string_view path);
// The same for a value already looked up at `path` (named in the error).
std::string_view str_value(const json::Value& v, std::string_view path);
// An integer field (missing or null → 0).
int64_t int64(const json::Value& obj, std::string_view path);
// A base64 field decoded ([]byte in Go).
std::string bytes(const json::Value& obj, std::string_view path);
// The same for a value already looked up at `path`.
std::string bytes_value(const json::Value& v, std::string_view path);
// Throws EventError unless `obj` has `path` (the field that tells the event's kind).
void require_field(const json::Value& obj, std::string_view path, std::string_view kind,
                   size_t index);

// Runs `batch` and returns the async response: `null`, or with `partial`
// {"batchItemFailures":[{"itemIdentifier":...}]}. Without `partial` any failure throws.
std::string run_async(const Invocation& inv, Batch batch, bool partial);

// JSON array of the data of the non-control `outputs` (Go json.Marshal of
// []json.RawMessage; `null` when none). Throws when an output is not JSON.
std::string json_array_of(const std::vector<Message>& outputs);

}  // namespace sub::lambda::handlers
