# Small helpers shared by the folders' CMakeLists.

# nianbao_add_test(NAME SOURCES src... LIBS lib...)
# One GoogleTest executable registered with CTest test by test.
function(nianbao_add_test name)
  if(NOT NIANBAO_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
      NIANBAO_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      NIANBAO_SHARED_DIR="${NIANBAO_SHARED_DIR}"
      NIANBAO_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()

include(GoogleTest)
