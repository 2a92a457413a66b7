#include "plugins/text/display_width.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace nianbao::text {

int CodePointWidth(int32_t c, bool ambiguous_wide) {
  if (c == 0) return 0;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;  // C0/C1 controls
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:  // zero-width space/joiners, soft hyphen's kin
      return 0;
    default:
      break;
  }
  // Hangul medial vowels and final consonants join the preceding syllable.
  if (c >= 0x1160 && c <= 0x11ff) return 0;
  switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
    case U_EA_WIDE:
    case U_EA_FULLWIDTH:
      return 2;
    case U_EA_AMBIGUOUS:
      return ambiguous_wide ? 2 : 1;
    default:
      return 1;
  }
}

int32_t NextCodePoint(absl::string_view text, size_t* i) {
  UChar32 c;
  int32_t offset = static_cast<int32_t>(*i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, static_cast<int32_t>(text.size()),
          c);
  *i = static_cast<size_t>(offset);
  return c < 0 ? 0xfffd : c;
}

int DisplayWidth(absl::string_view text, bool ambiguous_wide) {
  int width = 0;
  for (size_t i = 0; i < text.size();)
    width += CodePointWidth(NextCodePoint(text, &i), ambiguous_wide);
  return width;
}

}  // namespace nianbao::text
