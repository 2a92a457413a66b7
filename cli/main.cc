// `nianbao`: the command-line tool. Local work (convert, validate, render)
// needs no server; subcommands that talk to the services are added beside.
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"

namespace nianbao::cli {
namespace {

constexpr Command kCommands[] = {
    {"convert", "convert a report between json, textproto and binary", RunConvert},
    {"validate", "check a report against the national format's rules", RunValidate},
    {"render", "render a report with a renderer plugin (text, pdf, html, ...)", RunRender},
    {"formats", "list the renderer plugins found and the files refused", RunFormats},
    {"import", "import a published report (text, HTML, PDF) with provenance", RunImport},
    {"audit", "import and validate many published reports; CSV of violations", RunAudit},
    {"agencies", "agencies on a collection service (--server ADDR)", RunAgencies},
    {"reports", "reports on a collection service: create, submit, publish, render...", RunReports},
};

void PrintHelp(std::ostream& out) {
  out << "usage: nianbao COMMAND [ARGS...]\n\n"
         "nianbao produces the annual report on government information disclosure\n"
         "(政府信息公开工作年度报告) in the national format.\n\ncommands:\n";
  for (const Command& c : kCommands) {
    out << "  " << c.name << std::string(12 - std::string(c.name).size(), ' ') << c.summary << "\n";
  }
  out << "\nRun 'nianbao COMMAND --help' for a command's options.\n";
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(std::cerr);
    return kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    PrintHelp(std::cout);
    return kExitOk;
  }
  const std::vector<std::string> rest(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (name == c.name) return c.run(rest);
  }
  std::cerr << "nianbao: unknown command \"" << name << "\"\n\n";
  PrintHelp(std::cerr);
  return kExitUsage;
}

}  // namespace
}  // namespace nianbao::cli

int main(int argc, char** argv) { return nianbao::cli::Main(argc, argv); }
