#include "renderers/plugin_registry.h"

#include <limits.h>
#include <stdlib.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace nianbao::renderers {

namespace {

std::string RealPathOr(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) == nullptr) return path;
  return buffer;
}

}  // namespace

void LogToStderr(absl::string_view line) { std::cerr << "nianbao: " << line << "\n"; }

PluginRegistry::PluginRegistry(PluginLog log) : log_(std::move(log)) {}

std::shared_ptr<PluginRegistry> PluginRegistry::Create(const std::vector<std::string>& flag_dirs,
                                                       PluginLog log) {
  auto registry = std::make_shared<PluginRegistry>(std::move(log));
  for (const PluginDirectory& dir : PluginDirectories(flag_dirs)) registry->LoadDirectory(dir);
  return registry;
}

void PluginRegistry::LoadDirectory(const PluginDirectory& dir) {
  {
    absl::MutexLock lock(&mu_);
    directories_.push_back(dir);
  }
  auto files = ListPluginFiles(dir.path);
  if (!files.ok()) {
    if (dir.requested) Refuse(dir.path, "plugin directory does not exist or cannot be read");
    return;
  }
  for (const std::string& file : *files) LoadFile(file).IgnoreError();
}

absl::Status PluginRegistry::LoadFile(const std::string& path) {
  // dlopen runs the library's initialisers; do it outside the lock.
  auto plugin = LoadPlugin(path);
  if (!plugin.ok()) {
    Refuse(path, std::string(plugin.status().message()));
    return plugin.status();
  }
  return Add(*std::move(plugin));
}

absl::Status PluginRegistry::Add(std::shared_ptr<const Plugin> plugin) {
  const std::string real = RealPathOr(plugin->path());
  std::string reason;
  {
    absl::MutexLock lock(&mu_);
    auto it = plugins_.find(plugin->name());
    if (it == plugins_.end()) {
      real_paths_[plugin->name()] = real;
      plugins_.emplace(plugin->name(), std::move(plugin));
      return absl::OkStatus();
    }
    if (real_paths_[plugin->name()] == real) return absl::OkStatus();
    reason =
        absl::StrCat("format \"", plugin->name(), "\" is already provided by ", it->second->path());
  }
  Refuse(plugin->path(), reason);
  return absl::AlreadyExistsError(reason);
}

absl::StatusOr<std::shared_ptr<const Plugin>> PluginRegistry::Find(absl::string_view name) const {
  absl::MutexLock lock(&mu_);
  auto it = plugins_.find(name);
  if (it != plugins_.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [n, p] : plugins_) names.push_back(n);
  std::vector<std::string> dirs;
  for (const PluginDirectory& d : directories_) dirs.push_back(d.path);
  return absl::NotFoundError(absl::StrCat(
      "no renderer plugin for format \"", name,
      "\"; available: ", names.empty() ? "none" : absl::StrJoin(names, ", "),
      " (searched: ", dirs.empty() ? "no directories" : absl::StrJoin(dirs, ":"), ")"));
}

std::vector<std::shared_ptr<const Plugin>> PluginRegistry::List() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<const Plugin>> out;
  for (const auto& [name, plugin] : plugins_) out.push_back(plugin);
  return out;
}

std::vector<RefusedPlugin> PluginRegistry::Refused() const {
  absl::MutexLock lock(&mu_);
  return refused_;
}

std::vector<PluginDirectory> PluginRegistry::Directories() const {
  absl::MutexLock lock(&mu_);
  return directories_;
}

void PluginRegistry::Refuse(const std::string& path, const std::string& reason) {
  {
    absl::MutexLock lock(&mu_);
    refused_.push_back({path, reason});
  }
  // Outside the lock: the log function may well call back into the registry.
  if (log_) log_(absl::StrCat("renderer plugin ", path, " refused: ", reason));
}

}  // namespace nianbao::renderers
