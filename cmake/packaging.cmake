# `make package`: one Debian package, els-kiosk, holding what a terminal runs — kioskctl, the
# kiosk app (with its QML compiled in), units, sysusers/tmpfiles, default configuration and the
# trust-anchor folder. The USOS simulator and the test tools stay out of it.
include(GNUInstallDirs)

# The package installs under /usr with its configuration in /etc: `make package` configures
# with -DCMAKE_INSTALL_PREFIX=/usr; any other prefix would put /etc paths in the wrong place.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "els-kiosk: CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}; `make package` uses /usr")
endif()

foreach(program kioskctl els-kiosk)
  if(TARGET ${program})
    install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
  endif()
endforeach()
# kioskctl's Qt half, which kioskctl execs for every command but readers/read-card: it looks for
# it at ../libexec/els-kiosk relative to itself.
if(TARGET kioskctl-admin)
  install(TARGETS kioskctl-admin RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/els-kiosk
          COMPONENT kiosk)
endif()
install(FILES ${CMAKE_CURRENT_LIST_DIR}/deb/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kiosk OPTIONAL)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/deb/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME els-kiosk COMPONENT kiosk)
set(_els_man_pages)
foreach(page kioskctl els-kiosk)
  set(_els_man ${CMAKE_BINARY_DIR}/packaging/${page}.1.gz)
  add_custom_command(OUTPUT ${_els_man}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
    COMMAND gzip -n -9 -c ${CMAKE_CURRENT_LIST_DIR}/deb/${page}.1 > ${_els_man}
    DEPENDS ${CMAKE_CURRENT_LIST_DIR}/deb/${page}.1 VERBATIM)
  if(TARGET ${page})
    install(FILES ${_els_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT kiosk)
  endif()
  list(APPEND _els_man_pages ${_els_man})
endforeach()
# Debian wants a compressed changelog in the doc folder.
set(_els_changelog ${CMAKE_BINARY_DIR}/packaging/changelog.Debian.gz)
add_custom_command(OUTPUT ${_els_changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
  COMMAND gzip -n -9 -c ${CMAKE_CURRENT_LIST_DIR}/deb/changelog > ${_els_changelog}
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/deb/changelog VERBATIM)
add_custom_target(els-package-docs ALL DEPENDS ${_els_changelog} ${_els_man_pages})
install(FILES ${_els_changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kiosk)

# `cpack` installs only the package's component: it needs kioskctl, els-kiosk and the docs,
# not every test program (`make deploy-test` builds just those; `make package` builds all).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME els-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "els-kiosk project")
set(CPACK_PACKAGE_CONTACT "els-kiosk maintainers <els-kiosk@example.edu.pl>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_PACKAGE_NAME els-kiosk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.edu.pl/els-kiosk")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service terminal turning a student's ELS card into an mLegitymacja")
# CPack puts the summary on the Description line and this text below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A student puts the plastic electronic student ID (ELS) into the reader;\n\
the kiosk verifies the card's signature, asks the university system (USOS API)\n\
whether the student may order the mobile ID (mLegitymacja), orders it and shows\n\
the QR code and activation code for the mObywatel app. It runs full-screen\n\
under cage as a systemd service; kioskctl sets up and checks the terminal.")
# Libraries come from dpkg-shlibdeps; these are what it cannot see: daemons, the compositor,
# QML modules and the Wayland platform plugin loaded at run time, the tz database.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "pcscd, cage, seatd, qt6-wayland, qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qt6-speech-speechd-plugin, speech-dispatcher, speech-dispatcher-espeak-ng, espeak-ng, libasound2, tzdata, systemd, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "prometheus-node-exporter")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_LIST_DIR}/deb/conffiles
  ${CMAKE_CURRENT_LIST_DIR}/deb/postinst
  ${CMAKE_CURRENT_LIST_DIR}/deb/prerm
  ${CMAKE_CURRENT_LIST_DIR}/deb/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
