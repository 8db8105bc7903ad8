# Script mode (cmake -P), run by the lambda_zip target (cmake/package.cmake):
#   -DBINARY=<executable> -DNAME=<app> -DSTAGING=<dir> -DOUTPUT=<zip> [-DSTRIP=<strip>]
#   -DLDD=<ldd> [-DZIP=<zip program>]
# Stages
#   bootstrap        shell script: exec lib/<loader> --library-path lib bin/<app>
#   bin/<app>        the stripped executable
#   lib/*            every shared library ldd resolves for it, glibc and the loader included
# and zips the directory (zip -X when available, else cmake -E tar --format=zip).
cmake_minimum_required(VERSION 3.22)
foreach(var BINARY NAME STAGING OUTPUT LDD)
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

execute_process(COMMAND ${LDD} ${BINARY} OUTPUT_VARIABLE ldd_out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "package_lambda: ldd ${BINARY} failed")
endif()
string(REPLACE "\n" ";" ldd_lines "${ldd_out}")
set(loader "")
foreach(line IN LISTS ldd_lines)
  if(line MATCHES "not found")
    message(FATAL_ERROR "package_lambda: unresolved library: ${line}")
  endif()
  if(line MATCHES "=> (/[^ ]+) \\(")
    set(lib ${CMAKE_MATCH_1})
  elseif(line MATCHES "^[ \t]*(/[^ ]+) \\(")
    set(lib ${CMAKE_MATCH_1})  # the dynamic loader
    get_filename_component(loader ${lib} NAME)
  else()
    continue()  # linux-vdso
  endif()
  get_filename_component(lib_name ${lib} NAME)
  file(COPY_FILE ${lib} ${STAGING}/lib/${lib_name})
endforeach()
if(loader STREQUAL "")
  message(FATAL_ERROR "package_lambda: ldd named no dynamic loader for ${BINARY}")
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
exec \"\$here/lib/${loader}\" --library-path \"\$here/lib\" \"\$here/bin/${NAME}\" \"\$@\"
")
file(CHMOD ${STAGING}/bootstrap ${app} ${STAGING}/lib/${loader}
  PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
              WORLD_EXECUTE)

file(REMOVE ${OUTPUT})
if(ZIP)
  execute_process(COMMAND ${ZIP} -q -r -X ${OUTPUT} bootstrap bin lib
    WORKING_DIRECTORY ${STAGING} RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar cf ${OUTPUT} --format=zip bootstrap bin lib
    WORKING_DIRECTORY ${STAGING} RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "package_lambda: zipping ${OUTPUT} failed")
endif()
