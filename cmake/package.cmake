# Lambda deployment packages: `lambda_zip` builds one zip per function,
#   <build>/substation-lambda-<arch>.zip   (bootstrap)
#   <build>/autoscale-lambda-<arch>.zip    (autoscale)
#   <build>/validate-lambda-<arch>.zip     (validate)
# each with `bootstrap` at its root, for the provided.al2023 runtime (zip or container
# image, container/Dockerfile). The binary is built on Debian 12 (glibc 2.36) and
# bundled libraries need up to GLIBC_2.36 while Amazon Linux 2023 has 2.34, so the zip
# carries every shared library the binary loads, glibc and its loader included, and
# `bootstrap` is a shell script that starts bin/<app> through lib/ld-linux-*.so.
# See cmake/package_lambda.cmake and cmake/bundle.cmake.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(SUBSTATION_LAMBDA_ARCH arm64)
else()
  set(SUBSTATION_LAMBDA_ARCH x86_64)
endif()
find_program(SUBSTATION_ZIP_PROGRAM zip)
if(NOT CMAKE_OBJDUMP)
  find_program(CMAKE_OBJDUMP objdump REQUIRED)
endif()
# Where the target's shared libraries live: SUBSTATION_EXTRA_LIB_DIRS (libraries unpacked
# by scripts/build-arm64), Debian's multiarch directories, then the cross toolchain's own.
set(SUBSTATION_EXTRA_LIB_DIRS "" CACHE STRING "Extra library directories for lambda_zip (:-separated)")
set(SUBSTATION_LAMBDA_LIB_DIRS
  ${SUBSTATION_EXTRA_LIB_DIRS}:/lib/${CMAKE_LIBRARY_ARCHITECTURE}:/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}:/usr/${CMAKE_LIBRARY_ARCHITECTURE}/lib)

# Each package is checked to load only its own libraries; a cross build needs qemu-user.
set(SUBSTATION_LAMBDA_VERIFY ON)
set(SUBSTATION_LAMBDA_EMULATOR "")
if(CMAKE_CROSSCOMPILING)
  if(SUBSTATION_QEMU_AARCH64)
    set(SUBSTATION_LAMBDA_EMULATOR ${SUBSTATION_QEMU_AARCH64})
  else()
    set(SUBSTATION_LAMBDA_VERIFY OFF)
  endif()
endif()
set(SUBSTATION_LAMBDA_ZIPS)
foreach(app_target bootstrap autoscale validate)
  if(NOT TARGET ${app_target})
    continue()
  endif()
  if(app_target STREQUAL "bootstrap")
    set(zip_name substation)
  else()
    set(zip_name ${app_target})
  endif()
  set(zip ${CMAKE_BINARY_DIR}/${zip_name}-lambda-${SUBSTATION_LAMBDA_ARCH}.zip)
  add_custom_command(OUTPUT ${zip}
    COMMAND ${CMAKE_COMMAND}
      -DBINARY=$<TARGET_FILE:${app_target}>
      -DNAME=${zip_name}
      -DSTAGING=${CMAKE_BINARY_DIR}/lambda-staging/${zip_name}
      -DOUTPUT=${zip}
      -DSTRIP=${CMAKE_STRIP}
      -DOBJDUMP=${CMAKE_OBJDUMP}
      -DLIB_DIRS=${SUBSTATION_LAMBDA_LIB_DIRS}
      -DZONEINFO=/usr/share/zoneinfo
      -DVERIFY=${SUBSTATION_LAMBDA_VERIFY}
      -DEMULATOR=${SUBSTATION_LAMBDA_EMULATOR}
      -DZIP=${SUBSTATION_ZIP_PROGRAM}
      -P ${CMAKE_SOURCE_DIR}/cmake/package_lambda.cmake
    DEPENDS ${app_target} ${CMAKE_SOURCE_DIR}/cmake/package_lambda.cmake
            ${CMAKE_SOURCE_DIR}/cmake/bundle.cmake
    COMMENT "Packaging ${zip_name}-lambda-${SUBSTATION_LAMBDA_ARCH}.zip"
    VERBATIM)
  list(APPEND SUBSTATION_LAMBDA_ZIPS ${zip})
endforeach()
add_custom_target(lambda_zip DEPENDS ${SUBSTATION_LAMBDA_ZIPS})
