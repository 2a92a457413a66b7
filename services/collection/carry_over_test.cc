#include "services/collection/carry_over.h"

#include <algorithm>
#include <string>

#include "format/field_path.h"
#include "gtest/gtest.h"

namespace nianbao::collection {
namespace {

v1::Count* CountAt(v1::AnnualReport* r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return static_cast<v1::Count*>(format::MutableAt(r, *chain));
}
const v1::Count* Get(const v1::AnnualReport& r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r.GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return format::GetAs<v1::Count>(r, *chain);
}

TEST(CarryOverTest, CarriedForwardBecomesCarriedOverAcrossEditions) {
  v1::AnnualReport last;
  last.set_year(2020);
  last.set_edition(v1::EDITION_2019_TRIAL);
  CountAt(&last, "applications.carried_forward.natural_person")->set_value(7);
  CountAt(&last, "applications.carried_forward.total")->set_value(9);
  CountAt(&last, "applications.carried_forward.commercial_enterprise")->set_value(2);
  CountAt(&last, "applications.carried_forward.research_institution")
      ->set_mark(v1::BLANK_MARK_SLASH);
  v1::AnnualReport now;
  now.set_year(2021);
  now.set_edition(v1::EDITION_2021);
  CountAt(&now, "applications.carried_over.commercial_enterprise")->set_value(3);  // kept

  std::vector<std::string> filled = PrefillFromPreviousYear(last, &now);
  EXPECT_EQ(Get(now, "applications.carried_over.natural_person")->value(), 7);
  EXPECT_EQ(Get(now, "applications.carried_over.total")->value(), 9);
  EXPECT_EQ(Get(now, "applications.carried_over.commercial_enterprise")->value(), 3);
  EXPECT_EQ(Get(now, "applications.carried_over.research_institution"), nullptr);
  std::sort(filled.begin(), filled.end());
  EXPECT_EQ(filled, (std::vector<std::string>{"applications.carried_over.natural_person",
                                              "applications.carried_over.total"}));
}

TEST(CarryOverTest, PreviousYearItemsFromLastYearsItemsPlusChange2019) {
  v1::AnnualReport last;
  last.set_year(2019);
  last.set_edition(v1::EDITION_2019_TRIAL);
  CountAt(&last, "proactive_disclosure_2019.administrative_licensing.previous_year_items")
      ->set_value(300);
  CountAt(&last, "proactive_disclosure_2019.administrative_licensing.change")->set_value(-75);
  CountAt(&last, "proactive_disclosure_2019.administrative_fees.previous_year_items")
      ->set_value(12);
  CountAt(&last, "proactive_disclosure_2019.administrative_fees.change")->set_value(3);
  // Change unknown: nothing can be said about this year's starting figure.
  CountAt(&last, "proactive_disclosure_2019.administrative_penalty.previous_year_items")
      ->set_value(50);
  // Inconsistent (would be negative): left alone.
  CountAt(&last, "proactive_disclosure_2019.administrative_coercion.previous_year_items")
      ->set_value(1);
  CountAt(&last, "proactive_disclosure_2019.administrative_coercion.change")->set_value(-2);
  v1::AnnualReport now;
  now.set_year(2020);
  now.set_edition(v1::EDITION_2019_TRIAL);

  std::vector<std::string> filled = PrefillFromPreviousYear(last, &now);
  EXPECT_EQ(filled.size(), 2u);
  EXPECT_EQ(
      Get(now, "proactive_disclosure_2019.administrative_licensing.previous_year_items")->value(),
      225);
  EXPECT_EQ(Get(now, "proactive_disclosure_2019.administrative_fees.previous_year_items")->value(),
            15);
  EXPECT_EQ(Get(now, "proactive_disclosure_2019.administrative_penalty.previous_year_items"),
            nullptr);
  EXPECT_EQ(Get(now, "proactive_disclosure_2019.administrative_coercion.previous_year_items"),
            nullptr);
  // The change columns themselves are this year's news, never carried.
  EXPECT_EQ(Get(now, "proactive_disclosure_2019.administrative_licensing.change"), nullptr);
}

TEST(CarryOverTest, The2021EditionHasNoItemCountsToCarry) {
  v1::AnnualReport last;
  last.set_year(2020);
  last.set_edition(v1::EDITION_2019_TRIAL);
  CountAt(&last, "proactive_disclosure_2019.administrative_licensing.previous_year_items")
      ->set_value(300);
  CountAt(&last, "proactive_disclosure_2019.administrative_licensing.change")->set_value(1);
  v1::AnnualReport now;
  now.set_year(2021);
  now.set_edition(v1::EDITION_2021);
  EXPECT_TRUE(PrefillFromPreviousYear(last, &now).empty());
  EXPECT_FALSE(now.has_proactive_disclosure_2021());
}

}  // namespace
}  // namespace nianbao::collection
