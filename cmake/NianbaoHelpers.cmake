# Small helpers shared by the folders' CMakeLists.

# nianbao_test_target(NAME): what every test executable gets. Its own
# sources compile without optimization: the code under test lives in the
# libraries, built as configured, while a test file is mostly GoogleTest
# macros, which -O2 takes twice as long to compile (collection_service_test.cc:
# 22.6 s of CPU at -O2, 11.0 s at -O0) for no gain in what the test checks.
function(nianbao_test_target name)
  target_compile_options(${name} PRIVATE -O0)
  target_compile_definitions(${name} PRIVATE
      NIANBAO_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      NIANBAO_SHARED_DIR="${NIANBAO_SHARED_DIR}"
      NIANBAO_BINARY_DIR="${CMAKE_BINARY_DIR}")
endfunction()

# nianbao_add_test(NAME SOURCES src... LIBS lib...)
# One GoogleTest executable registered with CTest test by test.
function(nianbao_add_test name)
  if(NOT NIANBAO_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  nianbao_test_target(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()

include(GoogleTest)
