# Script mode (cmake -P), run by the lambda_zip target (cmake/package.cmake):
#   -DBINARY=<executable> -DNAME=<app> -DSTAGING=<dir> -DOUTPUT=<zip> [-DSTRIP=<strip>]
#   -DOBJDUMP=<objdump> -DLIB_DIRS=<dir:dir...> [-DZONEINFO=<dir>] [-DZIP=<zip program>]
#   [-DVERIFY=ON [-DEMULATOR=<qemu-user>]]
# Stages
#   bootstrap        shell script: exec lib/<loader> --library-path lib bin/<app>
#   bin/<app>        the stripped executable
#   lib/*            every shared library it needs, glibc and the loader included
#   share/zoneinfo   the tz database, when ZONEINFO is given
# and zips the directory (zip -X when available, else cmake -E tar --format=zip).
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY NAME STAGING OUTPUT OBJDUMP LIB_DIRS)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "package_lambda: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${STAGING})
file(MAKE_DIRECTORY ${STAGING}/bin ${STAGING}/lib)

set(app ${STAGING}/bin/${NAME})
file(COPY_FILE ${BINARY} ${app})
if(STRIP)
  execute_process(COMMAND ${STRIP} --strip-unneeded ${app} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package_lambda: ${STRIP} ${app} failed")
  endif()
endif()

# Every shared library the binary needs, glibc and the loader included (cmake/bundle.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/bundle.cmake)
bundle_libraries(${BINARY} "${LIB_DIRS}" ${OBJDUMP} ${STAGING}/lib loader)

# Time zones: Go's reference falls back to tzdata it carries; the zip carries the zones
# (without the right/ and posix/ duplicates) for runtimes whose image has none.
if(ZONEINFO AND IS_DIRECTORY ${ZONEINFO})
  file(COPY ${ZONEINFO}/ DESTINATION ${STAGING}/share/zoneinfo
    PATTERN "right" EXCLUDE PATTERN "posix" EXCLUDE)
  set(zones share)
else()
  set(zones "")
endif()

# The dynamic loader runs the binary against the bundled libraries only, so the host's
# (older) glibc and libstdc++ never mix in. libcurl looks for Debian's CA bundle path;
# SSL_CERT_FILE points at Amazon Linux's when unset.
file(WRITE ${STAGING}/bootstrap
"#!/bin/sh
# ${NAME}: runs bin/${NAME} with the glibc and libraries bundled in lib/.
here=\$(cd \"\$(dirname \"\$0\")\" && pwd)
if [ -z \"\$SSL_CERT_FILE\" ] && [ -f /etc/pki/tls/certs/ca-bundle.crt ]; then
  export SSL_CERT_FILE=/etc/pki/tls/certs/ca-bundle.crt
fi
if [ -z \"\$ZONEINFO\" ] && [ -d \"\$here/share/zoneinfo\" ]; then
  export ZONEINFO=\"\$here/share/zoneinfo\"
fi
exec \"\$here/lib/${loader}\" --library-path \"\$here/lib\" \"\$here/bin/${NAME}\" \"\$@\"
")
file(CHMOD ${STAGING}/bootstrap ${app}
  PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
              WORLD_EXECUTE)

# The package must be self-contained: its loader, run on its binary with the bundled
# library path, has to resolve every library inside lib/ (under EMULATOR for cross builds).
if(VERIFY)
  bundle_verify(${NAME} ${STAGING}/lib ${loader} ${app} ${EMULATOR})
endif()

file(REMOVE ${OUTPUT})
if(ZIP)
  execute_process(COMMAND ${ZIP} -q -r -X ${OUTPUT} bootstrap bin lib ${zones}
    WORKING_DIRECTORY ${STAGING} RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar cf ${OUTPUT} --format=zip bootstrap bin lib ${zones}
    WORKING_DIRECTORY ${STAGING} RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "package_lambda: zipping ${OUTPUT} failed")
endif()
