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

# Every shared library the binary needs, found by walking DT_NEEDED entries with objdump
# (which reads any architecture, so cross builds package the same way) through LIB_DIRS.
string(REPLACE ":" ";" lib_dirs "${LIB_DIRS}")
set(pending ${BINARY})
set(seen "")
set(loader "")
while(pending)
  list(POP_FRONT pending elf)
  execute_process(COMMAND ${OBJDUMP} -p ${elf} OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package_lambda: ${OBJDUMP} -p ${elf} failed")
  endif()
  string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${dump}")
  foreach(entry IN LISTS needed)
    string(REGEX REPLACE "NEEDED +" "" name "${entry}")
    string(STRIP "${name}" name)
    if(name IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${name})
    set(found "")
    foreach(dir IN LISTS lib_dirs)
      if(EXISTS ${dir}/${name})
        set(found ${dir}/${name})
        break()
      endif()
    endforeach()
    if(found STREQUAL "")
      message(FATAL_ERROR "package_lambda: ${name} (needed by ${elf}) is not in ${LIB_DIRS}")
    endif()
    file(REAL_PATH ${found} real)
    file(COPY_FILE ${real} ${STAGING}/lib/${name})
    list(APPEND pending ${real})
    if(name MATCHES "^ld-linux")
      set(loader ${name})
    endif()
  endforeach()
endwhile()
if(loader STREQUAL "")
  message(FATAL_ERROR "package_lambda: no dynamic loader among the libraries of ${BINARY}")
endif()

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
file(CHMOD ${STAGING}/bootstrap ${app} ${STAGING}/lib/${loader}
  PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
              WORLD_EXECUTE)

# The package must be self-contained: its loader, run on its binary with the bundled
# library path, has to resolve every library inside lib/ (under EMULATOR for cross builds).
if(VERIFY)
  execute_process(COMMAND ${EMULATOR} ${STAGING}/lib/${loader} --list --library-path
                          ${STAGING}/lib ${app}
    OUTPUT_VARIABLE listed ERROR_VARIABLE listed_err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package_lambda: the bundled loader cannot load ${app}: ${listed_err}")
  endif()
  string(REPLACE "\n" ";" listed_lines "${listed}")
  foreach(line IN LISTS listed_lines)
    if(line MATCHES "not found")
      message(FATAL_ERROR "package_lambda: ${NAME} does not load from its package: ${line}")
    endif()
    if(line MATCHES "(=> |^[ \t]*)(/[^ ]+) \\(")
      set(loaded ${CMAKE_MATCH_2})
      if(NOT loaded MATCHES "^${STAGING}/lib/")
        message(FATAL_ERROR "package_lambda: ${NAME} loads ${loaded} from outside its package")
      endif()
    endif()
  endforeach()
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
