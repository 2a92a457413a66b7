// nianbao agencies create|get|list --server ADDR ...
//
// The agencies of the collection service (agencies/{agency}).
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/service_client.h"

namespace nianbao::cli {
namespace {

constexpr char kUsage[] =
    "usage: nianbao agencies create ID --display-name NAME [--code CODE] [--level LEVEL]\n"
    "                               [--parent ID]\n"
    "       nianbao agencies get ID\n"
    "       nianbao agencies list [--parent ID] [--page-size N]\n"
    "  ID       the {agency} of agencies/{agency}: a-z, 0-9, '-'\n"
    "  LEVEL    ministry, province, city, county, township, sub-district,\n"
    "           government-department or other\n";

std::string AgencyNameOf(const std::string& id) {
  return id.rfind("agencies/", 0) == 0 ? id : "agencies/" + id;
}

}  // namespace

int RunAgencies(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    (argv.empty() ? std::cerr : std::cout) << kUsage << kServiceFlagsUsage;
    return argv.empty() ? kExitUsage : kExitOk;
  }
  const std::string verb = argv[0];
  std::map<std::string, std::string> flags = kServiceValueFlags;
  flags.insert({{"--display-name", "display-name"},
                {"--code", "code"},
                {"--level", "level"},
                {"--parent", "parent"},
                {"--page-size", "page-size"}});
  auto args = Args::Parse({argv.begin() + 1, argv.end()}, flags, {});
  if (!args.ok()) {
    std::cerr << "nianbao agencies: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  auto client = ServiceClient::FromArgs(*args);
  if (!client.ok()) {
    std::cerr << "nianbao agencies: " << client.status().message() << "\n";
    return kExitUsage;
  }
  const auto& pos = args->positional();
  if (verb == "create") {
    if (pos.size() != 1 || !args->Has("display-name")) {
      std::cerr << "nianbao agencies create: needs ID and --display-name\n" << kUsage;
      return kExitUsage;
    }
    v1::CreateAgencyRequest req;
    req.set_agency_id(pos[0]);
    req.mutable_agency()->set_display_name(*args->Get("display-name"));
    req.mutable_agency()->set_code(args->GetOr("code", ""));
    if (auto parent = args->Get("parent")) req.mutable_agency()->set_parent(AgencyNameOf(*parent));
    if (auto level = args->Get("level")) {
      std::string name = "ADMINISTRATIVE_LEVEL_" + absl::AsciiStrToUpper(*level);
      for (char& c : name) c = c == '-' ? '_' : c;
      v1::AdministrativeLevel l;
      if (!v1::AdministrativeLevel_Parse(name, &l)) {
        std::cerr << "nianbao agencies create: unknown --level " << *level << "\n" << kUsage;
        return kExitUsage;
      }
      req.mutable_agency()->set_level(l);
    }
    v1::ReportingAgency out;
    grpc::Status st = client->stub().CreateAgency(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("create agency", st);
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "get") {
    if (pos.size() != 1) {
      std::cerr << kUsage;
      return kExitUsage;
    }
    v1::GetAgencyRequest req;
    req.set_name(AgencyNameOf(pos[0]));
    v1::ReportingAgency out;
    grpc::Status st = client->stub().GetAgency(client->Context().get(), req, &out);
    if (!st.ok()) return ReportFailure("get agency", st);
    PrintJson(out);
    return kExitOk;
  }
  if (verb == "list") {
    v1::ListAgenciesRequest req;
    if (auto parent = args->Get("parent")) {
      req.set_filter(absl::StrCat("parent = \"", AgencyNameOf(*parent), "\""));
    }
    int size = 0;
    if (auto s = args->Get("page-size")) size = std::atoi(s->c_str());
    req.set_page_size(size);
    // Follow the pages to the end.
    v1::ListAgenciesResponse all;
    while (true) {
      v1::ListAgenciesResponse page;
      grpc::Status st = client->stub().ListAgencies(client->Context().get(), req, &page);
      if (!st.ok()) return ReportFailure("list agencies", st);
      for (const auto& a : page.agencies()) *all.add_agencies() = a;
      if (page.next_page_token().empty()) break;
      req.set_page_token(page.next_page_token());
    }
    PrintJson(all);
    return kExitOk;
  }
  std::cerr << "nianbao agencies: unknown verb \"" << verb << "\"\n" << kUsage;
  return kExitUsage;
}

}  // namespace nianbao::cli
