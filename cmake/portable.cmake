# `portable_tarball`: <build>/substation-<version>-linux-<arch>.tar.gz, the command line with
# every shared library it loads, glibc and its dynamic loader included, plus the docs and
# the examples: unpack anywhere and run bin/substation, on any Linux of that architecture
# whatever its glibc (Amazon Linux 2023's 2.34, older distributions...). The binary is the
# build's `substation`, so with SUBSTATION_STATIC_DEPS (cmake/static_deps.cmake) fewer
# libraries are bundled. See cmake/package_portable.cmake; tests/package/portable.sh
# checks it.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(SUBSTATION_PORTABLE_ARCH aarch64)
else()
  set(SUBSTATION_PORTABLE_ARCH ${CMAKE_SYSTEM_PROCESSOR})
endif()
if(NOT CMAKE_OBJDUMP)
  find_program(CMAKE_OBJDUMP objdump REQUIRED)
endif()
set(SUBSTATION_PORTABLE_NAME substation-${PROJECT_VERSION}-linux-${SUBSTATION_PORTABLE_ARCH})
set(SUBSTATION_PORTABLE_TARBALL ${CMAKE_BINARY_DIR}/${SUBSTATION_PORTABLE_NAME}.tar.gz)
# Where the shared libraries are found: as for the Lambda zips (cmake/package.cmake).
set(_portable_lib_dirs
  ${SUBSTATION_EXTRA_LIB_DIRS}:/lib/${CMAKE_LIBRARY_ARCHITECTURE}:/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}:/usr/${CMAKE_LIBRARY_ARCHITECTURE}/lib)
# The bundled loader must load the packaged binary from lib/ alone; cross builds check
# under qemu-user when it is there.
set(_portable_verify ON)
set(_portable_emulator "")
if(CMAKE_CROSSCOMPILING)
  if(SUBSTATION_QEMU_AARCH64)
    set(_portable_emulator ${SUBSTATION_QEMU_AARCH64})
  else()
    set(_portable_verify OFF)
  endif()
endif()
file(GLOB_RECURSE _portable_docs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md
     ${CMAKE_SOURCE_DIR}/examples/cli/*)
add_custom_command(OUTPUT ${SUBSTATION_PORTABLE_TARBALL}
  COMMAND ${CMAKE_COMMAND}
    -DBINARY=$<TARGET_FILE:substation>
    -DVERSION=${PROJECT_VERSION}
    -DARCH=${SUBSTATION_PORTABLE_ARCH}
    -DSOURCE=${CMAKE_SOURCE_DIR}
    -DSTAGING=${CMAKE_BINARY_DIR}/portable-staging
    -DOUTPUT=${SUBSTATION_PORTABLE_TARBALL}
    -DSTRIP=${CMAKE_STRIP}
    -DOBJDUMP=${CMAKE_OBJDUMP}
    -DLIB_DIRS=${_portable_lib_dirs}
    -DZONEINFO=/usr/share/zoneinfo
    -DVERIFY=${_portable_verify}
    -DEMULATOR=${_portable_emulator}
    -P ${CMAKE_SOURCE_DIR}/cmake/package_portable.cmake
  DEPENDS substation ${CMAKE_SOURCE_DIR}/cmake/package_portable.cmake
          ${CMAKE_SOURCE_DIR}/cmake/bundle.cmake ${CMAKE_SOURCE_DIR}/README.md
          ${CMAKE_SOURCE_DIR}/config/substation.libsonnet ${_portable_docs}
  COMMENT "Packaging ${SUBSTATION_PORTABLE_NAME}.tar.gz"
  VERBATIM)
add_custom_target(portable_tarball DEPENDS ${SUBSTATION_PORTABLE_TARBALL})
