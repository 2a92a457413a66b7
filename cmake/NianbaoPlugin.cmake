# nianbao_add_renderer_plugin(): builds a nianbao renderer plugin. Used by the
# plugins in this tree and, installed beside nianbaoConfig.cmake, by plugins
# built out of tree after find_package(nianbao).
#
# nianbao_add_renderer_plugin(<target> SOURCES <src>...
#                             [OUTPUT_NAME <name>]       file name without ".so"; default <target>
#                             [LIBS <lib>...]            further libraries to link
#                             [OUTPUT_DIRECTORY <dir>]   where the build puts the .so;
#                                                        default NIANBAO_PLUGIN_BUILD_DIR in
#                                                        nianbao's tree, else the usual place
#                             [INSTALL_DESTINATION <dir>] default NIANBAO_PLUGIN_INSTALL_DIR
#                             [NO_INSTALL])
#
# The result is <name>.so (no "lib" prefix) that exports only the entry
# symbol (hidden visibility and a linker version script), links nianbao::proto (the generated protobuf code the host shares;
# a plugin must never compile the .pb.cc files itself: the descriptors would
# be registered twice and dlopen would abort) and has every symbol resolved
# at link time, so a missing one fails the build instead of the dlopen.

if(NOT DEFINED NIANBAO_PLUGIN_INSTALL_DIR)
  include(GNUInstallDirs)
  set(NIANBAO_PLUGIN_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/nianbao/plugins")
endif()

function(nianbao_add_renderer_plugin target)
  cmake_parse_arguments(P "NO_INSTALL" "OUTPUT_NAME;OUTPUT_DIRECTORY;INSTALL_DESTINATION"
                        "SOURCES;LIBS" ${ARGN})
  if(NOT P_OUTPUT_NAME)
    set(P_OUTPUT_NAME ${target})
  endif()
  add_library(${target} MODULE ${P_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    OUTPUT_NAME ${P_OUTPUT_NAME}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # Installed to <prefix>/lib/nianbao/plugins, next to <prefix>/lib.
    INSTALL_RPATH "$ORIGIN/../..")
  # In nianbao's own build every plugin lands in NIANBAO_PLUGIN_BUILD_DIR,
  # where binaries run from the build tree look.
  if(NOT P_OUTPUT_DIRECTORY AND DEFINED NIANBAO_PLUGIN_BUILD_DIR)
    set(P_OUTPUT_DIRECTORY ${NIANBAO_PLUGIN_BUILD_DIR})
  endif()
  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY})
  endif()
  target_link_libraries(${target} PRIVATE nianbao::plugin_abi nianbao::proto ${P_LIBS})
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    # Only the entry symbol is exported (template instantiations from the C++
    # library would otherwise leak out despite hidden visibility).
    set(version_script "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports")
    file(WRITE "${version_script}" "{ global: nianbao_renderer_plugin; local: *; };\n")
    # Under sanitizers the runtime lives in the executable, so a plugin
    # has undefined __asan_* symbols by design.
    if(NOT NIANBAO_SANITIZE)
      target_link_options(${target} PRIVATE "LINKER:--no-undefined")
    endif()
    target_link_options(${target} PRIVATE "LINKER:--version-script=${version_script}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${version_script}")
  endif()
  if(NOT P_NO_INSTALL)
    if(NOT P_INSTALL_DESTINATION)
      set(P_INSTALL_DESTINATION ${NIANBAO_PLUGIN_INSTALL_DIR})
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${P_INSTALL_DESTINATION})
  endif()
endfunction()
