#include "importer/edition_detector.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(EditionDetectorTest, ColumnLabelsOfTable2TellTheEdition) {
  EXPECT_EQ(DetectEdition({"信息内容", "本年新\n制作数量", "本年新公开数量", "规章"}).edition,
            v1::EDITION_2019_TRIAL);
  EXPECT_EQ(DetectEdition({"信息内容", "本年制发件数", "本年废止件数", "规章"}).edition,
            v1::EDITION_2021);
}

TEST(EditionDetectorTest, SharedLabelsDoNotVote) {
  const EditionVotes votes = DetectEdition({"信息内容", "规章", "规范性文件", "自然人", "42"});
  EXPECT_EQ(votes.edition, v1::EDITION_UNSPECIFIED);
  EXPECT_TRUE(votes.votes.empty());
}

TEST(EditionDetectorTest, The2021SubRowsOf其他处理Vote2021) {
  const EditionVotes votes =
      DetectEdition({"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "3.其他"});
  EXPECT_EQ(votes.edition, v1::EDITION_2021);
}

}  // namespace
}  // namespace nianbao::importer
