#include "renderers/plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace nianbao::renderers {

namespace {

// The part of the descriptor this host knows: ABI version 1 as declared.
constexpr uint32_t kKnownStructSize = sizeof(NianbaoRendererPlugin);

std::string DlError() {
  const char* e = dlerror();
  return e != nullptr ? e : "unknown dlopen error";
}

// `path` with symlinks and ".." resolved, or "" when it does not exist.
std::string RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) == nullptr) return "";
  return buffer;
}

std::string Dirname(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The directory of the running executable, resolved, or "".
std::string ExecutableDir() {
  char buffer[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return "";
  return Dirname(std::string(buffer, static_cast<size_t>(n)));
}

#ifndef NIANBAO_PLUGIN_DIR_FROM_BIN
#define NIANBAO_PLUGIN_DIR_FROM_BIN "../lib/nianbao/plugins"
#endif

// The installation's plugin directory for an executable in `exe_dir`:
// bin/../lib/nianbao/plugins, written without the "..".
std::string InstalledPluginDir(const std::string& exe_dir) {
  std::string dir = exe_dir;
  absl::string_view rest = NIANBAO_PLUGIN_DIR_FROM_BIN;
  while (absl::ConsumePrefix(&rest, "../")) dir = Dirname(dir);
  return absl::StrCat(dir == "/" ? "" : dir, "/", rest);
}

bool IsValidExtension(absl::string_view ext) {
  if (ext.empty() || ext.size() > 16) return false;
  return std::all_of(ext.begin(), ext.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// Checks the descriptor fields after abi_version and struct_size.
absl::Status CheckDescriptor(const NianbaoRendererPlugin& d) {
  if (d.name == nullptr) return absl::InvalidArgumentError("descriptor has no name");
  if (!IsValidFormatName(d.name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("format name \"", d.name, "\" is not 1-64 of [a-z0-9_-]"));
  }
  if (d.version == nullptr || *d.version == '\0') {
    return absl::InvalidArgumentError("descriptor has no version");
  }
  if (d.description == nullptr) return absl::InvalidArgumentError("descriptor has no description");
  if (d.mime_type == nullptr || std::string(d.mime_type).find('/') == std::string::npos) {
    return absl::InvalidArgumentError("descriptor has no MIME type of the form type/subtype");
  }
  if (d.file_extension == nullptr || !IsValidExtension(d.file_extension)) {
    return absl::InvalidArgumentError(
        "descriptor has no file extension (letters, digits, '-', '_', '.'; no leading dot)");
  }
  if (d.file_extension[0] == '.') {
    return absl::InvalidArgumentError("file extension must not start with a dot");
  }
  if (d.render == nullptr) return absl::InvalidArgumentError("descriptor has no render function");
  if (d.free_output == nullptr) {
    return absl::InvalidArgumentError("descriptor has no free_output function");
  }
  return absl::OkStatus();
}

}  // namespace

Plugin::Plugin(std::shared_ptr<void> library, const NianbaoRendererPlugin* descriptor,
               std::string path)
    : library_(std::move(library)),
      descriptor_(descriptor),
      path_(std::move(path)),
      name_(descriptor->name),
      version_(descriptor->version),
      description_(descriptor->description),
      mime_type_(descriptor->mime_type),
      file_extension_(descriptor->file_extension) {}

absl::StatusOr<std::string> Plugin::Render(absl::string_view request) const {
  NianbaoRenderOutput out = {nullptr, 0, nullptr};
  int rc;
  // The ABI forbids plugins to throw; a broken one must still not take the
  // host down with it.
  try {
    rc =
        descriptor_->render(reinterpret_cast<const uint8_t*>(request.data()), request.size(), &out);
  } catch (...) {
    return absl::InternalError(
        absl::StrCat("renderer \"", name_, "\" (", path_, ") let an exception escape render()"));
  }
  std::string bytes;
  absl::Status status;
  if (rc != 0) {
    status = absl::InternalError(absl::StrCat(
        "renderer \"", name_, "\" failed: ",
        out.error != nullptr && *out.error != '\0' ? out.error : "(no error message given)"));
  } else if (out.data == nullptr && out.size != 0) {
    status = absl::InternalError(
        absl::StrCat("renderer \"", name_, "\" reported ", out.size, " bytes but gave none"));
  } else if (out.data != nullptr) {
    bytes.assign(reinterpret_cast<const char*>(out.data), out.size);
  }
  descriptor_->free_output(&out);
  if (!status.ok()) return status;
  return bytes;
}

bool IsValidFormatName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] == '-' || name[0] == '_') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

absl::StatusOr<std::shared_ptr<const Plugin>> LoadPlugin(const std::string& path) {
  dlerror();  // clear a stale message
  // RTLD_NODELETE: a plugin stays mapped after dlclose, so its static
  // state (leaky singletons) is never left dangling, and sanitizer reports
  // can still name its code.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("cannot load: ", DlError()));
  }
  std::shared_ptr<void> library(handle, [](void* h) { dlclose(h); });

  dlerror();
  void* symbol = dlsym(handle, NIANBAO_RENDERER_ENTRY);
  if (symbol == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("no entry symbol \"", NIANBAO_RENDERER_ENTRY,
                                                   "\"; not a nianbao renderer plugin"));
  }
  auto entry = reinterpret_cast<NianbaoRendererEntryFn>(symbol);
  const NianbaoRendererPlugin* d = nullptr;
  try {
    d = entry();
  } catch (...) {
    return absl::InvalidArgumentError("entry function threw an exception");
  }
  if (d == nullptr) return absl::InvalidArgumentError("entry function returned no descriptor");
  // Only these two fields are read before the version is known to match.
  if (d->abi_version != NIANBAO_RENDERER_ABI_VERSION) {
    return absl::InvalidArgumentError(absl::StrCat("ABI version ", d->abi_version,
                                                   ", this host speaks ABI version ",
                                                   NIANBAO_RENDERER_ABI_VERSION));
  }
  if (d->struct_size < kKnownStructSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("descriptor size ", d->struct_size, " is smaller than ABI version ",
                     NIANBAO_RENDERER_ABI_VERSION, "'s ", kKnownStructSize, " bytes"));
  }
  if (absl::Status s = CheckDescriptor(*d); !s.ok()) return s;
  return std::shared_ptr<const Plugin>(std::make_shared<Plugin>(std::move(library), d, path));
}

std::vector<PluginDirectory> PluginDirectories(const std::vector<std::string>& flag_dirs,
                                               const char* env_path) {
  std::vector<PluginDirectory> candidates;
  for (const std::string& d : flag_dirs) candidates.push_back({d, true});
  if (env_path != nullptr) {
    for (absl::string_view d : absl::StrSplit(env_path, ':', absl::SkipEmpty())) {
      candidates.push_back({std::string(d), true});
    }
  }
  const std::string exe_dir = ExecutableDir();
  if (!exe_dir.empty()) {
    candidates.push_back({InstalledPluginDir(exe_dir), false});
#ifdef NIANBAO_BUILD_PLUGIN_DIR
    const std::string build_dir = RealPath(NIANBAO_BUILD_DIR);
    if (!build_dir.empty() && absl::StartsWith(exe_dir + "/", build_dir + "/")) {
      candidates.push_back({NIANBAO_BUILD_PLUGIN_DIR, false});
    }
#endif
  }
  std::vector<PluginDirectory> result;
  std::vector<std::string> seen;
  for (PluginDirectory& c : candidates) {
    if (c.path.empty()) continue;
    std::string key = RealPath(c.path);
    if (key.empty()) key = c.path;  // missing: keep it so the caller can report it
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    result.push_back(std::move(c));
  }
  return result;
}

std::vector<PluginDirectory> PluginDirectories(const std::vector<std::string>& flag_dirs) {
  return PluginDirectories(flag_dirs, std::getenv("NIANBAO_PLUGIN_PATH"));
}

absl::StatusOr<std::vector<std::string>> ListPluginFiles(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return absl::NotFoundError(absl::StrCat("cannot read plugin directory ", dir));
  std::vector<std::string> files;
  while (const dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() <= 3 || !absl::EndsWith(name, ".so")) continue;
    const std::string path = absl::StrCat(dir, "/", name);
    struct stat st;
    if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) files.push_back(path);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace nianbao::renderers
