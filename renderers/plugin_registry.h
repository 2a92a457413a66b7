// The renderer plugins available to this process, by format name.
//
// The registry loads every *.so in its plugin directories (see
// plugin_loader.h for the order), keeps the first plugin of each format name,
// and records every file it refused with the reason: not loadable, not a
// plugin, wrong ABI, malformed descriptor, or a format name already taken.
// Each refusal is also logged as one line. It is safe to use from several
// threads; a Plugin handed out stays loaded while the caller holds it, even
// if the registry is destroyed meanwhile.
#ifndef NIANBAO_RENDERERS_PLUGIN_REGISTRY_H_
#define NIANBAO_RENDERERS_PLUGIN_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "renderers/plugin_loader.h"

namespace nianbao::renderers {

// A file (or directory) that was not loaded, and why.
struct RefusedPlugin {
  std::string path;
  std::string reason;
};

// Where the registry's log lines go; the default writes them to stderr
// prefixed with "nianbao: ".
using PluginLog = std::function<void(absl::string_view line)>;
void LogToStderr(absl::string_view line);

class PluginRegistry {
 public:
  explicit PluginRegistry(PluginLog log = LogToStderr);

  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // A registry holding the plugins of PluginDirectories(flag_dirs) (flags,
  // then NIANBAO_PLUGIN_PATH, then the installation and build tree).
  static std::shared_ptr<PluginRegistry> Create(const std::vector<std::string>& flag_dirs,
                                                PluginLog log = LogToStderr);

  // Loads every *.so in `dir`, in name order. A missing directory is
  // recorded as refused only when `dir.requested`.
  void LoadDirectory(const PluginDirectory& dir);

  // Loads one file; returns why it was refused (also recorded and logged).
  absl::Status LoadFile(const std::string& path);

  // Registers an already loaded plugin. AlreadyExists when its name is taken
  // (by another file; the same file loaded twice is accepted silently).
  absl::Status Add(std::shared_ptr<const Plugin> plugin);

  // The plugin for format `name`. NotFound names the formats there are.
  absl::StatusOr<std::shared_ptr<const Plugin>> Find(absl::string_view name) const;

  // Every plugin, by format name.
  std::vector<std::shared_ptr<const Plugin>> List() const;
  // Every refusal, in the order they happened.
  std::vector<RefusedPlugin> Refused() const;
  // The directories searched, in order.
  std::vector<PluginDirectory> Directories() const;

 private:
  // Records and logs a refusal. Takes mu_ itself.
  void Refuse(const std::string& path, const std::string& reason) ABSL_LOCKS_EXCLUDED(mu_);

  const PluginLog log_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const Plugin>, std::less<>> plugins_ ABSL_GUARDED_BY(mu_);
  // Resolved paths of the files registered, to accept the same file twice.
  std::map<std::string, std::string> real_paths_ ABSL_GUARDED_BY(mu_);  // name -> real path
  std::vector<RefusedPlugin> refused_ ABSL_GUARDED_BY(mu_);
  std::vector<PluginDirectory> directories_ ABSL_GUARDED_BY(mu_);
};

}  // namespace nianbao::renderers

#endif  // NIANBAO_RENDERERS_PLUGIN_REGISTRY_H_
