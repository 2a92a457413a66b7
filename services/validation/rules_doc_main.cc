// nianbao-rules-doc: prints docs/rules.md (generated from the rule
// declarations) to standard output, or writes it to the file given.
#include <fstream>
#include <iostream>

#include "services/validation/rules_markdown.h"

int main(int argc, char** argv) {
  const std::string doc = nianbao::validation::RulesMarkdown();
  if (argc < 2) {
    std::cout << doc;
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << doc;
  return out.good() ? 0 : 1;
}
