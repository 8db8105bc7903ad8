# SUBSTATION_MIMALLOC: link the `substation` command with mimalloc (Debian's libmimalloc-dev),
# which then serves every malloc and operator new of the process, libjsonnet's included.
#
# Why: compiling a Jsonnet config is mostly libjsonnet building and freeing small AST nodes,
# and it parses its whole std library again for every file it evaluates. Under glibc's
# malloc a bare `{}` costs about 22 ms of CPU, a third of it in malloc and free; under
# mimalloc about 13 ms. `substation build -R` over a folder of 40 configs went from 1.54 s
# to 1.02-1.07 s of CPU, and W1.jsonnet from 36 to 26-29 ms (bench/RESULTS.md, "2026-12-07,
# second session"). The per-event paths allocate little and did not move; start-up neither.
#
# Only the command: the Lambda bootstraps compile a Jsonnet config rarely (their configs are
# JSON), and keep glibc's malloc. Off for the sanitizer and fuzzing builds, whose runtimes
# bring their own allocator. When the library is missing (an arm64 sysroot without it, say)
# the command links glibc's malloc and says so; nothing else changes.
if(SUBSTATION_SANITIZE OR SUBSTATION_FUZZ)
  set(_substation_mimalloc_default OFF)
else()
  set(_substation_mimalloc_default ON)
endif()
option(SUBSTATION_MIMALLOC "Link the substation command with mimalloc"
       ${_substation_mimalloc_default})

# substation_use_allocator(TARGET): links TARGET with mimalloc when the option is on and the
# library is found. Its soname must come before libc's among the executable's DT_NEEDED
# entries, so that its malloc is the one the dynamic loader binds for every library; the
# driver adds -lc after everything named here, so any position on the link line does.
function(substation_use_allocator target)
  if(NOT SUBSTATION_MIMALLOC)
    return()
  endif()
  find_library(MIMALLOC_LIBRARY NAMES libmimalloc.so.2 mimalloc)
  if(NOT MIMALLOC_LIBRARY)
    message(STATUS "SUBSTATION_MIMALLOC: no libmimalloc, ${target} uses glibc's malloc")
    return()
  endif()
  message(STATUS "SUBSTATION_MIMALLOC: ${target} links ${MIMALLOC_LIBRARY}")
  # --no-as-needed: nothing calls a mimalloc-only symbol, and the linker may otherwise decide
  # that libc's malloc, seen later, is the one in use and drop the entry.
  target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed"
                        ${MIMALLOC_LIBRARY} "-Wl,--pop-state")
endfunction()
