// render_setup TARGET REPORT OUT_DIR: prepares a collection server for the
// RenderReport benchmark (bench/render_isolation_bench.sh): creates agency
// "bench" and its report from REPORT (ALREADY_EXISTS is fine), then writes
// the bodies h2load sends, as gRPC frames (1-byte flag + 4-byte big-endian
// length + message): html.bin and pdf.bin, RenderReportRequests for the
// report in each format.
#include <fstream>
#include <iostream>
#include <string>

#include "grpcpp/create_channel.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "report/report_io.h"

namespace {

bool WriteFrame(const std::string& path, const std::string& message) {
  std::string frame(5, '\0');
  const uint32_t n = static_cast<uint32_t>(message.size());
  frame[1] = static_cast<char>(n >> 24);
  frame[2] = static_cast<char>(n >> 16);
  frame[3] = static_cast<char>(n >> 8);
  frame[4] = static_cast<char>(n);
  frame += message;
  std::ofstream out(path, std::ios::binary);
  out << frame;
  return out.good();
}

bool Ok(const grpc::Status& st, const char* what) {
  if (st.ok() || st.error_code() == grpc::StatusCode::ALREADY_EXISTS) return true;
  std::cerr << what << ": " << st.error_message() << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: render_setup TARGET REPORT OUT_DIR\n";
    return 2;
  }
  auto stub = nianbao::v1::CollectionService::NewStub(
      grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials()));
  nianbao::v1::CreateAgencyRequest agency;
  agency.set_agency_id("bench");
  agency.mutable_agency()->set_display_name("bench");
  agency.mutable_agency()->set_level(nianbao::v1::ADMINISTRATIVE_LEVEL_COUNTY);
  nianbao::v1::ReportingAgency a;
  grpc::ClientContext c1;
  if (!Ok(stub->CreateAgency(&c1, agency, &a), "CreateAgency")) return 1;
  nianbao::v1::CreateReportRequest create;
  create.set_parent("agencies/bench");
  if (auto s = nianbao::report::ReadMessageFile(argv[2], std::nullopt,
                                                create.mutable_report()->mutable_content());
      !s.ok()) {
    std::cerr << s << "\n";
    return 2;
  }
  nianbao::v1::Report r;
  grpc::ClientContext c2;
  if (!Ok(stub->CreateReport(&c2, create, &r), "CreateReport")) return 1;
  const std::string name =
      "agencies/bench/reports/" + std::to_string(create.report().content().year());
  for (const char* format : {"html", "pdf"}) {
    nianbao::v1::RenderReportRequest render;
    render.set_name(name);
    render.set_format(format);
    render.mutable_options()->set_deterministic(true);
    // One call first: the format must exist and render.
    nianbao::v1::RenderReportResponse out;
    grpc::ClientContext c3;
    grpc::Status st = stub->RenderReport(&c3, render, &out);
    if (!st.ok()) {
      std::cerr << format << ": " << st.error_message() << "\n";
      return 1;
    }
    std::cout << format << ": " << out.content().size() << " bytes out\n";
    if (!WriteFrame(std::string(argv[3]) + "/" + format + ".bin", render.SerializeAsString())) {
      return 1;
    }
  }
  return 0;
}
