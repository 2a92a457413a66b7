// nianbao audit DIR|FILES... [--csv OUT] [--previous-dir DIR]
//
// What a provincial office runs over every report of its area: imports each
// published report (text, HTML; or reads report files), validates it — with
// last year's report of the same agency where one is among the inputs or in
// --previous-dir, so the cross-year rules run — and writes one CSV row per
// violation, then a summary table. Content the importer could not place is
// listed too (rule IMPORT.<code>), so nothing is lost silently.
#include <unistd.h>
#include <limits>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "importer/importer.h"
#include "report/report_io.h"
#include "services/validation/rule_engine.h"
#include "services/validation/severity.h"

namespace nianbao::cli {
namespace {

constexpr char kUsage[] =
    "usage: nianbao audit DIR|FILE... [--csv OUT] [--previous-dir DIR]\n"
    "  DIR|FILE      published reports (.txt, .html, .pdf) or report files (.json, .textproto, .pb);\n"
    "                folders are searched recursively\n"
    "  --csv         write one row per violation: file, agency, year, rule, cell, expected,\n"
    "                found, severity, message ('-' for standard output)\n"
    "  --previous-dir  last year's reports, used only for the cross-year rules\n"
    "exit status: 0 no errors; 1 some report has errors; 2 usage error\n";

bool Auditable(const std::filesystem::path& p) {
  const std::string ext = absl::AsciiStrToLower(p.extension().string());
  for (const char* e :
       {".txt", ".html", ".htm", ".pdf", ".json", ".textproto", ".txtpb", ".pbtxt", ".pb", ".binpb"}) {
    if (ext == e) return true;
  }
  return false;
}

std::vector<std::string> Expand(const std::vector<std::string>& inputs, std::string* error) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::recursive_directory_iterator(in, ec)) {
        if (e.is_regular_file() && Auditable(e.path())) found.push_back(e.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::is_regular_file(in, ec)) {
      files.push_back(in);
    } else {
      *error = absl::StrCat(in, ": no such file or folder");
      return {};
    }
  }
  return files;
}

bool IsReportFile(const std::string& path) {
  return report::EncodingFromExtension(path).has_value();
}

struct Loaded {
  std::string file;
  bool ok = false;
  std::string error;
  v1::AnnualReport report;
  std::vector<v1::ImportDiagnostic> problems;  // import warnings and errors
};

Loaded Load(const std::string& file) {
  Loaded l;
  l.file = file;
  if (IsReportFile(file)) {
    auto s = report::ReadMessageFile(file, std::nullopt, &l.report);
    l.ok = s.ok();
    if (!s.ok()) l.error = std::string(s.message());
    return l;
  }
  auto bytes = report::ReadFile(file);
  if (!bytes.ok()) {
    l.error = std::string(bytes.status().message());
    return l;
  }
  auto result = importer::ImportReport(*bytes, file, v1::SOURCE_FORMAT_UNSPECIFIED);
  if (!result.ok()) {
    l.error = std::string(result.status().message());
    return l;
  }
  l.ok = true;
  l.report = std::move(*result->mutable_report());
  for (const auto& d : result->diagnostics()) {
    if (d.severity() == v1::SEVERITY_ERROR || d.severity() == v1::SEVERITY_WARNING) {
      l.problems.push_back(d);
    }
  }
  return l;
}

std::string Csv(absl::string_view field) {
  if (field.find_first_of(",\"\n\r") == absl::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct Row {
  std::string file, agency, year, rule, cell, expected, found;
  v1::Severity severity;
  std::string message;
};

std::string CellOf(const std::string& row_label, const std::string& column_label,
                   const std::string& field_path) {
  if (row_label.empty() && column_label.empty()) return field_path;
  return absl::StrCat(row_label, row_label.empty() || column_label.empty() ? "" : " / ",
                      column_label);
}

// "[#####.....]  37/100" on a terminal; nothing when stderr is not one.
class Progress {
 public:
  explicit Progress(size_t total) : total_(total), tty_(isatty(STDERR_FILENO) == 1) {}
  void Step(size_t done, const std::string& file) {
    if (!tty_) return;
    constexpr int kWidth = 30;
    const int filled = total_ == 0 ? kWidth : static_cast<int>(done * kWidth / total_);
    std::string name = file.size() > 40 ? "…" + file.substr(file.size() - 39) : file;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
              << done << "/" << total_ << " " << name << "\x1b[K" << std::flush;
  }
  void Done() {
    if (tty_) std::cerr << "\r\x1b[K" << std::flush;
  }

 private:
  size_t total_;
  bool tty_;
};

}  // namespace

int RunAudit(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {{"--csv", "csv"}, {"--previous-dir", "previous"}},
                          {{"--help", "help"}, {"-h", "help"}});
  if (!args.ok()) {
    std::cerr << "nianbao audit: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positional().empty()) {
    std::cerr << "nianbao audit: expected report files or folders\n" << kUsage;
    return kExitUsage;
  }
  std::string error;
  const std::vector<std::string> files = Expand(args->positional(), &error);
  std::vector<std::string> previous_files;
  if (error.empty() && args->Has("previous")) {
    previous_files = Expand({*args->Get("previous")}, &error);
  }
  if (!error.empty()) {
    std::cerr << "nianbao audit: " << error << "\n";
    return kExitUsage;
  }
  const auto start = std::chrono::steady_clock::now();

  // Load everything first: a report's predecessor may come later in the list.
  Progress progress(files.size() + previous_files.size());
  std::vector<Loaded> loaded;
  size_t done = 0;
  for (const std::string& f : files) {
    loaded.push_back(Load(f));
    progress.Step(++done, f);
  }
  std::map<std::pair<std::string, int>, const v1::AnnualReport*> by_agency_year;
  std::vector<Loaded> previous_loaded;
  for (const std::string& f : previous_files) {
    previous_loaded.push_back(Load(f));
    progress.Step(++done, f);
  }
  for (const auto* set : {&previous_loaded, &loaded}) {
    for (const Loaded& l : *set) {
      if (l.ok && !l.report.agency().name().empty()) {
        by_agency_year[{l.report.agency().name(), l.report.year()}] = &l.report;
      }
    }
  }
  progress.Done();

  std::vector<Row> rows;
  std::map<std::string, std::map<v1::Severity, int>> by_rule;
  int failed = 0, with_errors = 0;
  for (const Loaded& l : loaded) {
    const std::string agency = l.report.agency().name();
    const std::string year = l.report.year() ? absl::StrCat(l.report.year()) : "";
    bool errors = false;
    if (!l.ok) {
      ++failed;
      errors = true;
      rows.push_back({l.file, "", "", "IMPORT.FAILED", "", "", "", v1::SEVERITY_ERROR, l.error});
    }
    for (const auto& d : l.problems) {
      const auto& p = d.provenance();
      rows.push_back({l.file, agency, year, absl::StrCat("IMPORT.", d.code()),
                      CellOf(p.row_label(), p.column_label(), p.field_path()), "", p.text(),
                      d.severity(), d.message_zh()});
      errors = errors || d.severity() == v1::SEVERITY_ERROR;
    }
    if (l.ok) {
      // INT32_MIN - 1 would overflow; no report has that year anyway.
      auto it = l.report.year() == std::numeric_limits<int32_t>::min()
                    ? by_agency_year.end()
                    : by_agency_year.find({agency, l.report.year() - 1});
      const v1::AnnualReport* previous = it == by_agency_year.end() ? nullptr : it->second;
      const auto response = validation::Validate(l.report, previous);
      for (const v1::Violation& v : response.violations()) {
        rows.push_back({l.file, agency, year, v.rule_id(),
                        CellOf(v.row_label(), v.column_label(), v.field_path()), v.expected(),
                        v.found(), v.severity(), v.message_zh()});
      }
      errors = errors || response.error_count() > 0;
    }
    with_errors += errors;
  }
  for (const Row& r : rows) ++by_rule[r.rule][r.severity];

  if (auto csv_path = args->Get("csv")) {
    std::ostringstream csv;
    csv << "file,agency,year,rule,cell,expected,found,severity,message\n";
    for (const Row& r : rows) {
      csv << Csv(r.file) << "," << Csv(r.agency) << "," << Csv(r.year) << "," << Csv(r.rule) << ","
          << Csv(r.cell) << "," << Csv(r.expected) << "," << Csv(r.found) << ","
          << validation::SeverityWord(r.severity) << "," << Csv(r.message) << "\n";
    }
    if (auto s = report::WriteFile(*csv_path, csv.str()); !s.ok()) {
      std::cerr << "nianbao audit: " << s.message() << "\n";
      return kExitFailed;
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostream& out = args->Get("csv").value_or("") == "-" ? std::cerr : std::cout;
  out << "audited " << loaded.size() << " report(s) in " << absl::StrCat(seconds)
      << " s: " << with_errors << " with errors, " << failed << " unreadable, " << rows.size()
      << " finding(s)\n";
  if (!by_rule.empty()) {
    out << "\n"
        << "rule" << std::string(34, ' ') << "  errors  warnings  info\n";
    for (const auto& entry : by_rule) {
      const std::string& rule = entry.first;
      const auto& counts = entry.second;  // a lambda (clang, C++17) cannot capture a binding
      auto count = [&](v1::Severity s) {
        auto it = counts.find(s);
        return it == counts.end() ? 0 : it->second;
      };
      std::string name = rule;
      if (name.size() < 38) name += std::string(38 - name.size(), ' ');
      out << name << "  "
          << std::string(6 - std::min<size_t>(6, absl::StrCat(count(v1::SEVERITY_ERROR)).size()),
                         ' ')
          << count(v1::SEVERITY_ERROR) << "  "
          << std::string(8 - std::min<size_t>(8, absl::StrCat(count(v1::SEVERITY_WARNING)).size()),
                         ' ')
          << count(v1::SEVERITY_WARNING) << "  "
          << std::string(4 - std::min<size_t>(4, absl::StrCat(count(v1::SEVERITY_INFO)).size()),
                         ' ')
          << count(v1::SEVERITY_INFO) << "\n";
    }
  }
  return with_errors > 0 ? kExitFailed : kExitOk;
}

}  // namespace nianbao::cli
