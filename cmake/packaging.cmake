# What `cmake --install` puts where (GNU layout under CMAKE_INSTALL_PREFIX), and the packages
# `cpack` makes from it: a .deb for Debian and Ubuntu, and a .tar.gz of the same tree. Only
# the command line is installed; the Lambda functions ship as zips and images
# (lambda_zip, scripts/aws/build-image).
include(GNUInstallDirs)
set(CMAKE_INSTALL_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/substation)

install(TARGETS substation RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The Jsonnet library is built into the binary; this copy is for editors and for vendoring.
install(FILES ${CMAKE_SOURCE_DIR}/config/substation.libsonnet
        DESTINATION ${CMAKE_INSTALL_DATADIR}/substation)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/guide.md
              ${CMAKE_SOURCE_DIR}/docs/compatibility.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/reference DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/cli/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(CPACK_PACKAGE_NAME "substation")
set(CPACK_PACKAGE_VENDOR "Substation for C++")
set(CPACK_PACKAGE_CONTACT "Substation for C++ maintainers <substation@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Routes, normalizes and enriches security event and audit logs (Substation v2.8 configs)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_FILE_NAME "substation_${PROJECT_VERSION}_${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
# The shared libraries the binary needs, found by dpkg-shlibdeps, and the ones it opens on
# first use (core/shared_library.h), which dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libcurl4 (>= 7.85.0), libjsonnet0 (>= 0.18.0), libjq1 (>= 1.6), libzip4 (>= 1.7.3)")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/brexhq/substation")
include(CPack)
