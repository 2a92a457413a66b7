// The `nianbao` subcommands. Each Run* function takes the arguments after
// the subcommand's name and returns the process exit status (cli/args.h).
// main.cc lists them; each lives in its own *_command.cc.
#ifndef NIANBAO_CLI_COMMANDS_H_
#define NIANBAO_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace nianbao::cli {

struct Command {
  const char* name;
  const char* summary;  // one line for `nianbao help`
  int (*run)(const std::vector<std::string>& args);
};

// nianbao convert IN [--to json|textproto|binary] [-o OUT]
int RunConvert(const std::vector<std::string>& args);

// nianbao render FILE --format NAME [-o OUT] [--plugin-dir DIR]...
int RunRender(const std::vector<std::string>& args);

// nianbao formats [--plugin-dir DIR]...
int RunFormats(const std::vector<std::string>& args);

// nianbao validate FILE [--previous FILE] [--json]
int RunValidate(const std::vector<std::string>& args);

// nianbao agencies create|get|list --server ADDR ... (collection service)
int RunAgencies(const std::vector<std::string>& args);
// nianbao reports create|get|list|...|render --server ADDR ... (collection service)
int RunReports(const std::vector<std::string>& args);

// nianbao import FILE [--from auto|text|html|pdf] [-o OUT] [--diagnostics D.json]
int RunImport(const std::vector<std::string>& args);

// nianbao audit DIR|FILE... [--csv OUT] [--previous-dir DIR]
int RunAudit(const std::vector<std::string>& args);

}  // namespace nianbao::cli

#endif  // NIANBAO_CLI_COMMANDS_H_
