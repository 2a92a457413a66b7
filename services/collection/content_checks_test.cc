#include "services/collection/content_checks.h"

#include <string>

#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao::collection {
namespace {

v1::AnnualReport City() {
  v1::AnnualReport r;
  EXPECT_TRUE(report::ReadMessageFile(testing::SourcePath("examples/example-city-2022.json"),
                                      std::nullopt, &r)
                  .ok());
  return r;
}

std::vector<std::string> Fields(const BadRequestBuilder& bad) {
  std::vector<std::string> out;
  if (bad.empty()) return out;
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(bad.Build().error_details()));
  google::rpc::BadRequest br;
  EXPECT_TRUE(details.details(0).UnpackTo(&br));
  for (const auto& v : br.field_violations()) out.push_back(v.field());
  return out;
}

TEST(CheckStorableContent, AcceptsTheExamplesAndUnfinishedDrafts) {
  BadRequestBuilder bad;
  CheckStorableContent(City(), "report.content", &bad);
  EXPECT_TRUE(bad.empty()) << bad.Build().error_message();
  // Sums that do not add up and empty sections are for Submit to report.
  v1::AnnualReport unfinished = City();
  unfinished.mutable_applications()->mutable_new_received()->mutable_total()->set_value(1);
  unfinished.clear_closing();
  CheckStorableContent(unfinished, "report.content", &bad);
  EXPECT_TRUE(bad.empty()) << bad.Build().error_message();
}

TEST(CheckStorableContent, RefusesImpossibleContent) {
  v1::AnnualReport r = City();
  r.mutable_applications()->mutable_new_received()->mutable_natural_person()->set_value(-1);
  BadRequestBuilder bad;
  CheckStorableContent(r, "report.content", &bad);
  EXPECT_EQ(Fields(bad),
            std::vector<std::string>{"report.content.applications.new_received.natural_person"});

  r = City();
  r.set_edition(static_cast<v1::Edition>(99));
  BadRequestBuilder unknown;
  CheckStorableContent(r, "c", &unknown);
  EXPECT_EQ(Fields(unknown), std::vector<std::string>{"c.edition"});

  r = City();
  r.set_title(std::string(kMaxTextBytes + 1, 'x'));
  BadRequestBuilder big;
  CheckStorableContent(r, "c", &big);
  EXPECT_EQ(Fields(big), std::vector<std::string>{"c.title"});
}

TEST(CheckStorableContent, RefusesDeepNesting) {
  v1::AnnualReport r = City();
  v1::Narrative* n = r.mutable_closing();
  google::protobuf::RepeatedPtrField<v1::Block>* blocks = n->mutable_blocks();
  for (int i = 0; i <= kMaxSubsectionDepth; ++i) {
    v1::Subsection* s = blocks->Add()->mutable_subsection();
    s->set_title("x");
    blocks = s->mutable_blocks();
  }
  BadRequestBuilder bad;
  CheckStorableContent(r, "c", &bad);
  ASSERT_EQ(Fields(bad).size(), 1u);
  EXPECT_NE(bad.Build().error_message().find("deeper than 8"), std::string::npos);
}

}  // namespace
}  // namespace nianbao::collection
