// seed_store STORE_SPEC REPORT ROOT_ID N: stores agency ROOT_ID and N
// children with a PUBLISHED copy of REPORT each, by direct store inserts
// (stored_reports.h), so that bench/h2load_compare.sh can start a
// nianbao-collection-server with reports to render without going through
// create/submit/publish. Prints the first report's name.
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bench/stored_reports.h"
#include "report/report_io.h"
#include "services/collection/resource_names.h"

int main(int argc, char** argv) {
  int n = 0;
  if (argc != 5 || !absl::SimpleAtoi(argv[4], &n) || n < 1) {
    std::cerr << "usage: seed_store STORE_SPEC REPORT ROOT_ID N\n";
    return 2;
  }
  nianbao::v1::AnnualReport content;
  if (auto s = nianbao::report::ReadMessageFile(argv[2], std::nullopt, &content); !s.ok()) {
    std::cerr << s << "\n";
    return 2;
  }
  auto store = nianbao::collection::OpenStore(argv[1]);
  if (!store.ok()) {
    std::cerr << store.status() << "\n";
    return 1;
  }
  const std::string root = argv[3];
  if (auto s = nianbao::bench::StorePublishedReports(**store, root, content, n); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  std::cout << nianbao::collection::ReportName(absl::StrCat(root, "-0"), content.year()) << "\n";
  return 0;
}
