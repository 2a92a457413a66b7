// make_payloads REPORT OUT_DIR [REPORT_NAME]: writes the request bodies
// h2load sends, as gRPC frames (1-byte flag + 4-byte big-endian length +
// message):
//   validate.bin  ValidateReportRequest{report: REPORT}
//   echo.bin      EchoRequest whose serialized size equals validate's
//   bad.bin       ValidateReportRequest{} (INVALID_ARGUMENT; checks the
//                 server-side error count)
// and with REPORT_NAME (a stored report, "agencies/{agency}/reports/{year}"):
//   render_html.bin, render_pdf.bin  RenderReportRequest{name, format}
#include <fstream>
#include <iostream>

#include "nianbao/bench/v1/echo.pb.h"
#include "nianbao/v1/collection.pb.h"
#include "nianbao/v1/validation.pb.h"
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: make_payloads REPORT OUT_DIR [REPORT_NAME]\n";
    return 2;
  }
  nianbao::v1::ValidateReportRequest request;
  if (auto s = nianbao::report::ReadMessageFile(argv[1], std::nullopt, request.mutable_report());
      !s.ok()) {
    std::cerr << s << "\n";
    return 2;
  }
  const std::string validate = request.SerializeAsString();
  // Pick the payload length whose serialized EchoRequest is exactly as long.
  nianbao::bench::v1::EchoRequest echo;
  for (size_t n = validate.size(); n > 0; --n) {
    echo.set_payload(std::string(n, 'x'));
    if (echo.ByteSizeLong() <= validate.size()) break;
  }
  const std::string dir = argv[2];
  bool ok = true;
  if (argc == 4) {
    for (const char* format : {"html", "pdf"}) {
      nianbao::v1::RenderReportRequest render;
      render.set_name(argv[3]);
      render.set_format(format);
      ok = ok && WriteFrame(std::string(argv[2]) + "/render_" + format + ".bin",
                            render.SerializeAsString());
    }
  }
  ok = ok && WriteFrame(dir + "/validate.bin", validate) &&
       WriteFrame(dir + "/echo.bin", echo.SerializeAsString()) &&
       WriteFrame(dir + "/bad.bin", nianbao::v1::ValidateReportRequest().SerializeAsString());
  std::cout << "validate request " << validate.size() << " bytes, echo request "
            << echo.ByteSizeLong() << " bytes\n";
  return ok ? 0 : 1;
}
