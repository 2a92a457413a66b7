#include "cli/args.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace nianbao::cli {

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                                 const std::map<std::string, std::string>& value_flags,
                                 const std::map<std::string, std::string>& bool_flags) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (flags_done || arg == "-" || !absl::StartsWith(arg, "-")) {
      args.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    std::string spelling = arg;
    std::optional<std::string> inline_value;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      spelling = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (auto it = value_flags.find(spelling); it != value_flags.end()) {
      if (inline_value) {
        args.values_.emplace(it->second, *inline_value);
      } else if (i + 1 < argv.size()) {
        args.values_.emplace(it->second, argv[++i]);
      } else {
        return absl::InvalidArgumentError(absl::StrCat(spelling, " needs a value"));
      }
    } else if (auto bit = bool_flags.find(spelling); bit != bool_flags.end()) {
      if (inline_value) {
        return absl::InvalidArgumentError(absl::StrCat(spelling, " takes no value"));
      }
      args.bools_.insert(bit->second);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", spelling));
    }
  }
  return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;  // the last one wins
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

bool Args::Has(const std::string& name) const {
  return bools_.count(name) > 0 || values_.count(name) > 0;
}

}  // namespace nianbao::cli
