#include "importer/narrative_parser.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(NarrativeParserTest, SubsectionHeadingsKeepTheirPrintedNumber) {
  std::string number, title;
  ASSERT_TRUE(ParseSubsectionHeading("(一)主动公开方面", &number, &title));
  EXPECT_EQ(number, "(一)");
  EXPECT_EQ(title, "主动公开方面");
  ASSERT_TRUE(ParseSubsectionHeading("（二） 改进情况", &number, &title));
  EXPECT_EQ(number, "（二）");
  EXPECT_EQ(title, "改进情况");
  EXPECT_FALSE(ParseSubsectionHeading("(一)本年度共收到申请300件。", &number, &title));
  EXPECT_FALSE(ParseSubsectionHeading("1.持续推动重点领域公开", &number, &title));
}

TEST(NarrativeParserTest, Topics) {
  EXPECT_EQ(TopicOf("general_situation", "平台建设方面"),
            v1::SUBSECTION_TOPIC_PLATFORM_CONSTRUCTION);
  EXPECT_EQ(TopicOf("general_situation", "依申请公开"),
            v1::SUBSECTION_TOPIC_DISCLOSURE_ON_APPLICATION);
  EXPECT_EQ(TopicOf("general_situation", "其他工作"), v1::SUBSECTION_TOPIC_UNSPECIFIED);
  EXPECT_EQ(TopicOf("problems_and_improvements", "存在的问题"), v1::SUBSECTION_TOPIC_PROBLEMS);
  EXPECT_EQ(TopicOf("problems_and_improvements", "改进措施"), v1::SUBSECTION_TOPIC_IMPROVEMENTS);
  EXPECT_EQ(TopicOf("other_matters.narrative", "信息处理费收取情况"),
            v1::SUBSECTION_TOPIC_PROCESSING_FEES);
}

TEST(NarrativeParserTest, ParagraphsGoIntoTheOpenSubsection) {
  const v1::Narrative n = ParseNarrative({"开头一段。", "(一)主动公开方面", "1.甲。", "", "2.乙。"},
                                         "general_situation");
  ASSERT_EQ(n.blocks_size(), 2);
  EXPECT_EQ(n.blocks(0).paragraph().text(), "开头一段。");
  ASSERT_EQ(n.blocks(1).subsection().blocks_size(), 2);
  EXPECT_EQ(n.blocks(1).subsection().topic(), v1::SUBSECTION_TOPIC_PROACTIVE_DISCLOSURE);
  EXPECT_EQ(n.blocks(1).subsection().blocks(1).paragraph().text(), "2.乙。");
}

TEST(NarrativeParserTest, SignatureBlockMovesToTheClosing) {
  v1::Narrative n =
      ParseNarrative({"（一）其他", "本年度无。", "示例市人民政府办公室", "2023年1月30日"},
                     "other_matters.narrative");
  const v1::Narrative closing = SplitClosing(&n);
  ASSERT_EQ(closing.blocks_size(), 2);
  EXPECT_EQ(closing.blocks(0).paragraph().text(), "示例市人民政府办公室");
  EXPECT_EQ(n.blocks(0).subsection().blocks_size(), 1);
  v1::Narrative plain = ParseNarrative({"无。"}, "other_matters.narrative");
  EXPECT_EQ(SplitClosing(&plain).blocks_size(), 0);
  EXPECT_EQ(plain.blocks_size(), 1);
}

}  // namespace
}  // namespace nianbao::importer
