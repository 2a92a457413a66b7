# The install layout:
#   bin/nianbao (and the servers)        lib/nianbao/plugins/  (renderer plugins)
#   include/nianbao/ (plugin ABI, generated protobuf headers)
#   lib/cmake/nianbao/ (find_package(nianbao) for out-of-tree plugins)
include(CMakePackageConfigHelpers)

set(NIANBAO_PLUGIN_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/nianbao/plugins")
install(DIRECTORY DESTINATION ${NIANBAO_PLUGIN_INSTALL_DIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/nianbao DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT nianbaoTargets NAMESPACE nianbao::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao)
configure_package_config_file(
  ${CMAKE_SOURCE_DIR}/cmake/nianbaoConfig.cmake.in
  ${CMAKE_BINARY_DIR}/nianbaoConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao
  PATH_VARS NIANBAO_PLUGIN_INSTALL_DIR CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/nianbaoConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/nianbaoConfig.cmake
              ${CMAKE_BINARY_DIR}/nianbaoConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/NianbaoPlugin.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao)
