# Script mode (cmake -P), run by the portable_tarball target (cmake/portable.cmake):
#   -DBINARY=<substation> -DVERSION=<x.y.z> -DARCH=<x86_64|aarch64> -DSOURCE=<source dir>
#   -DSTAGING=<dir> -DOUTPUT=<tar.gz> -DOBJDUMP=<objdump> -DLIB_DIRS=<dir:dir...>
#   [-DSTRIP=<strip>] [-DZONEINFO=<dir>] [-DVERIFY=ON [-DEMULATOR=<qemu-user>]]
# Makes substation-<version>-linux-<arch>.tar.gz, one directory of that name holding
#   bin/substation          shell script: exec lib/<loader> --library-path lib libexec/substation
#   libexec/substation      the stripped command line
#   lib/*                   every shared library it needs, glibc and the loader included
#   share/substation/       the Jsonnet library (built into the binary too; for editors)
#   share/zoneinfo/         the tz database, used when the host has none
#   share/doc/substation/   README, guide, compatibility notes, reference, examples
# The binary runs on its bundled glibc, never the host's, so the tarball runs on any x86_64
# (or aarch64) Linux whose kernel glibc 2.36 supports (3.2 and later), whatever its glibc.
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY VERSION ARCH SOURCE STAGING OUTPUT OBJDUMP LIB_DIRS)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "package_portable: ${var} is not set")
  endif()
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/bundle.cmake)

set(name substation-${VERSION}-linux-${ARCH})
set(root ${STAGING}/${name})
file(REMOVE_RECURSE ${STAGING})
file(MAKE_DIRECTORY ${root}/bin ${root}/libexec ${root}/lib ${root}/share/substation
     ${root}/share/doc/substation)

set(app ${root}/libexec/substation)
file(COPY_FILE ${BINARY} ${app})
if(STRIP)
  execute_process(COMMAND ${STRIP} --strip-unneeded ${app} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package_portable: ${STRIP} ${app} failed")
  endif()
endif()
bundle_libraries(${BINARY} "${LIB_DIRS}" ${OBJDUMP} ${root}/lib loader)

file(COPY ${SOURCE}/config/substation.libsonnet DESTINATION ${root}/share/substation)
set(doc ${root}/share/doc/substation)
file(COPY ${SOURCE}/README.md ${SOURCE}/docs/guide.md ${SOURCE}/docs/compatibility.md
          ${SOURCE}/docs/reference DESTINATION ${doc})
file(COPY ${SOURCE}/examples/cli/ DESTINATION ${doc}/examples)
if(ZONEINFO AND IS_DIRECTORY ${ZONEINFO})
  file(COPY ${ZONEINFO}/ DESTINATION ${root}/share/zoneinfo
    PATTERN "right" EXCLUDE PATTERN "posix" EXCLUDE)
endif()

# The launcher. It finds the tree through symlinks (readlink -f), so bin/substation can be
# linked from a directory on PATH. --argv0 keeps the program's name in its messages. libcurl
# and OpenSSL look for Debian's CA bundle: on hosts without it SSL_CERT_FILE names the
# host's own (Fedora/RHEL/Amazon Linux, SUSE, Alpine and the BSD-style cert.pem). The host's
# zones are newer than ours, so ours serve only where there are none.
file(WRITE ${root}/bin/substation
"#!/bin/sh
# substation ${VERSION} (portable): runs libexec/substation on the glibc and libraries in
# lib/, through their own dynamic loader, so the host's glibc is never used.
self=\$(readlink -f \"\$0\" 2>/dev/null) || self=\$0
here=\$(cd \"\$(dirname \"\$self\")/..\" && pwd)
if [ -z \"\$SSL_CERT_FILE\" ] && [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then
  for ca in /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/ca-bundle.pem /etc/ssl/cert.pem; do
    if [ -f \"\$ca\" ]; then
      export SSL_CERT_FILE=\"\$ca\"
      break
    fi
  done
fi
if [ -z \"\$ZONEINFO\" ] && [ ! -d /usr/share/zoneinfo ] && [ -d \"\$here/share/zoneinfo\" ]; then
  export ZONEINFO=\"\$here/share/zoneinfo\"
fi
# /proc/self/exe is the loader: `substation play` starts its workers through this script.
export SUBSTATION_EXECUTABLE=\"\$here/bin/substation\"
exec \"\$here/lib/${loader}\" --library-path \"\$here/lib\" --argv0 \"\$0\" \\
  \"\$here/libexec/substation\" \"\$@\"
")
file(CHMOD ${root}/bin/substation ${app}
  PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
              WORLD_EXECUTE)

if(VERIFY)
  bundle_verify(${name} ${root}/lib ${loader} ${app} ${EMULATOR})
endif()

# Sorted names and one timestamp, so that the same inputs make the same archive.
file(REMOVE ${OUTPUT})
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(mtime "--mtime=@$ENV{SOURCE_DATE_EPOCH}")
else()
  set(mtime "--mtime=1970-01-01 00:00:00 UTC")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E tar czf ${OUTPUT} --format=gnutar "${mtime}" ${name}
  WORKING_DIRECTORY ${STAGING} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "package_portable: writing ${OUTPUT} failed")
endif()
