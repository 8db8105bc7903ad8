# Helpers for the script-mode packagers (cmake/package_lambda.cmake, the Lambda zips, and
# cmake/package_portable.cmake, the portable tarball): both carry a binary with every shared
# library it loads, glibc and its dynamic loader included, and start it through that loader
# (lib/ld-linux-*.so --library-path lib <binary>), so that the host's glibc, whatever its
# version, is never used. A PT_INTERP cannot be relative, hence the loader run by hand.

# The shared libraries our binaries open with dlopen rather than list as DT_NEEDED, so no
# walk of DT_NEEDED finds them (core/shared_library.h).
set(SUBSTATION_DLOPENED_LIBRARIES libcurl.so.4 libjsonnet.so.0 libjq.so.1 libzip.so.4)

# _bundle_one(NAME ELF): copies library NAME (needed by ELF) from lib_dirs into dest once,
# queuing it to be walked in turn. A macro: it updates the caller's seen, pending, loader.
macro(_bundle_one name elf)
  if(NOT "${name}" IN_LIST seen)
    list(APPEND seen ${name})
    set(found "")
    foreach(dir IN LISTS lib_dirs)
      if(EXISTS ${dir}/${name})
        set(found ${dir}/${name})
        break()
      endif()
    endforeach()
    if(found STREQUAL "")
      message(FATAL_ERROR "bundle: ${name} (needed by ${elf}) is not in ${lib_dirs_string}")
    endif()
    file(REAL_PATH ${found} real)
    file(COPY_FILE ${real} ${dest}/${name})
    list(APPEND pending ${real})
    if("${name}" MATCHES "^ld-linux")
      set(loader ${name})
    endif()
  endif()
endmacro()

# bundle_libraries(BINARY LIB_DIRS OBJDUMP DEST LOADER_VAR): copies into DEST every shared
# library BINARY needs, found by walking DT_NEEDED entries with OBJDUMP (which reads any
# architecture, so cross builds bundle the same way) through LIB_DIRS (:-separated), with
# SUBSTATION_DLOPENED_LIBRARIES and what they need, and sets LOADER_VAR to the dynamic
# loader's file name (ld-linux-x86-64.so.2, ld-linux-aarch64.so.1).
function(bundle_libraries binary lib_dirs_string objdump dest loader_var)
  string(REPLACE ":" ";" lib_dirs "${lib_dirs_string}")
  set(pending ${binary})
  set(seen "")
  set(loader "")
  foreach(name IN LISTS SUBSTATION_DLOPENED_LIBRARIES)
    _bundle_one(${name} ${binary})
  endforeach()
  while(pending)
    list(POP_FRONT pending elf)
    execute_process(COMMAND ${objdump} -p ${elf} OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "bundle: ${objdump} -p ${elf} failed")
    endif()
    string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${dump}")
    foreach(entry IN LISTS needed)
      string(REGEX REPLACE "NEEDED +" "" name "${entry}")
      string(STRIP "${name}" name)
      _bundle_one(${name} ${elf})
    endforeach()
  endwhile()
  if(loader STREQUAL "")
    message(FATAL_ERROR "bundle: no dynamic loader among the libraries of ${binary}")
  endif()
  file(CHMOD ${dest}/${loader} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                           GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  set(${loader_var} ${loader} PARENT_SCOPE)
endfunction()

# bundle_verify(NAME LIBDIR LOADER APP [EMULATOR]): the bundled LOADER, run on APP, and on
# each of SUBSTATION_DLOPENED_LIBRARIES, with LIBDIR as its library path (under EMULATOR,
# qemu-user, for cross builds), must resolve every library inside LIBDIR.
function(bundle_verify name libdir loader app)
  foreach(elf ${app} ${SUBSTATION_DLOPENED_LIBRARIES})
    if(NOT IS_ABSOLUTE ${elf})
      set(elf ${libdir}/${elf})
    endif()
    _bundle_verify_one(${name} ${libdir} ${loader} ${elf} ${ARGN})
  endforeach()
endfunction()

function(_bundle_verify_one name libdir loader app)
  execute_process(COMMAND ${ARGN} ${libdir}/${loader} --list --library-path ${libdir} ${app}
    OUTPUT_VARIABLE listed ERROR_VARIABLE listed_err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bundle: the bundled loader cannot load ${app}: ${listed_err}")
  endif()
  string(REPLACE "\n" ";" listed_lines "${listed}")
  foreach(line IN LISTS listed_lines)
    if(line MATCHES "not found")
      message(FATAL_ERROR "bundle: ${name} does not load from its package: ${line}")
    endif()
    if(line MATCHES "(=> |^[ \t]*)(/[^ ]+) \\(")
      set(loaded ${CMAKE_MATCH_2})
      if(NOT loaded MATCHES "^${libdir}/")
        message(FATAL_ERROR "bundle: ${name} loads ${loaded} from outside its package")
      endif()
    endif()
  endforeach()
endfunction()
