// A small command-line parser for the `nianbao` subcommands: each
// subcommand declares its flags, and anything else is a clear usage error.
// (absl flags are process-global, which does not suit per-subcommand flags.)
#ifndef NIANBAO_CLI_ARGS_H_
#define NIANBAO_CLI_ARGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace nianbao::cli {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the input was read, and it fails (e.g. has errors)
inline constexpr int kExitUsage = 2;   // bad usage or unusable input

class Args {
 public:
  // Flag spellings map to a canonical name: {"-o", "output"}, {"--output",
  // "output"}. `value_flags` take a value ("--to json" or "--to=json");
  // `bool_flags` take none. Other arguments are positional; "--" ends flags.
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv,
                                    const std::map<std::string, std::string>& value_flags,
                                    const std::map<std::string, std::string>& bool_flags);

  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  // Every value given for a repeatable value flag, in order.
  std::vector<std::string> GetAll(const std::string& name) const;
  bool Has(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::multimap<std::string, std::string> values_;
  std::set<std::string> bools_;
  std::vector<std::string> positional_;
};

}  // namespace nianbao::cli

#endif  // NIANBAO_CLI_ARGS_H_
