// nianbao reports VERB --server ADDR ...
//
// The reports of the collection service: create, get, list, update, delete,
// versions, submit, publish, return (to draft), aggregate, render, formats,
// and the review of warnings (violations, review) and the hierarchy check.
#include <fstream>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/service_client.h"
#include "report/report_io.h"

namespace nianbao::cli {
namespace {

constexpr char kUsage[] =
    "usage: nianbao reports create --agency ID REPORT_FILE [--request-id ID] [--prefill]\n"
    "       nianbao reports get NAME [--to json|textproto|binary] [-o OUT]\n"
    "       nianbao reports list [--agency ID] [--filter FILTER]\n"
    "       nianbao reports update NAME REPORT_FILE --etag ETAG [--mask PATH,...]\n"
    "       nianbao reports delete NAME [--etag ETAG]\n"
    "       nianbao reports versions NAME\n"
    "       nianbao reports submit|publish NAME [--etag ETAG]\n"
    "       nianbao reports return NAME [--reason TEXT]\n"
    "       nianbao reports aggregate --agency ID --year YEAR\n"
    "       nianbao reports render NAME --format FORMAT [-o OUT | --out-dir DIR]\n"
    "       nianbao reports formats\n"
    "       nianbao reports violations NAME\n"
    "       nianbao reports review NAME --fingerprint FP --decision waive|acknowledge\n"
    "                              --reason TEXT [--etag ETAG]\n"
    "       nianbao reports check-hierarchy NAME\n"
    "  NAME    agencies/{agency}/reports/{year}\n"
    "  FILTER  e.g. 'year = 2020 AND state = PUBLISHED' (keys: year, state, edition,\n"
    "          aggregated)\n"
    "  --mask  content.* paths to change; default: the whole content\n";

std::string AgencyNameOf(const std::string& id) {
  return id.rfind("agencies/", 0) == 0 ? id : "agencies/" + id;
}

int Usage(const std::string& why) {
  std::cerr << "nianbao reports: " << why << "\n" << kUsage;
  return kExitUsage;
}

}  // namespace

int RunReports(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    (argv.empty() ? std::cerr : std::cout) << kUsage << kServiceFlagsUsage;
    return argv.empty() ? kExitUsage : kExitOk;
  }
  const std::string verb = argv[0];
  std::map<std::string, std::string> flags = kServiceValueFlags;
  flags.insert({{"--agency", "agency"},
                {"--request-id", "request-id"},
                {"--filter", "filter"},
                {"--etag", "etag"},
                {"--mask", "mask"},
                {"--reason", "reason"},
                {"--year", "year"},
                {"--format", "format"},
                {"--to", "to"},
                {"-o", "output"},
                {"--output", "output"},
                {"--out-dir", "out-dir"},
                {"--fingerprint", "fingerprint"},
                {"--decision", "decision"}});
  auto args = Args::Parse({argv.begin() + 1, argv.end()}, flags, {{"--prefill", "prefill"}});
  if (!args.ok()) return Usage(std::string(args.status().message()));
  auto client = ServiceClient::FromArgs(*args);
  if (!client.ok()) return Usage(std::string(client.status().message()));
  const auto& pos = args->positional();
  auto one_name = [&]() -> bool { return pos.size() == 1; };

  if (verb == "create" || verb == "update") {
    const size_t file_index = verb == "create" ? 0 : 1;
    if (pos.size() != file_index + 1) return Usage("expected a report file");
    v1::AnnualReport content;
    if (absl::Status s = report::ReadMessageFile(pos[file_index], std::nullopt, &content);
        !s.ok()) {
      std::cerr << "nianbao reports: " << s.message() << "\n";
      return kExitUsage;
    }
    v1::Report out;
    grpc::Status st;
    if (verb == "create") {
      if (!args->Has("agency")) return Usage("create needs --agency");
      v1::CreateReportRequest req;
      req.set_parent(AgencyNameOf(*args->Get("agency")));
      *req.mutable_report()->mutable_content() = content;
      req.set_request_id(args->GetOr("request-id", ""));
      req.set_prefill_from_previous_year(args->Has("prefill"));
      st = client->stub().CreateReport(client->Context().get(), req, &out);
    } else {
      v1::UpdateReportRequest req;
      req.mutable_report()->set_name(pos[0]);
      req.mutable_report()->set_etag(args->GetOr("etag", ""));
      *req.mutable_report()->mutable_content() = content;
      for (absl::string_view p : absl::StrSplit(args->GetOr("mask", ""), ',', absl::SkipEmpty())) {
        req.mutable_update_mask()->add_paths(std::string(p));
      }
      st = client->stub().UpdateReport(client->Context().get(), req, &out);
    }
    if (!st.ok()) return ReportFailure(verb + " report", st);
    out.clear_content();  // the caller has it; print the resource's metadata
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "get") {
    if (!one_name()) return Usage("get needs NAME");
    v1::GetReportRequest req;
    req.set_name(pos[0]);
    v1::Report out;
    grpc::Status st = client->stub().GetReport(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("get report", st);
    if (!args->Has("to") && !args->Has("output")) {
      PrintJson(out);
      return kExitOk;
    }
    // The report content alone, in a file encoding, like `nianbao convert`.
    auto to = report::ParseEncodingName(args->GetOr("to", "json"));
    if (!to.ok()) return Usage(std::string(to.status().message()));
    auto bytes = report::Serialize(out.content(), *to);
    if (!bytes.ok()) return ReportFailure("encode", grpc::Status(grpc::StatusCode::INTERNAL, ""));
    if (absl::Status s = report::WriteFile(args->GetOr("output", "-"), *bytes); !s.ok()) {
      std::cerr << "nianbao reports: " << s.message() << "\n";
      return kExitFailed;
    }
    return kExitOk;
  }
  if (verb == "list") {
    v1::ListReportsRequest req;
    req.set_parent(args->Has("agency") ? AgencyNameOf(*args->Get("agency")) : "agencies/-");
    req.set_filter(args->GetOr("filter", ""));
    v1::ListReportsResponse all;
    while (true) {
      v1::ListReportsResponse page;
      grpc::Status st = client->stub().ListReports(client->Context().get(), req, &page);
      if (!st.ok()) return ReportFailure("list reports", st);
      for (auto& r : *page.mutable_reports()) {
        r.clear_content();  // a listing shows metadata; `get` shows content
        *all.add_reports() = r;
      }
      if (page.next_page_token().empty()) break;
      req.set_page_token(page.next_page_token());
    }
    PrintJson(all);
    return kExitOk;
  }
  if (verb == "delete") {
    if (!one_name()) return Usage("delete needs NAME");
    v1::DeleteReportRequest req;
    req.set_name(pos[0]);
    req.set_etag(args->GetOr("etag", ""));
    google::protobuf::Empty out;
    grpc::Status st = client->stub().DeleteReport(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("delete report", st);
    return kExitOk;
  }
  if (verb == "versions") {
    if (!one_name()) return Usage("versions needs NAME");
    v1::ListReportVersionsRequest req;
    req.set_parent(pos[0]);
    v1::ListReportVersionsResponse all;
    while (true) {
      v1::ListReportVersionsResponse page;
      grpc::Status st = client->stub().ListReportVersions(client->Context().get(), req, &page);
      if (!st.ok()) return ReportFailure("list versions", st);
      for (auto& v : *page.mutable_report_versions()) {
        v.clear_content();
        *all.add_report_versions() = v;
      }
      if (page.next_page_token().empty()) break;
      req.set_page_token(page.next_page_token());
    }
    PrintJson(all);
    return kExitOk;
  }
  if (verb == "submit" || verb == "publish" || verb == "return") {
    if (!one_name()) return Usage(verb + " needs NAME");
    v1::Report out;
    grpc::Status st;
    if (verb == "submit") {
      v1::SubmitReportRequest req;
      req.set_name(pos[0]);
      req.set_etag(args->GetOr("etag", ""));
      st = client->stub().SubmitReport(client->Context().get(), req, &out);
    } else if (verb == "publish") {
      v1::PublishReportRequest req;
      req.set_name(pos[0]);
      req.set_etag(args->GetOr("etag", ""));
      st = client->stub().PublishReport(client->Context().get(), req, &out);
    } else {
      v1::ReturnReportToDraftRequest req;
      req.set_name(pos[0]);
      req.set_etag(args->GetOr("etag", ""));
      req.set_reason(args->GetOr("reason", ""));
      st = client->stub().ReturnReportToDraft(client->Context().get(), req, &out);
    }
    if (!st.ok()) return ReportFailure(verb + " report", st);
    out.clear_content();
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "aggregate") {
    int year = 0;
    if (!args->Has("agency") || !absl::SimpleAtoi(args->GetOr("year", ""), &year)) {
      return Usage("aggregate needs --agency and --year");
    }
    v1::AggregateReportsRequest req;
    req.set_parent(AgencyNameOf(*args->Get("agency")));
    req.set_year(year);
    v1::AggregateReportsResponse out;
    grpc::Status st = client->stub().AggregateReports(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("aggregate", st);
    out.mutable_report()->clear_content();
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "render") {
    if (!one_name() || !args->Has("format")) return Usage("render needs NAME and --format");
    v1::RenderReportRequest req;
    req.set_name(pos[0]);
    req.set_format(*args->Get("format"));
    v1::RenderReportResponse out;
    grpc::Status st = client->stub().RenderReport(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("render", st);
    std::string path = args->GetOr("output", "");
    if (path.empty()) path = absl::StrCat(args->GetOr("out-dir", "."), "/", out.file_name());
    if (absl::Status s = report::WriteFile(path, out.content()); !s.ok()) {
      std::cerr << "nianbao reports: " << s.message() << "\n";
      return kExitFailed;
    }
    if (path != "-")
      std::cout << path << " (" << out.mime_type() << ", " << out.content().size() << " bytes)\n";
    return kExitOk;
  }
  if (verb == "formats") {
    v1::ListRenderFormatsResponse out;
    grpc::Status st = client->stub().ListRenderFormats(client->Context().get(), {}, &out);
    if (!st.ok()) return ReportFailure("list formats", st);
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "violations") {
    if (!one_name()) return Usage("violations needs NAME");
    v1::ListReportViolationsRequest req;
    req.set_parent(pos[0]);
    v1::ListReportViolationsResponse out;
    grpc::Status st = client->stub().ListReportViolations(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("list violations", st);
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "review") {
    if (!one_name() || !args->Has("fingerprint") || !args->Has("reason")) {
      return Usage("review needs NAME, --fingerprint, --decision and --reason");
    }
    const std::string decision = args->GetOr("decision", "");
    v1::ReviewReportViolationRequest req;
    if (decision == "waive") {
      req.set_decision(v1::REVIEW_DECISION_WAIVED);
    } else if (decision == "acknowledge") {
      req.set_decision(v1::REVIEW_DECISION_ACKNOWLEDGED);
    } else {
      return Usage("--decision is waive or acknowledge");
    }
    req.set_name(pos[0]);
    req.set_fingerprint(*args->Get("fingerprint"));
    req.set_reason(*args->Get("reason"));
    req.set_etag(args->GetOr("etag", ""));
    v1::ReviewedViolation out;
    grpc::Status st = client->stub().ReviewReportViolation(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("review violation", st);
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "check-hierarchy") {
    if (!one_name()) return Usage("check-hierarchy needs NAME");
    v1::CheckReportHierarchyRequest req;
    req.set_name(pos[0]);
    v1::CheckReportHierarchyResponse out;
    grpc::Status st = client->stub().CheckReportHierarchy(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("check hierarchy", st);
    PrintJson(out);
    // Differences or missing reports are findings: exit 1, like validate.
    return out.differences().empty() && out.missing_agencies().empty() ? kExitOk : kExitFailed;
  }
  return Usage("unknown verb \"" + verb + "\"");
}

}  // namespace nianbao::cli
