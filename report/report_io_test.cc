#include "report/report_io.h"

#include "gtest/gtest.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::report {
namespace {

TEST(ReportIoTest, DetectsEncodings) {
  EXPECT_EQ(DetectEncoding("a.json", "x"), Encoding::kJson);
  EXPECT_EQ(DetectEncoding("a.txtpb", "{"), Encoding::kTextproto);
  EXPECT_EQ(DetectEncoding("a.pb", "{"), Encoding::kBinary);
  EXPECT_EQ(DetectEncoding("-", "  {\"year\": 1}"), Encoding::kJson);
  EXPECT_EQ(DetectEncoding("-", "year: 2020\n"), Encoding::kTextproto);
  EXPECT_EQ(DetectEncoding("-", std::string("\x10\xe4\x0f", 3)), Encoding::kBinary);
}

TEST(ReportIoTest, TextprotoErrorsNameLineAndColumn) {
  v1::AnnualReport report;
  absl::Status s =
      Parse("year: 2020\nedition: NOT_AN_EDITION\n", Encoding::kTextproto, "r.txtpb", &report);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  // The parser places the error at or just after the bad token.
  EXPECT_NE(s.message().find("r.txtpb:"), std::string::npos) << s;
  EXPECT_NE(s.message().find("NOT_AN_EDITION"), std::string::npos) << s;
}

TEST(ReportIoTest, JsonErrorsNameTheField) {
  v1::AnnualReport report;
  absl::Status s = Parse(R"({"year": 2020, "yaer": 1})", Encoding::kJson, "r.json", &report);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("r.json"), std::string::npos) << s;
  EXPECT_NE(s.message().find("yaer"), std::string::npos) << s;
}

TEST(ReportIoTest, BinaryGarbageIsRejected) {
  v1::AnnualReport report;
  EXPECT_FALSE(Parse(std::string("\xff\xff\xff", 3), Encoding::kBinary, "x", &report).ok());
}

TEST(ReportIoTest, RoundTripsEveryEncoding) {
  v1::AnnualReport report;
  report.set_year(2020);
  report.mutable_agency()->set_name("天津市红桥区人民政府");
  report.mutable_applications()->mutable_new_received()->mutable_total()->set_value(300);
  for (Encoding e : {Encoding::kJson, Encoding::kTextproto, Encoding::kBinary}) {
    auto bytes = Serialize(report, e);
    ASSERT_TRUE(bytes.ok());
    v1::AnnualReport back;
    ASSERT_TRUE(Parse(*bytes, e, "x", &back).ok()) << EncodingName(e);
    EXPECT_EQ(back.SerializeAsString(), report.SerializeAsString()) << EncodingName(e);
  }
}

TEST(ReportIoTest, MissingFileIsNotFound) {
  v1::AnnualReport report;
  absl::Status s = ReadMessageFile("/nonexistent/r.json", std::nullopt, &report);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(s.message().find("/nonexistent/r.json"), std::string::npos);
}

}  // namespace
}  // namespace nianbao::report
