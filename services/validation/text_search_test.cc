#include "services/validation/text_search.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nianbao::validation {
namespace {

constexpr absl::string_view kClosed[] = {"全部办结", "均已答复", "办结率100%", "无结转"};
constexpr WordList kClosedList(kClosed);

TEST(WordListTest, FindsEachWordAnywhere) {
  EXPECT_TRUE(kClosedList.In("全部办结"));
  EXPECT_TRUE(kClosedList.In("本年度申请均已答复。"));
  EXPECT_TRUE(kClosedList.In("办结率100%"));
  EXPECT_TRUE(kClosedList.In("x无结转"));
  EXPECT_FALSE(kClosedList.In("全部办理"));
  EXPECT_FALSE(kClosedList.In("办结率10%"));
  EXPECT_FALSE(kClosedList.In(""));
  EXPECT_FALSE(kClosedList.In("无结"));  // shorter than the shortest word
}

// Against find() on random texts over a small alphabet, so that words and
// near-misses occur often, at every alignment, at both ends.
TEST(WordListTest, AgreesWithFindOnRandomText) {
  static constexpr absl::string_view kAlphabet[] = {"办", "结", "全", "部", "均", "已",
                                                    "答", "复", "1",  "0",  "%",  "，"};
  static constexpr absl::string_view kWords[] = {"办结", "全部办结", "均已答复", "结1", "0%"};
  static constexpr WordList kList(kWords);
  std::mt19937 rng(20201231);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) text += std::string(kAlphabet[rng() % 12]);
    bool expected = false;
    for (absl::string_view w : kWords) expected |= text.find(std::string(w)) != std::string::npos;
    ASSERT_EQ(kList.In(text), expected) << text;
  }
}

TEST(FindTextTest, AgreesWithFindOnRandomText) {
  static constexpr absl::string_view kAlphabet[] = {"办", "结", "全", "部", "1", "0", "%", "，"};
  static constexpr absl::string_view kWords[] = {"办结", "全部办结", "结1",   "0%",
                                                 "1",    "",         "部，0", "办办结"};
  std::mt19937 rng(20211231);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(rng() % 10);
    for (int i = 0; i < length; ++i) text += std::string(kAlphabet[rng() % 8]);
    const absl::string_view w = kWords[rng() % 8];
    const size_t from = rng() % (text.size() + 2);
    ASSERT_EQ(FindText(text, w, from), absl::string_view(text).find(w, from))
        << text << " / " << w << " from " << from;
  }
}

}  // namespace
}  // namespace nianbao::validation
