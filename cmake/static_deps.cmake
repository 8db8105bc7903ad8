# SUBSTATION_STATIC_DEPS: link into our binaries the dependencies of which Debian ships a
# usable static archive (.a). Every shared library costs the dynamic loader a file to map,
# symbols to look up and relocations to apply at each start, which is most of what a short
# `substation read` spends; the portable tarball (cmake/portable.cmake) also bundles fewer
# files.
#   static: re2, zstd, libpsl, libmaxminddb, libdeflate, OpenSSL's libcrypto, zlib and bzip2.
#   opened on first use (core/shared_library.h): libcurl (services/http/curl_library.h),
#           whose own dependencies (GnuTLS, Kerberos, OpenLDAP, librtmp, libssh2, ...) cost
#           ~2 ms at every start when it was linked, statically or not; libjsonnet (Debian's
#           libjsonnet.a lacks the rapidyaml objects std.parseYaml calls), libjq with libonig,
#           and libzip (no archives). A run that opens libcurl or libzip also loads the shared
#           libcrypto and zlib they need: a second copy, private to them, as the executable
#           exports none of its own.
#   shared: libstdc++ (libjsonnet is a C++ library) and glibc.
# Off by default for cross builds (scripts/build-arm64 unpacks some arm64 libraries without
# their -dev packages) and for the sanitizer and fuzzing builds; a dependency whose archive
# is missing stays shared.
if(CMAKE_CROSSCOMPILING OR SUBSTATION_SANITIZE OR SUBSTATION_FUZZ)
  set(_substation_static_default OFF)
else()
  set(_substation_static_default ON)
endif()
option(SUBSTATION_STATIC_DEPS "Link dependencies with a Debian static archive statically"
       ${_substation_static_default})

# substation_dependency(NAME ARCHIVE SHARED SHARED_FILE): sets SUBSTATION_DEP_<NAME> to what
# to link for one dependency: lib<ARCHIVE>.a when SUBSTATION_STATIC_DEPS is on and the
# archive exists, else SHARED (its target or library). The archive is followed by the shared
# libraries that Debian's own build of it, SHARED_FILE, needs (its DT_NEEDED entries, as
# -l:<soname>, so no -dev package is needed for them); the C and C++ runtimes come from the
# compiler driver, and a library chosen static above replaces its soname.
function(substation_dependency name archive shared shared_file)
  if(SUBSTATION_STATIC_DEPS)
    find_library(SUBSTATION_${name}_ARCHIVE NAMES lib${archive}.a)
    if(SUBSTATION_${name}_ARCHIVE)
      file(REAL_PATH ${shared_file} real)
      execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${real} OUTPUT_VARIABLE dump
                      RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "SUBSTATION_STATIC_DEPS: ${CMAKE_OBJDUMP} -p ${real} failed")
      endif()
      string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${dump}")
      set(libs "")
      foreach(entry IN LISTS needed)
        string(REGEX REPLACE "NEEDED +" "" soname "${entry}")
        string(STRIP "${soname}" soname)
        if(soname MATCHES "^(libc|libm|libdl|librt|libpthread|libstdc\\+\\+|libgcc_s)\\.so|^ld-linux")
          continue()
        elseif(soname MATCHES "^libpsl\\.so" AND DEFINED SUBSTATION_DEP_PSL)
          list(APPEND libs ${SUBSTATION_DEP_PSL})
        elseif(soname MATCHES "^libzstd\\.so" AND DEFINED SUBSTATION_DEP_ZSTD)
          list(APPEND libs ${SUBSTATION_DEP_ZSTD})
        else()
          list(APPEND libs -l:${soname})
        endif()
      endforeach()
      set(target substation_static_${name})
      add_library(${target} STATIC IMPORTED GLOBAL)
      set_target_properties(${target} PROPERTIES
        IMPORTED_LOCATION ${SUBSTATION_${name}_ARCHIVE}
        INTERFACE_LINK_LIBRARIES "${libs};Threads::Threads")
      if(TARGET ${shared})
        get_target_property(includes ${shared} INTERFACE_INCLUDE_DIRECTORIES)
        if(includes)
          set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${includes}")
        endif()
      endif()
      message(STATUS "SUBSTATION_STATIC_DEPS: lib${archive}.a (then ${libs})")
      set(SUBSTATION_DEP_${name} ${target} PARENT_SCOPE)
      return()
    endif()
    message(STATUS "SUBSTATION_STATIC_DEPS: no lib${archive}.a, ${name} stays shared")
  endif()
  set(SUBSTATION_DEP_${name} ${shared} PARENT_SCOPE)
endfunction()

substation_dependency(RE2 re2 PkgConfig::RE2 "${RE2_LINK_LIBRARIES}")
substation_dependency(ZSTD zstd PkgConfig::ZSTD "${ZSTD_LINK_LIBRARIES}")
substation_dependency(PSL psl PkgConfig::PSL "${PSL_LINK_LIBRARIES}")
substation_dependency(MAXMINDDB maxminddb ${MAXMINDDB_LIBRARY} ${MAXMINDDB_LIBRARY})
substation_dependency(DEFLATE deflate ${DEFLATE_LIBRARY} ${DEFLATE_LIBRARY})
substation_dependency(ZLIB z ZLIB::ZLIB ${ZLIB_LIBRARY})
substation_dependency(BZIP2 bz2 BZip2::BZip2 ${BZIP2_LIBRARY_RELEASE})
substation_dependency(CRYPTO crypto OpenSSL::Crypto ${OPENSSL_CRYPTO_LIBRARY})

# The linker options that keep the loader's work down, spelled out because Debian's gcc
# implies only some of them and clang none: no DT_NEEDED for libraries nothing uses
# (--as-needed), the GNU hash table with its Bloom filter (--hash-style=gnu), and the
# linker's optimised string and hash tables (-O1). Binding stays lazy (no -z now): a
# `substation read` calls a small part of the ~40 libraries it loads, and resolving every
# PLT slot at start cost ~0.7 ms more CPU per run. Not with the sanitizers, whose runtimes
# must stay linked.
if(NOT SUBSTATION_SANITIZE AND NOT SUBSTATION_FUZZ)
  add_link_options(LINKER:-O1 LINKER:--as-needed LINKER:--hash-style=gnu)
endif()
