#include "plugins/html/html_escape.h"

#include "gtest/gtest.h"

namespace nianbao::html {
namespace {

TEST(EscapeTest, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(Escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(Escape("\"><img src=x onerror='x'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;x&#39;&gt;");
  EXPECT_EQ(Escape("a & b"), "a &amp; b");
  EXPECT_EQ(Escape("&amp;"), "&amp;amp;");
}

TEST(EscapeTest, ChineseAndWhitespacePassThrough) {
  EXPECT_EQ(Escape("（一）予以公开\t第二行\n"), "（一）予以公开\t第二行\n");
}

TEST(EscapeTest, ForbiddenControlCharactersBecomeReplacementCharacter) {
  EXPECT_EQ(Escape(std::string("a\0b\x01\x7f", 5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace nianbao::html
