#include "services/collection/wire_filter.h"

#include <string>
#include <vector>

#include "format/field_path.h"
#include "gtest/gtest.h"
#include "nianbao/v1/report.pb.h"
#include "tests/test_support.h"

namespace nianbao::collection {
namespace {

std::vector<int> Numbers(const std::string& path) {
  absl::StatusOr<format::FieldChain> chain =
      format::ResolvePath(v1::AnnualReport::descriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  std::vector<int> out;
  for (const auto* f : *chain) out.push_back(f->number());
  return out;
}

const std::vector<std::string> kKept = {
    "applications.new_received.natural_person",
    "applications.results.disclosed",  // a message kept whole
    "review_litigation.reconsideration.upheld",
    "proactive_disclosure_2019.government_procurement.total_amount",
};

// The seed (2019 edition, long narratives): parsing the projection gives the
// kept fields as parsing the whole report does, and nothing else.
TEST(WireFilterTest, KeepsTheFieldsOnItsPathsAndDropsTheRest) {
  const v1::AnnualReport seed = testing::LoadExample("hongqiao-2020.json");
  WireFilter filter;
  for (const std::string& path : kKept) filter.Keep(Numbers(path));
  filter.Keep({v1::AnnualReport::kYearFieldNumber});
  const std::string bytes = seed.SerializeAsString();
  std::string out;
  WireFilter::Scratch scratch;
  ASSERT_TRUE(filter.Filter(bytes, &out, &scratch));
  EXPECT_LT(out.size(), bytes.size() / 4);
  v1::AnnualReport parsed;
  ASSERT_TRUE(parsed.ParseFromString(out));

  v1::AnnualReport expected;
  expected.set_year(seed.year());
  for (const std::string& path : kKept) {
    format::FieldChain chain = *format::ResolvePath(v1::AnnualReport::descriptor(), path);
    const google::protobuf::Message* cell = format::GetAt(seed, chain);
    ASSERT_NE(cell, nullptr) << path << " is set in the seed";
    format::MutableAt(&expected, chain)->CopyFrom(*cell);
  }
  EXPECT_EQ(parsed.SerializeAsString(), expected.SerializeAsString());
  EXPECT_FALSE(parsed.has_general_situation());
  EXPECT_TRUE(parsed.applications().results().disclosed().has_natural_person());

  // Scratch reused, and a path already inside a kept message changes nothing.
  filter.Keep(Numbers("applications.results.disclosed.natural_person"));
  std::string again;
  ASSERT_TRUE(filter.Filter(bytes, &again, &scratch));
  EXPECT_EQ(again, out);
}

// A message on a path that holds none of the kept fields is still present
// after parsing, as in the whole report; absent ones stay absent.
TEST(WireFilterTest, KeepsThePresenceOfMessagesAlongThePath) {
  v1::AnnualReport r;
  r.mutable_applications()->mutable_new_received()->mutable_total()->set_value(3);
  WireFilter filter;
  filter.Keep(Numbers("applications.new_received.natural_person"));
  filter.Keep(Numbers("review_litigation.reconsideration.upheld"));
  std::string out;
  WireFilter::Scratch scratch;
  ASSERT_TRUE(filter.Filter(r.SerializeAsString(), &out, &scratch));
  v1::AnnualReport parsed;
  ASSERT_TRUE(parsed.ParseFromString(out));
  EXPECT_TRUE(parsed.applications().has_new_received());
  EXPECT_FALSE(parsed.applications().new_received().has_total());
  EXPECT_FALSE(parsed.applications().new_received().has_natural_person());
  EXPECT_FALSE(parsed.has_review_litigation());
}

TEST(WireFilterTest, RefusesBytesThatAreNotWireFormat) {
  WireFilter filter;
  filter.Keep(Numbers("applications.new_received.natural_person"));
  std::string out;
  WireFilter::Scratch scratch;
  const std::string good = testing::LoadExample("hongqiao-2020.json").SerializeAsString();
  EXPECT_FALSE(filter.Filter(good.substr(0, good.size() - 1), &out, &scratch));  // cut short
  EXPECT_FALSE(filter.Filter(std::string("\x0b\x00", 2), &out, &scratch));       // a group
  EXPECT_FALSE(filter.Filter(std::string("\xff\xff\xff", 3), &out, &scratch));
  EXPECT_TRUE(filter.Filter("", &out, &scratch));
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace nianbao::collection
