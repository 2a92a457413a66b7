// nianbao render FILE --format NAME [-o OUT] [--plugin-dir DIR]... [--line-width N]
//                     [--option NAME=VALUE]...
//
// Renders a report through the renderer plugin for NAME (see `nianbao
// formats`). Without -o the output is written to the current directory under
// FILE's name with the plugin's extension (hongqiao-2020.json ->
// hongqiao-2020.txt): a file, because formats such as PDF are binary. "-o -"
// writes to standard output, as does reading the report from standard input.
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "google/protobuf/text_format.h"
#include "nianbao/v1/render.pb.h"
#include "nianbao/v1/report.pb.h"
#include "renderers/plugin_registry.h"
#include "renderers/renderer.h"
#include "report/report_io.h"

namespace nianbao::cli {

namespace {

constexpr char kUsage[] =
    "usage: nianbao render FILE --format NAME [-o OUT] [--plugin-dir DIR]... [--line-width N]\n"
    "                      [--option NAME=VALUE]...\n"
    "  FILE          report (json, textproto or binary; '-' for standard input)\n"
    "  --format      output format: the name of a renderer plugin ('nianbao formats')\n"
    "  -o            output file; '-' for standard output; default: FILE's name with the\n"
    "                format's extension, in the current directory (stdout when FILE is '-')\n"
    "  --plugin-dir  a directory of renderer plugins, searched before NIANBAO_PLUGIN_PATH\n"
    "                and the installed plugins; repeatable\n"
    "  --line-width  line width in display columns (text; default 100)\n"
    "  --option      a render option: a nianbao.v1.RenderOptions field (paper_size=A3,\n"
    "                fragment=true, ...) or a plugin-specific extra; repeatable\n";

// The file name part of `path` without its last extension.
std::string Stem(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// Sets NAME=VALUE in `options`: a RenderOptions field parsed as in
// textproto, or else an entry of `extra`.
absl::Status SetOption(const std::string& assignment, v1::RenderOptions* options) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--option wants NAME=VALUE, got \"", assignment, "\""));
  }
  const std::string name = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  const auto* field = v1::RenderOptions::descriptor()->FindFieldByName(name);
  if (field == nullptr || field->is_map() || field->is_repeated()) {
    (*options->mutable_extra())[name] = value;
    return absl::OkStatus();
  }
  std::string text = value;
  if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    // Let a plain value through without textproto quoting.
    options->GetReflection()->SetString(options, field, value);
    return absl::OkStatus();
  }
  if (!google::protobuf::TextFormat::ParseFieldValueFromString(text, field, options)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--option ", name, ": \"", value, "\" is not a valid ", field->type_name()));
  }
  return absl::OkStatus();
}

}  // namespace

int RunRender(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv,
                          {{"--format", "format"},
                           {"-f", "format"},
                           {"-o", "output"},
                           {"--output", "output"},
                           {"--plugin-dir", "plugin-dir"},
                           {"--line-width", "line-width"},
                           {"--option", "option"}},
                          {{"--help", "help"}, {"-h", "help"}});
  if (!args.ok()) {
    std::cerr << "nianbao render: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    std::cerr << "nianbao render: expected one report file\n" << kUsage;
    return kExitUsage;
  }
  const auto format = args->Get("format");
  if (!format || format->empty()) {
    std::cerr << "nianbao render: --format is required (see 'nianbao formats')\n" << kUsage;
    return kExitUsage;
  }
  v1::RenderOptions options;
  if (auto width = args->Get("line-width")) {
    int n = 0;
    if (!absl::SimpleAtoi(*width, &n) || n <= 0) {
      std::cerr << "nianbao render: --line-width wants a positive number, got \"" << *width
                << "\"\n";
      return kExitUsage;
    }
    options.set_line_width(n);
  }
  for (const std::string& option : args->GetAll("option")) {
    if (absl::Status s = SetOption(option, &options); !s.ok()) {
      std::cerr << "nianbao render: " << s.message() << "\n";
      return kExitUsage;
    }
  }

  const std::string input = args->positional()[0];
  v1::AnnualReport report;
  if (auto s = report::ReadMessageFile(input, std::nullopt, &report); !s.ok()) {
    std::cerr << "nianbao render: " << s.message() << "\n";
    return kExitUsage;
  }
  auto registry = renderers::PluginRegistry::Create(args->GetAll("plugin-dir"));
  renderers::Renderer renderer(registry);
  auto out = renderer.Render(report, *format, options);
  if (!out.ok()) {
    std::cerr << "nianbao render: " << out.status().message() << "\n";
    return out.status().code() == absl::StatusCode::kNotFound ||
                   out.status().code() == absl::StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailed;
  }
  std::string output = args->GetOr("output", "");
  if (output.empty())
    output = input == "-" ? "-" : absl::StrCat(Stem(input), ".", out->file_extension);
  if (auto s = report::WriteFile(output, out->bytes); !s.ok()) {
    std::cerr << "nianbao render: " << s.message() << "\n";
    return kExitFailed;
  }
  if (output != "-") {
    std::cerr << "nianbao render: wrote " << output << " (" << out->format << ", " << out->mime_type
              << ", " << out->bytes.size() << " bytes)\n";
  }
  return kExitOk;
}

}  // namespace nianbao::cli
