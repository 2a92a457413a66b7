# Writes OUT, a C++ file defining nianbao::format::internal::kEditionsTextproto
# with the contents of IN, so the format definition ships inside the binary.
file(READ "${IN}" content)
# The raw-string delimiter must not occur in the data.
string(FIND "${content}" ")nbfmt\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string delimiter")
endif()
file(WRITE "${OUT}.tmp"
"// Generated from format/editions.textproto by embed_textproto.cmake.\n"
"namespace nianbao::format::internal {\n"
"extern const char kEditionsTextproto[];\n"
"const char kEditionsTextproto[] = R\"nbfmt(${content})nbfmt\";\n"
"}  // namespace nianbao::format::internal\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
