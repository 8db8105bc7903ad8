# Cross-compiling for arm64 Lambda (Graviton) with Debian's cross toolchain and multiarch
# -dev packages (scripts/build-arm64 installs both):
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_STRIP /usr/bin/aarch64-linux-gnu-strip CACHE FILEPATH "strip for arm64 binaries")
set(CMAKE_OBJDUMP /usr/bin/aarch64-linux-gnu-objdump CACHE FILEPATH "objdump for arm64 binaries")
# Headers are shared in /usr/include; libraries and .pc files live in the arm64 multiarch
# directories, so pkg-config must look there only.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
# Host programs (zip, objdump for the host) from the host; libraries only for the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# Run arm64 programs (try_run, tests) under qemu-user when it is installed.
find_program(SUBSTATION_QEMU_AARCH64 qemu-aarch64)
if(SUBSTATION_QEMU_AARCH64)
  # No -L: the arm64 loader and glibc come from the multiarch libc6:arm64, matching
  # the libraries; the cross toolchain's own copy under /usr/aarch64-linux-gnu may be
  # another glibc build, and mixing the two hangs thread start-up.
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SUBSTATION_QEMU_AARCH64})
endif()
