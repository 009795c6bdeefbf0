# Installation (cmake --install) and the Debian package (cpack -G DEB), docs/install.md.
#
# Layout under the prefix: bin/camsweep, share/camsweep/signatures (found by the binary relative
# to itself, so the tree can be moved), the man pages, the bash completion and the docs.
include(GNUInstallDirs)

install(TARGETS camsweep RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY signatures/ DESTINATION ${CMAKE_INSTALL_DATADIR}/camsweep/signatures
        FILES_MATCHING PATTERN "*.yaml")
foreach(page IN LISTS CAMSWEEP_MAN_FILES)
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
install(FILES "${CMAKE_BINARY_DIR}/completion/camsweep" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
file(GLOB CAMSWEEP_DOCS CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/docs/*.md" "${CMAKE_SOURCE_DIR}/docs/*.json")
install(FILES README.md ${CAMSWEEP_DOCS} packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package: dpkg-shlibdeps derives the library dependencies from the binary.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "camsweep")
set(CPACK_PACKAGE_VENDOR "camsweep")
set(CPACK_PACKAGE_CONTACT "camsweep maintainers <camsweep@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "surveillance device finder and NDAA Section 889 auditor")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "camsweep finds IP cameras, video doorbells, NVRs and DVRs and other network
equipment in captures, live or by read-only probing, names their true maker
through white-label brands and judges each against NDAA FY2019 Section 889,
the FCC Covered List and the Commerce Entity List, with the evidence.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # camsweep_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "tcpdump")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
# Only what install() above names goes into the package (no test or benchmark binary).
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};camsweep;ALL;/")
include(CPack)
