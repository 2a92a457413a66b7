# Sanitizer and fuzzing builds (docs/fuzzing.md).
#
# NIANBAO_SANITIZE=ON compiles and links everything with AddressSanitizer and
# UndefinedBehaviorSanitizer, so the whole test suite runs under them.
# NIANBAO_FUZZ=ON (clang only) implies it and adds libFuzzer's coverage
# instrumentation to every library, then builds the fuzz targets in fuzz/.
# Both belong in a build directory of their own (scripts/sanitize.sh,
# scripts/fuzz.sh); one such build serves the sanitizer tests and the fuzzers.
option(NIANBAO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(NIANBAO_FUZZ "Build the libFuzzer targets in fuzz/ (clang only; implies NIANBAO_SANITIZE)"
       OFF)

if(NIANBAO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NIANBAO_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(NIANBAO_SANITIZE ON CACHE BOOL "" FORCE)
endif()

if(NIANBAO_SANITIZE)
  # Any UB report fails the run (no recovery); frame pointers keep the
  # reports' stacks complete at -O1.
  set(nianbao_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all
                         -fno-omit-frame-pointer)
  add_compile_options(${nianbao_sanitizers})
  add_link_options(-fsanitize=address,undefined)
  if(NIANBAO_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
