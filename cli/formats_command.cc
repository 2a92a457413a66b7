// nianbao formats [--plugin-dir DIR]...
//
// Lists the renderer plugins this nianbao finds: format name, version, MIME
// type and file of each, the directories searched, and every file that was
// refused with the reason.
#include <algorithm>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "renderers/plugin_registry.h"

namespace nianbao::cli {

namespace {

constexpr char kUsage[] =
    "usage: nianbao formats [--plugin-dir DIR]...\n"
    "  --plugin-dir  a directory of renderer plugins, searched before NIANBAO_PLUGIN_PATH\n"
    "                and the installed plugins; repeatable\n";

std::string Pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + "  " : s + std::string(width - s.size() + 2, ' ');
}

}  // namespace

int RunFormats(const std::vector<std::string>& argv) {
  auto args =
      Args::Parse(argv, {{"--plugin-dir", "plugin-dir"}}, {{"--help", "help"}, {"-h", "help"}});
  if (!args.ok()) {
    std::cerr << "nianbao formats: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->positional().empty()) {
    std::cerr << "nianbao formats: takes no arguments\n" << kUsage;
    return kExitUsage;
  }
  // Refusals are part of the listing below, not log lines.
  auto registry = renderers::PluginRegistry::Create(args->GetAll("plugin-dir"), nullptr);
  const auto plugins = registry->List();

  size_t w_name = 6, w_version = 7, w_mime = 9;
  for (const auto& p : plugins) {
    w_name = std::max(w_name, p->name().size());
    w_version = std::max(w_version, p->version().size());
    w_mime = std::max(w_mime, p->mime_type().size());
  }
  if (plugins.empty()) {
    std::cout << "no renderer plugins found\n";
  } else {
    std::cout << Pad("FORMAT", w_name) << Pad("VERSION", w_version) << Pad("MIME TYPE", w_mime)
              << "FILE\n";
    for (const auto& p : plugins) {
      std::cout << Pad(p->name(), w_name) << Pad(p->version(), w_version)
                << Pad(p->mime_type(), w_mime) << p->path() << "\n"
                << std::string(w_name + 2, ' ') << p->description() << " (." << p->file_extension()
                << ")\n";
    }
  }
  const auto refused = registry->Refused();
  if (!refused.empty()) {
    std::cout << "\nrefused:\n";
    for (const auto& r : refused) std::cout << "  " << r.path << ": " << r.reason << "\n";
  }
  std::cout << "\nsearched:\n";
  for (const auto& d : registry->Directories()) std::cout << "  " << d.path << "\n";
  return kExitOk;
}

}  // namespace nianbao::cli
