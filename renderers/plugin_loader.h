// Loading renderer plugins: one shared library at a time (LoadPlugin), and
// the directories to look in (PluginDirectories).
//
// A plugin is a shared library exporting the C ABI of
// include/nianbao/renderer_plugin.h. LoadPlugin dlopens it with
// RTLD_NOW|RTLD_LOCAL, calls its entry function and checks the descriptor's
// abi_version and struct_size before reading or calling anything else, then
// the strings and functions it promises. A library that fails any check is
// closed again and the reason returned; nothing else is called in it.
#ifndef NIANBAO_RENDERERS_PLUGIN_LOADER_H_
#define NIANBAO_RENDERERS_PLUGIN_LOADER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/renderer_plugin.h"

namespace nianbao::renderers {

// One loaded plugin. Immutable and safe to use from several threads. The
// library stays loaded as long as any shared_ptr to its Plugin lives, so a
// caller holding one can render even after the registry is gone.
class Plugin {
 public:
  // Use LoadPlugin.
  Plugin(std::shared_ptr<void> library, const NianbaoRendererPlugin* descriptor, std::string path);

  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  const std::string& mime_type() const { return mime_type_; }
  const std::string& file_extension() const { return file_extension_; }
  // The file it was loaded from, as found (not resolved).
  const std::string& path() const { return path_; }

  // Calls the plugin's render() on a serialized nianbao.v1.RenderRequest and
  // returns the output bytes, after releasing the plugin's buffers with its
  // own free_output(). A failure carries the plugin's error text.
  absl::StatusOr<std::string> Render(absl::string_view request) const;

 private:
  std::shared_ptr<void> library_;  // dlclose()d when the last Plugin goes
  const NianbaoRendererPlugin* descriptor_;
  std::string path_;
  std::string name_, version_, description_, mime_type_, file_extension_;
};

// Loads the plugin at `path`. InvalidArgument with the reason when the file
// cannot be loaded or is not a valid plugin (dlopen error, no entry symbol,
// wrong ABI version, descriptor too small, missing or malformed fields).
absl::StatusOr<std::shared_ptr<const Plugin>> LoadPlugin(const std::string& path);

// Whether `name` is a valid format name: 1..64 of [a-z0-9_-], starting with a
// letter or digit.
bool IsValidFormatName(absl::string_view name);

// A directory to search, and whether someone asked for it explicitly (an
// explicit directory that does not exist is worth a log line; a default one
// is not).
struct PluginDirectory {
  std::string path;
  bool requested = false;
};

// The directories to search, in order of precedence (on a duplicate format
// name the first one found wins):
//  1. `flag_dirs` (e.g. from --plugin-dir), in order;
//  2. the colon-separated entries of `env_path` (NIANBAO_PLUGIN_PATH);
//  3. the installation's plugin directory, found from the running
//     executable (/proc/self/exe): <prefix>/bin/x -> <prefix>/lib/nianbao/plugins
//     (the libdir as configured, e.g. lib/x86_64-linux-gnu);
//  4. the build tree's plugin directory when the executable lies inside the
//     build tree it was built in.
// Empty entries are skipped; later entries naming an already listed
// directory (after resolving symlinks) are dropped.
std::vector<PluginDirectory> PluginDirectories(const std::vector<std::string>& flag_dirs,
                                               const char* env_path);

// Same, with env_path = getenv("NIANBAO_PLUGIN_PATH").
std::vector<PluginDirectory> PluginDirectories(const std::vector<std::string>& flag_dirs);

// The regular files (or symlinks to them) named *.so in `dir`, sorted by
// name so that loading order does not depend on the file system.
// NotFound when `dir` cannot be read.
absl::StatusOr<std::vector<std::string>> ListPluginFiles(const std::string& dir);

}  // namespace nianbao::renderers

#endif  // NIANBAO_RENDERERS_PLUGIN_LOADER_H_
