#include "services/collection/render_request_cache.h"

#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "nianbao/v1/render.pb.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao::collection {
namespace {

using google::protobuf::util::MessageDifferencer;

TEST(RenderRequestCacheTest, LaysOutTheReportAndItsDocument) {
  const v1::AnnualReport seed = testing::LoadExample("hongqiao-2020.json");
  RenderRequestCache cache(8 << 20);
  auto bytes = cache.Get("agencies/a/reports/2020", seed);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  v1::RenderRequest request;
  ASSERT_TRUE(request.ParseFromString(**bytes));
  EXPECT_TRUE(MessageDifferencer::Equals(request.report(), seed));
  auto document = renderers::BuildDocument(seed);
  ASSERT_TRUE(document.ok());
  EXPECT_TRUE(MessageDifferencer::Equals(request.document(), *document));
  EXPECT_FALSE(request.has_options());

  // The service appends the call's options as field 3.
  std::string with_options = **bytes;
  v1::RenderRequest options;
  options.mutable_options()->set_paper_size("A4");
  options.AppendToString(&with_options);
  ASSERT_TRUE(request.ParseFromString(with_options));
  EXPECT_EQ(request.options().paper_size(), "A4");
  EXPECT_TRUE(MessageDifferencer::Equals(request.document(), *document));
}

TEST(RenderRequestCacheTest, ServesOnlyTheContentItWasLaidOutFrom) {
  const v1::AnnualReport seed = testing::LoadExample("hongqiao-2020.json");
  RenderRequestCache cache(8 << 20);
  auto first = cache.Get("r", seed);
  auto again = cache.Get("r", seed);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->get(), again->get());  // the same bytes, not laid out again
  EXPECT_EQ(cache.stats().hits, 1);
  EXPECT_EQ(cache.stats().misses, 1);

  // Any change, even one the etag would not show, lays it out anew.
  v1::AnnualReport changed = seed;
  changed.set_title(seed.title() + "（修订）");
  auto third = cache.Get("r", changed);
  ASSERT_TRUE(third.ok());
  v1::RenderRequest request;
  ASSERT_TRUE(request.ParseFromString(**third));
  EXPECT_EQ(request.report().title(), changed.title());
  EXPECT_EQ(cache.stats().misses, 2);
  EXPECT_EQ(cache.stats().entries, 1u);  // replaced, not added
}

TEST(RenderRequestCacheTest, StaysWithinItsBudget) {
  const v1::AnnualReport seed = testing::LoadExample("hongqiao-2020.json");
  RenderRequestCache probe(64 << 20);
  ASSERT_TRUE(probe.Get("one", seed).ok());
  const size_t entry = probe.stats().bytes;
  ASSERT_GT(entry, 0u);

  // Room for two: a third evicts the least recently used.
  RenderRequestCache cache(2 * entry + entry / 2);
  ASSERT_TRUE(cache.Get("a", seed).ok());
  ASSERT_TRUE(cache.Get("b", seed).ok());
  ASSERT_TRUE(cache.Get("a", seed).ok());  // a is now the most recent
  ASSERT_TRUE(cache.Get("c", seed).ok());  // evicts b
  EXPECT_EQ(cache.stats().entries, 2u);
  EXPECT_LE(cache.stats().bytes, 2 * entry + entry / 2);
  const int64_t misses = cache.stats().misses;
  ASSERT_TRUE(cache.Get("a", seed).ok());
  EXPECT_EQ(cache.stats().misses, misses);  // still there
  ASSERT_TRUE(cache.Get("b", seed).ok());
  EXPECT_EQ(cache.stats().misses, misses + 1);  // was evicted

  // A zero budget keeps nothing but still lays out.
  RenderRequestCache none(0);
  ASSERT_TRUE(none.Get("a", seed).ok());
  ASSERT_TRUE(none.Get("a", seed).ok());
  EXPECT_EQ(none.stats().misses, 2);
  EXPECT_EQ(none.stats().entries, 0u);
}

TEST(RenderRequestCacheTest, ALayoutErrorIsReturnedAndNothingKept) {
  v1::AnnualReport no_edition;
  no_edition.set_year(1990);  // before either edition of the format
  RenderRequestCache cache(8 << 20);
  auto bytes = cache.Get("r", no_edition);
  EXPECT_FALSE(bytes.ok());
  EXPECT_EQ(cache.stats().entries, 0u);
}

}  // namespace
}  // namespace nianbao::collection
