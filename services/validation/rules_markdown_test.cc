// docs/rules.md must be what the rule declarations generate.
#include "services/validation/rules_markdown.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "services/validation/rule.h"

namespace nianbao::validation {
namespace {

TEST(RulesMarkdownTest, CheckedInFileIsCurrent) {
  std::ifstream in(NIANBAO_SOURCE_DIR "/docs/rules.md", std::ios::binary);
  ASSERT_TRUE(in) << "docs/rules.md is missing; run: ninja -C build update-rules-doc";
  std::stringstream buf;
  buf << in.rdbuf();
  EXPECT_EQ(buf.str(), RulesMarkdown())
      << "docs/rules.md is stale; run: ninja -C build update-rules-doc";
}

TEST(RulesMarkdownTest, EveryRuleIsListedOnce) {
  const std::string doc = RulesMarkdown();
  for (const Rule* r : AllRules()) {
    const std::string cell = std::string("| `") + r->id + "` |";
    const size_t first = doc.find(cell);
    EXPECT_NE(first, std::string::npos) << r->id;
    EXPECT_EQ(doc.find(cell, first + 1), std::string::npos) << r->id;
  }
}

TEST(RulesMarkdownTest, IdsAreUnique) {
  for (const Rule* r : AllRules()) EXPECT_EQ(FindRule(r->id), r) << r->id;
}

}  // namespace
}  // namespace nianbao::validation
