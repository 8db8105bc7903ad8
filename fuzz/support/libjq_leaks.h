// Sanitizer defaults for the fuzz targets that compile jq filters (object_jq in a config).
// Include it from exactly one source file of such a target: it defines the hooks ASan and
// LeakSanitizer read at start-up.
//
// Debian's libjq 1.6 leaks a string inside its parser when a filter ends in an unterminated
// string (`.a,"objc`; fuzz/crashes/config_json/jq-unterminated-string-leak): a C program that
// only calls jq_init, jq_compile and jq_teardown leaks the same 21 bytes. The suppression
// names jq_parse, a frame only libjq's own compile path has, so a jv that our code fails to
// free (allocated by jv_parse, jq_next or jv_* calls, never under jq_parse) is still
// reported. libjq is built without frame pointers: the fast unwinder stops at jv_mem_alloc,
// so malloc stacks are taken with the slow (DWARF) unwinder, which sees jq_parse.
#pragma once

extern "C" const char* __asan_default_options() {
  return "fast_unwind_on_malloc=0:malloc_context_size=30";
}

extern "C" const char* __lsan_default_suppressions() { return "leak:jq_parse\n"; }
